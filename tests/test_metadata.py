"""Every page type carries canonical, description, Open Graph, Twitter card and JSON-LD that
parse and match the page; editors can override title, description and share image."""

import datetime
import json
from html.parser import HTMLParser

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils.dateparse import parse_duration
from wagtail.documents import get_document_model
from wagtail.models import Page

from hlp_site.demo.content import review_2018
from news.models import ArticleIndexPage, ArticlePage
from programmes.models import PartnerOrganisationPage, ProgrammePage

pytestmark = pytest.mark.django_db

ORIGIN = "http://localhost"
REVIEW_URL = f"/news/blog/{review_2018.SLUG}/"


class HeadParser(HTMLParser):
    """Collects <link>, <meta> and JSON-LD from a page's <head>."""

    def __init__(self):
        super().__init__()
        self.links, self.meta, self.json_ld = [], {}, []
        self.in_head = False
        self.in_json_ld = False
        self.counts = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head:
            self.links.append(attrs)
        elif tag == "meta" and self.in_head:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.counts[key] = self.counts.get(key, 0) + 1
                self.meta.setdefault(key, attrs.get("content"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.in_json_ld = True

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "script":
            self.in_json_ld = False

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld.append(json.loads(data))


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def canonical(parsed):
    found = [link["href"] for link in parsed.links if link.get("rel") == "canonical"]
    assert len(found) == 1
    return found[0]


def ld_of_type(parsed, schema_type):
    return [item for item in parsed.json_ld if item["@type"] == schema_type]


def breadcrumb_names(parsed):
    (crumbs,) = ld_of_type(parsed, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"]) for item in items]


PAGE_URLS = [
    "/",
    "/our-work/",
    "/our-work/mental-health/",
    "/our-work/mental-health/thrive-ldn/",
    "/partners/",
    "/partners/greater-london-authority/",
    "/news/",
    "/news/blog/",
    REVIEW_URL,
    "/resources/",
    "/resources/social-prescribing-in-lambeth/",
    "/resources/london-asthma-standards-for-children-and-young-people/",
    "/resources/london-asthma-standards-for-children-and-young-people/schools/",
    "/about-us/",
    "/events/",
    "/events/social-prescribing-learning-network/",
]


def test_the_list_covers_every_page_type():
    types = {Page.objects.get(url_path=f"/home{url}").specific_class for url in PAGE_URLS}
    page_models = {
        page.specific_class for page in Page.objects.live().exclude(depth=1) if page.specific_class
    }
    assert page_models <= types


@pytest.mark.parametrize("url", PAGE_URLS)
def test_each_page_type_carries_matching_metadata(client, url):
    page = Page.objects.get(url_path=f"/home{url}").specific
    parsed = head(client, url)
    full_url = page.get_full_url()
    assert full_url == f"{ORIGIN}{url}"
    assert canonical(parsed) == full_url
    meta = parsed.meta
    assert meta["og:url"] == full_url
    assert meta["og:title"] == meta["twitter:title"] == (page.seo_title or page.title)
    assert meta["og:site_name"] == "Healthy London Partnership"
    assert meta["og:image"].startswith(f"{ORIGIN}/")
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:card"] == "summary_large_image"
    assert int(meta["og:image:width"]) == 1200 or "/static/" not in meta["og:image"]
    assert meta["description"] == meta["og:description"]
    assert meta["description"]
    for key in ("description", "og:title", "og:image", "og:url"):
        assert parsed.counts[key] == 1, key
    # BreadcrumbList: the visible trail, ending at this page.
    crumbs = breadcrumb_names(parsed)
    assert crumbs[0] == ("Home", f"{ORIGIN}/")
    assert crumbs[-1][1] == full_url
    if url != "/":
        assert crumbs[-1][0] == page.title


def test_home_is_an_organisation_and_a_searchable_site(client):
    parsed = head(client, "/")
    (organisation,) = ld_of_type(parsed, "Organization")
    assert organisation["name"] == "Healthy London Partnership"
    assert organisation["url"] == f"{ORIGIN}/"
    assert organisation["logo"]["url"] == f"{ORIGIN}/static/img/logo.png"
    (website,) = ld_of_type(parsed, "WebSite")
    assert website["potentialAction"]["target"] == f"{ORIGIN}/search/?q={{search_term_string}}"
    assert parsed.meta["og:type"] == "website"


def test_review_is_a_blog_posting(client):
    review = ArticlePage.objects.get(slug=review_2018.SLUG)
    parsed = head(client, REVIEW_URL)
    (posting,) = ld_of_type(parsed, "BlogPosting")
    assert posting["headline"] == review_2018.TITLE
    assert posting["datePublished"] == "2018-12-18"
    assert posting["url"] == posting["mainEntityOfPage"] == f"{ORIGIN}{REVIEW_URL}"
    assert posting["author"] == [
        {"@type": "Person", "name": review_2018.AUTHOR_NAME, "jobTitle": review_2018.AUTHOR_ROLE}
    ]
    assert posting["publisher"]["name"] == "Healthy London Partnership"
    assert posting["image"] == [parsed.meta["og:image"]]
    assert set(posting["keywords"]) == set(review_2018.TAG_NAMES)
    assert parsed.meta["og:type"] == "article"
    assert parsed.meta["article:published_time"] == "2018-12-18"
    # Plain text on one line (the intro's no-break space is a space), cut at 200 characters.
    assert parsed.meta["description"] == " ".join(review.intro.split())[:199] + "…"
    assert [name for name, _ in breadcrumb_names(parsed)] == [
        "Home",
        "News, blogs & videos",
        "Blog",
        review_2018.TITLE,
    ]


def first_post(kind):
    index = ArticleIndexPage.objects.get(kind=kind)
    return ArticlePage.objects.child_of(index).live().order_by("-date").first()


def test_news_is_a_news_article(client):
    post = first_post("news")
    (article,) = ld_of_type(head(client, post.url), "NewsArticle")
    assert article["headline"] == post.title
    assert article["datePublished"] == post.date.isoformat()


def test_video_is_a_video_object(client):
    post = ArticlePage.objects.get(slug="our-year-in-2018")  # YouTube, 3:42 long
    (video,) = ld_of_type(head(client, post.url), "VideoObject")
    assert video["name"] == post.title
    assert video["uploadDate"] == post.date.isoformat()
    # Google wants a media file in contentUrl, never a YouTube watch page.
    assert "contentUrl" not in video
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/HLPdemo2018"
    assert video["thumbnailUrl"][0].startswith(f"{ORIGIN}/media/images/")
    assert parse_duration(video["duration"]) == datetime.timedelta(minutes=3, seconds=42)
    assert video["duration"].startswith("P")  # ISO 8601


def test_video_without_a_known_length_has_no_duration(client):
    post = ArticlePage.objects.get(slug="askaboutasthma-a-parents-story")
    assert post.video_length is None
    (video,) = ld_of_type(head(client, post.url), "VideoObject")
    assert "duration" not in video
    assert "contentUrl" not in video


def test_self_hosted_video_names_its_file(client):
    Document = get_document_model()
    mp4 = Document(title="Our year (video)")
    mp4.file = ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, name="our-year.mp4")
    mp4.save()
    post = ArticlePage.objects.get(slug="our-year-in-2018")
    post.body = [
        {
            "type": "video",
            "value": {"url": "", "video_file": mp4.pk, "title": "Our year", "captions": []},
        }
    ]
    post.save_revision(clean=False).publish()  # captions are not this test's concern
    (video,) = ld_of_type(head(client, post.url), "VideoObject")
    assert video["contentUrl"] == f"{ORIGIN}{mp4.url}"
    assert "embedUrl" not in video


def test_partner_is_an_organisation(client):
    partner = PartnerOrganisationPage.objects.get(slug="greater-london-authority")
    (organisation,) = ld_of_type(head(client, partner.url), "Organization")
    assert organisation["name"] == partner.title
    assert organisation["url"] == partner.website


def test_tag_page_describes_itself(client):
    parsed = head(client, "/news/tags/thrive-ldn/")
    assert canonical(parsed) == f"{ORIGIN}/news/tags/thrive-ldn/"
    assert parsed.meta["og:title"] == "Posts tagged “Thrive LDN”"
    assert parsed.meta["description"] == "News, blogs and videos tagged “Thrive LDN”."
    assert breadcrumb_names(parsed)[-1] == (
        "Posts tagged “Thrive LDN”",
        f"{ORIGIN}/news/tags/thrive-ldn/",
    )


def test_listing_canonical_drops_filters_but_keeps_later_pages(client):
    assert canonical(head(client, "/news/?type=blog&year=2018")) == f"{ORIGIN}/news/"
    assert canonical(head(client, "/news/?page=2")) == f"{ORIGIN}/news/?page=2"
    assert canonical(head(client, "/news/?page=abc")) == f"{ORIGIN}/news/"


def test_editors_override_title_description_and_share_image(client):
    programme = ProgrammePage.objects.get(slug="prevention")
    image = wagtail_factories.ImageFactory(
        title="Prevention share card", file__width=2400, file__height=1600
    )
    programme.seo_title = "Prevention programme: London's health partnership"
    programme.search_description = "How London's partners prevent ill health."
    programme.share_image = image
    programme.save_revision().publish()

    parsed = head(client, programme.url)
    meta = parsed.meta
    assert meta["og:title"] == "Prevention programme: London's health partnership"
    assert (
        meta["description"] == meta["og:description"] == "How London's partners prevent ill health."
    )
    rendition = image.get_rendition("fill-1200x630")
    assert meta["og:image"] == f"{ORIGIN}{rendition.url}"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"]


def test_share_image_falls_back_to_hero_then_site_default(client):
    programme = ProgrammePage.objects.get(slug="prevention")
    meta = head(client, programme.url).meta
    assert meta["og:image"] == f"{ORIGIN}{programme.hero_image.get_rendition('fill-1200x630').url}"
    # A page with no picture of its own: the site's default card.
    meta = head(client, "/about-us/").meta
    assert meta["og:image"] == f"{ORIGIN}/static/img/share-default.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert client.get("/static/img/share-default.png").status_code == 200


def test_partner_share_image_is_its_whole_logo(client):
    partner = PartnerOrganisationPage.objects.get(slug="greater-london-authority")
    meta = head(client, partner.url).meta
    assert meta["og:image"] == f"{ORIGIN}{partner.logo.get_rendition('max-1200x630').url}"


def test_json_ld_cannot_be_broken_out_of(client):
    post = first_post("news")
    post.title = "Ends here </script><script>alert(1)</script>"
    post.save_revision().publish()
    html = client.get(post.url).content.decode()
    assert "</script><script>alert(1)" not in html
    parsed = head(client, post.url)
    (article,) = ld_of_type(parsed, "NewsArticle")
    assert article["headline"] == "Ends here </script><script>alert(1)</script>"


def test_pages_outside_the_tree_still_have_basic_metadata(client):
    parsed = head(client, "/search/?q=health")
    assert canonical(parsed) == f"{ORIGIN}/search/"
    assert parsed.meta["og:site_name"] == "Healthy London Partnership"
