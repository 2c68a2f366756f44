"""Publications and videos in a real Chromium: click-to-load embeds, and axe in print."""

import re

import pytest

from hlp_site.demo.content import review_2018
from publications.demo_content import CHAPTERS, PATH

from .axe import axe_version, wcag_violations

pytestmark = pytest.mark.browser

REVIEW = f"{review_2018.PARENT}{review_2018.SLUG}/"
VIDEO_HOSTS = re.compile(
    r"^https?://([^/]*\.)?(youtube(-nocookie)?\.com|youtu\.be|vimeo\.com|ytimg\.com|googlevideo\.com)/"
)
PUBLICATION_PAGES = {
    "publication": PATH,
    "chapter": f"{PATH}{CHAPTERS[2][0]}/",
    "print view": f"{PATH}print/",
}


def video_requests(page):
    """Every request the page tries to make to a video host (the conftest aborts them)."""
    seen = []
    page.on("request", lambda request: VIDEO_HOSTS.match(request.url) and seen.append(request.url))
    return seen


def test_video_host_is_not_contacted_until_the_visitor_presses_play(open_page):
    page = open_page("desktop")
    seen = video_requests(page)
    page.goto(REVIEW)
    page.wait_for_load_state("networkidle")
    placeholder = page.locator(".hlp-video__placeholder").first
    assert review_2018.HIGHLIGHTS_VIDEO_TITLE in placeholder.inner_text()
    assert page.locator("main iframe").count() == 0
    assert seen == [], f"requests to the video host before the click: {seen}"

    play = page.get_by_role("button", name=re.compile(r"^Play video"))
    assert play.count() == 1 and play.is_visible()
    with page.expect_request(VIDEO_HOSTS):
        play.click()
    frame = page.locator("main iframe")
    assert frame.count() == 1
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert frame.get_attribute("title") == review_2018.HIGHLIGHTS_VIDEO_TITLE
    assert seen and all("youtube-nocookie.com" in url for url in seen)


def test_transcript_link_opens_the_transcript(open_page):
    page = open_page("mobile")
    page.goto(REVIEW)
    details = page.locator("details", has_text="Thank you, and here’s to 2019.")
    assert details.get_attribute("open") is None
    page.get_by_role("link", name=re.compile(r"^Read the transcript")).first.click()
    assert details.get_attribute("open") == ""
    assert page.get_by_text("Thank you, and here’s to 2019.").is_visible()


def test_without_javascript_the_video_is_a_link(browser, live_site):
    context = browser.new_context(java_script_enabled=False, base_url=live_site.url)
    try:
        context.route(re.compile(rf"^(?!{re.escape(live_site.url)}/)"), lambda r: r.abort())
        page = context.new_page()
        seen = video_requests(page)
        page.goto(REVIEW)
        assert page.get_by_role("button", name=re.compile(r"^Play video")).count() == 0
        link = page.get_by_role(
            "link", name=f"Watch “{review_2018.HIGHLIGHTS_VIDEO_TITLE}” on YouTube"
        )
        assert link.get_attribute("href") == review_2018.HIGHLIGHTS_VIDEO_URL
        assert seen == []
    finally:
        context.close()


def test_chapter_contents_and_pagination_work(open_page):
    page = open_page("mobile")
    page.goto(PUBLICATION_PAGES["chapter"])
    contents = page.get_by_role("navigation", name="Contents")
    assert contents.get_by_role("link").count() == len(CHAPTERS) - 1  # the current one is text
    page.get_by_role("link", name="Training").click()  # "On this page"
    assert page.url.endswith("#training")
    page.get_by_role("link", name=re.compile(r"Next")).click()
    page.wait_for_url(re.compile(CHAPTERS[3][0]))
    assert page.locator("main h1").inner_text().endswith(CHAPTERS[3][1])


@pytest.mark.parametrize("path", PUBLICATION_PAGES.values(), ids=PUBLICATION_PAGES.keys())
def test_no_wcag_violations_when_printed(open_page, path):
    page = open_page("desktop")
    page.emulate_media(media="print")
    assert page.goto(path).status == 200
    violations = wcag_violations(page)
    assert violations == [], f"axe-core {axe_version(page)} on {path} in print:\n" + "\n".join(
        violations
    )
    # Printed: no site header or footer, and link addresses after the links.
    assert not page.locator("header.nhsuk-header").is_visible()
    after = page.evaluate(
        """() => { const link = document.querySelector('main .hlp-printable a[href^="/"]');
                   return link && getComputedStyle(link, '::after').content; }"""
    )
    assert after and after.startswith('" ('), after
