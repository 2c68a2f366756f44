"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page type, wide or narrow."""

import pytest

from .axe import axe_version, wcag_violations
from .conftest import IMAGES_IN_VIEW_LOADED

pytestmark = pytest.mark.browser

# One page of each type, as a visitor reaches it.
PAGES = {
    "home": "/",
    "our work": "/our-work/",
    "programme": "/our-work/mental-health/",
    "sub-programme": "/our-work/mental-health/thrive-ldn/",
    "ended programme": "/our-work/prevention/healthy-high-streets/",
    "news index, filtered": "/news/?type=blog&programme=mental-health&year=2018",
    "article index": "/news/blog/",
    "news article": "/news/news/london-asthma-standards-for-children-and-young-people/",
    "blog article (the 2018 review)": (
        "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"
    ),
    "video article": "/news/videos/thrive-ldn-londoners-on-what-helps/",
    "tag page": "/news/tags/thrive-ldn/",
    "resources": "/resources/",
    "resource": "/resources/london-asthma-standards/",
    "publication": "/resources/london-asthma-standards-for-children-and-young-people/",
    "publication chapter": (
        "/resources/london-asthma-standards-for-children-and-young-people/schools/"
    ),
    "publication print view": (
        "/resources/london-asthma-standards-for-children-and-young-people/print/"
    ),
    "partners": "/partners/",
    "partner": "/partners/greater-london-authority/",
    "standard page": "/about-us/",
    "events": "/events/",
    "events, filtered": "/events/?format=online",
    "past events": "/events/past/",
    "event (hybrid, with a cost)": "/events/digital-first-primary-care-conference/",
    "event (cancelled)": "/events/healthy-high-streets-walkabout/",
    "search results": "/search/?q=Thrive",
    "subscribe to email updates": "/subscribe/?programme=mental-health",
    "search results, filtered, did you mean": "/search/?q=asthama&programme=children-and-young-people",
    "404": "/this-page-does-not-exist/",
}


# WCAG 1.4.10 Reflow, which axe cannot check: down to 320 CSS pixels wide (the mobile
# viewport) nothing needs scrolling sideways, and images keep their shape.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll("main *, header *, footer *"))
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .map((element) => element.outerHTML.slice(0, 120));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""
_DISTORTED_IMAGES = """() => Array.from(document.images)
  .filter((image) => image.complete && image.naturalWidth > 0 && image.width > 0)
  .filter((image) => getComputedStyle(image).objectFit === "fill")
  .filter((image) => Math.abs(image.width / image.height
                              - image.naturalWidth / image.naturalHeight) > 0.02)
  .map((image) => `${image.currentSrc} shown ${image.width}x${image.height}`)"""


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_wcag_violations(open_page, live_site, path, viewport):
    page = open_page(viewport)
    broken = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.url.startswith(live_site.url)
            and response.request.resource_type != "document"
            and broken.append(f"{response.status} {response.url}")
        ),
    )
    # Console errors: a CSP refusal, a script error. Failed loads are left out: off-site
    # requests are aborted by the harness, and the site's own are checked as `broken`.
    console_errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and console_errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    response = page.goto(path)
    assert response.status == (404 if path == PAGES["404"] else 200)
    assert page.locator("main h1").count() == 1

    # Lazy images below the fold load once scrolled to.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function(IMAGES_IN_VIEW_LOADED)

    violations = wcag_violations(page)

    assert violations == [], (
        f"axe-core {axe_version(page)} found on {path} at {viewport} width:\n"
        + "\n".join(violations)
    )
    assert broken == [], f"files the page needs failed to load: {broken}"
    assert console_errors == [], f"console errors on {path}: {console_errors}"
    overflow = page.evaluate(_OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], (
        f"{path} scrolls sideways at {viewport} width: {overflow}"
    )
    assert page.evaluate(_DISTORTED_IMAGES) == [], "images shown out of shape"


def test_the_axe_check_reports_violations(browser):
    """The harness itself: a page with known WCAG failures does not pass."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            "<html><head><title>Broken</title></head><body><main><h1>Broken</h1>"
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            '<a href="/somewhere"></a></main></body></html>'
        )
        found = {line.split(" ", 1)[0] for line in wcag_violations(page)}
    finally:
        context.close()
    assert {"html-has-lang", "image-alt", "link-name"} <= found
