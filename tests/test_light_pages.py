"""Light pages: an article under 100 KB transferred (gzip) before images, responsive images."""

import gzip
import posixpath
import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

REVIEW = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"
BUDGET_BYTES = 100 * 1024
MODULE_IMPORT = re.compile(r"""\bimport\b[^"';]*?\bfrom\s*["']([^"']+)["']""")


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.images = [], [], []
        self._in_picture = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "picture":
            self._in_picture = True
        elif tag == "source" and self._in_picture:
            self.images.append(("source", attrs))
        elif tag == "img":
            self.images.append(("img", attrs))

    def handle_endtag(self, tag):
        if tag == "picture":
            self._in_picture = False


def body_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def gzipped_size(content):
    return len(gzip.compress(content, compresslevel=6))


def test_article_page_under_100_kb_before_images(client):
    html = body_of(client, REVIEW)
    assets = Assets()
    assets.feed(html.decode())
    assert assets.stylesheets, "no stylesheet found: the measurement would be meaningless"
    total = gzipped_size(html)
    seen = set()
    pending = [*assets.stylesheets, *assets.scripts]
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        content = body_of(client, url)
        total += gzipped_size(content)
        if url.endswith(".js"):
            # Modules the script imports are fetched too.
            for target in MODULE_IMPORT.findall(content.decode()):
                pending.append(posixpath.normpath(posixpath.join(posixpath.dirname(url), target)))
    assert len(seen) >= 3  # site CSS, NHS.UK CSS, the site's JS and the NHS.UK JS it imports
    assert total < BUDGET_BYTES, f"{total} bytes gzipped for the article and its CSS/JS"


def test_images_are_responsive(client):
    html = body_of(client, "/")
    assets = Assets()
    assets.feed(html.decode())
    imgs = [attrs for kind, attrs in assets.images if kind == "img"]
    sources = [attrs for kind, attrs in assets.images if kind == "source"]
    assert imgs and sources
    for attrs in imgs:
        assert attrs.get("width") and attrs.get("height"), attrs
        assert "alt" in attrs, attrs
    types = {attrs.get("type") for attrs in sources}
    assert {"image/avif", "image/webp"} <= types
    for attrs in sources:
        assert re.search(r"\s\d+w(,|$)", attrs["srcset"]), attrs


def test_hero_is_eager_and_cards_are_lazy(client):
    html = body_of(client, REVIEW).decode()
    first_img = re.search(r"<img\b[^>]*>", html.split('id="maincontent"', 1)[1]).group(0)
    assert 'loading="lazy"' not in first_img, "the hero (LCP) image must not be lazy"
    listing = body_of(client, "/news/").decode()
    card_imgs = re.findall(r'<img\b[^>]*class="nhsuk-card__img"[^>]*>', listing)
    assert card_imgs
    assert all('loading="lazy"' in img for img in card_imgs)
