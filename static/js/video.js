// Click-to-load video: the player (and so the video host) is only requested once the
// visitor presses play. A module file, not inline script, so the strict CSP holds; a
// module included several times on a page runs once.
for (const placeholder of document.querySelectorAll("[data-hlp-video-embed]")) {
  const button = placeholder.querySelector("[data-hlp-video-play]");
  if (!button) continue;
  button.hidden = false;
  button.addEventListener(
    "click",
    () => {
      const iframe = document.createElement("iframe");
      iframe.src = placeholder.dataset.hlpVideoEmbed;
      iframe.title = placeholder.dataset.hlpVideoTitle;
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      placeholder.classList.remove("hlp-video__placeholder");
      placeholder.replaceChildren(iframe);
      iframe.focus();
    },
    { once: true },
  );
}

// "Read the transcript" opens the transcript it points to.
for (const link of document.querySelectorAll("[data-hlp-video-transcript]")) {
  link.addEventListener("click", () => {
    const target = document.getElementById(link.hash.slice(1));
    if (target && target.tagName === "DETAILS") target.open = true;
  });
}
