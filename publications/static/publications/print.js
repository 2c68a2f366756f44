// The print view's "Print this page" button (shown only when script runs).
for (const button of document.querySelectorAll("[data-hlp-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
