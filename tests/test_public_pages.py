"""Every page type renders for an anonymous visitor, with the site's shared furniture."""

import pytest
from wagtail.models import Page

from news.models import ArticlePage
from programmes.models import PartnerOrganisationPage, ProgrammePage
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

FIXED_URLS = [
    "/",
    "/our-work/",
    "/our-work/mental-health/",
    "/our-work/mental-health/thrive-ldn/",
    "/news/",
    "/news/news/",
    "/news/blog/",
    "/news/videos/",
    "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
    "/news/tags/mental-health/",
    "/resources/",
    "/partners/",
    "/partners/greater-london-authority/",
    "/about-us/",
    "/search/?q=health",
]


@pytest.mark.parametrize("url", FIXED_URLS)
def test_public_page_renders_without_login(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#maincontent"' in html  # skip link
    assert 'id="maincontent"' in html
    for label in ("Our work", "News, blogs &amp; videos", "Resources", "Partners", "About us"):
        assert label in html, label


def test_every_live_page_of_every_type_renders(client):
    for page in Page.objects.live().exclude(depth=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, (page.url, response.status_code)


@pytest.mark.parametrize(
    "model", [ArticlePage, ResourcePage, ProgrammePage, PartnerOrganisationPage]
)
def test_demo_content_has_each_type(model):
    assert model.objects.live().count() >= 2


def test_breadcrumbs_below_home(client):
    html = client.get(
        "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"
    ).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    crumbs = html[html.index('aria-label="Breadcrumb"') :]
    assert crumbs.index("News, blogs &amp; videos") < crumbs.index("Blog")
    home = client.get("/").content.decode()
    assert 'aria-label="Breadcrumb"' not in home


def test_post_has_back_link_to_listing(client):
    html = client.get("/news/news/").content.decode()
    post_url = html.split('class="nhsuk-card__link" href="')[1].split('"')[0]
    post_html = client.get(post_url).content.decode()
    assert "Back to blogs &amp; videos listing" in post_html
    assert 'href="/news/"' in post_html


def test_unknown_page_gives_custom_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unknown_tag_page_is_404(client):
    assert client.get("/news/tags/no-such-tag/").status_code == 404


def test_500_page_renders_standalone(client, settings):
    from hlp_site.operations.faults import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "problem" in response.content.decode().lower()


@pytest.mark.parametrize(
    "url", ["/news/blog/partners-working-together-to-improve-health-and-care-in-2018/", "event"]
)
def test_posts_and_events_show_their_hero_image_programmes_and_tags(client, demo_page, url):
    """The parts post and event pages share (templates/includes/hero_image.html and
    programmes_and_tags.html): the hero image, the programmes it belongs to, its tags
    linking to the news tag pages."""
    from bs4 import BeautifulSoup

    from events.models import EventIndexPage
    from tests.factories import EventPageFactory

    if url == "event":
        post = demo_page("/news/blog/partners-working-together-to-improve-health-and-care-in-2018/")
        event = EventPageFactory(
            parent=EventIndexPage.objects.get(), hero_image=post.hero_image, tag_names=["asthma"]
        )
        url = event.url
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    hero = soup.select_one("main article .nhsuk-u-margin-bottom-5 picture img")
    assert hero is not None and hero["alt"] == ""
    headings = [h2.get_text(strip=True) for h2 in soup.select("main h2")]
    assert "Programmes" in headings and "Tags" in headings
    programmes = soup.find("h2", string="Programmes").find_next_sibling("ul")
    hrefs = [a["href"] for a in programmes.select("a")]
    assert any(href.startswith("/our-work/children-and-young-people/") for href in hrefs)
    tag_links = [a["href"] for a in soup.select("main .hlp-tag-list a")]
    assert "/news/tags/asthma/" in tag_links
