"""The read-only Wagtail API v2 at /api/v2/: fields, filters, headers."""

import datetime

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from events.models import EventPage
from hlp_site.demo.content import review_2018
from news.models import ArticlePage
from programmes.models import PartnerOrganisationPage, ProgrammePage, ProgrammePartnership
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

ORIGIN = "http://localhost"
PAGES = "/api/v2/pages/"


def get_json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params, response.content[:500])
    return response.json()


def ids(client, **params):
    data = get_json(client, PAGES, {"limit": 100, **params})
    assert data["meta"]["total_count"] == len(data["items"])
    return {item["id"] for item in data["items"]}


def tag_slugs(page):
    return {tag.slug for tag in page.tags.all()}


def programme_tags(slug):
    programme = ProgrammePage.objects.get(slug=slug)
    pages = ProgrammePage.objects.filter(path__startswith=programme.path)
    return {tag.slug for page in pages for tag in page.tags.all()}


def test_endpoints_answer(client):
    for endpoint in ("pages", "images", "documents"):
        data = get_json(client, f"/api/v2/{endpoint}/")
        assert data["meta"]["total_count"] > 0, endpoint


def test_listing_holds_every_live_public_page(client):
    from wagtail.models import Page

    expected = set(Page.objects.live().public().exclude(depth=1).values_list("pk", flat=True))
    assert ids(client) == expected


def test_type_filter(client):
    expected = set(ArticlePage.objects.live().values_list("pk", flat=True))
    assert ids(client, type="blog.ArticlePage") == expected
    partners = set(PartnerOrganisationPage.objects.live().values_list("pk", flat=True))
    assert ids(client, type="programmes.PartnerOrganisationPage") == partners


def test_tag_filter(client):
    expected = {p.pk for p in ArticlePage.objects.live() if "thrive-ldn" in tag_slugs(p)}
    assert len(expected) >= 2
    assert ids(client, type="blog.ArticlePage", tag="thrive-ldn") == expected
    # Without a type: posts, resources, programmes and events with the tag.
    every = expected | {
        p.pk
        for model in (ResourcePage, ProgrammePage, EventPage)
        for p in model.objects.live()
        if "thrive-ldn" in tag_slugs(p)
    }
    assert ProgrammePage.objects.get(slug="thrive-ldn").pk in every
    assert ids(client, tag="thrive-ldn") == every


def test_programme_filter_on_posts_includes_sub_programme_tags(client):
    tags = programme_tags("mental-health")
    expected = {p.pk for p in ArticlePage.objects.live() if tag_slugs(p) & tags}
    assert ids(client, type="blog.ArticlePage", programme="mental-health") == expected
    review = ArticlePage.objects.get(slug=review_2018.SLUG)
    assert review.pk in expected


def test_programme_filter_on_partners(client):
    programme = ProgrammePage.objects.get(slug="mental-health")
    expected = set(
        ProgrammePartnership.objects.filter(programme__path__startswith=programme.path)
        .values_list("partner_id", flat=True)
        .distinct()
    )
    assert expected
    assert ids(client, type="programmes.PartnerOrganisationPage", programme="mental-health") == (
        expected
    )


def test_date_filter(client):
    start, end = datetime.date(2018, 1, 1), datetime.date(2019, 12, 31)
    posts = {p.pk for p in ArticlePage.objects.live() if start <= p.date <= end}
    resources = {p.pk for p in ResourcePage.objects.live() if start <= p.date <= end}
    assert posts and resources
    params = {"date_from": start.isoformat(), "date_to": end.isoformat()}
    assert ids(client, type="blog.ArticlePage", **params) == posts
    assert ids(client, **params) == posts | resources
    assert ids(client, type="blog.ArticlePage", date_from="2018-12-18", date_to="2018-12-18") == {
        ArticlePage.objects.get(slug=review_2018.SLUG).pk
    }


def test_filters_combine(client):
    tags = programme_tags("prevention")
    expected = {
        p.pk
        for p in ArticlePage.objects.live()
        if tag_slugs(p) & tags and p.date.year == 2018 and "prevention" in tag_slugs(p)
    }
    got = ids(
        client,
        type="blog.ArticlePage",
        programme="prevention",
        tag="prevention",
        date_from="2018-01-01",
        date_to="2018-12-31",
    )
    assert got == expected
    assert got


def test_posts_newest_first_by_default(client):
    data = get_json(client, PAGES, {"type": "blog.ArticlePage", "fields": "date", "limit": 50})
    dates = [item["date"] for item in data["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "params",
    [
        {"tag": "no-such-tag"},
        {"programme": "no-such-programme"},
        {"type": "programmes.ProgrammePage", "programme": "mental-health"},
    ],
)
def test_unknown_or_unrelated_values_give_an_empty_list(client, params):
    assert ids(client, **params) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "yesterday"},
        {"date_to": "2018-13-45"},
        {"type": "blog.NoSuchPage"},
        {"no_such_parameter": "1"},
        {"order": "no_such_field"},
    ],
)
def test_bad_parameters_are_400(client, params):
    data = get_json(client, PAGES, params, status=400)
    assert data["message"]


def test_programme_fields(client):
    programme = ProgrammePage.objects.get(slug="mental-health")
    data = get_json(client, f"{PAGES}{programme.pk}/")
    assert data["title"] == "Mental health"
    assert data["summary"] == programme.summary
    assert set(data["tags"]) == {tag.name for tag in programme.tags.all()}
    assert [p["html_url"] for p in data["sub_programmes"]] == [
        f"{ORIGIN}{child.url}" for child in ProgrammePage.objects.child_of(programme).live()
    ]
    partner_ids = set(
        ProgrammePartnership.objects.filter(programme=programme).values_list(
            "partner_id", flat=True
        )
    )
    assert {p["id"] for p in data["partners"]} == partner_ids
    assert data["feed_url"] == f"{ORIGIN}/our-work/mental-health/feed/"
    assert data["embed_url"] == f"{ORIGIN}/our-work/mental-health/embed/"
    assert data["hero_image"]["width"] == 1200


def test_partner_fields(client):
    partner = PartnerOrganisationPage.objects.get(slug="greater-london-authority")
    data = get_json(client, f"{PAGES}{partner.pk}/")
    assert data["organisation_type"] == partner.organisation_type
    assert data["website"] == partner.website
    programme_ids = set(
        ProgrammePartnership.objects.filter(partner=partner).values_list("programme_id", flat=True)
    )
    assert {p["id"] for p in data["programmes"]} == programme_ids


def test_article_fields_and_rendered_body(client):
    review = ArticlePage.objects.get(slug=review_2018.SLUG)
    data = get_json(client, f"{PAGES}{review.pk}/")
    assert data["title"] == review_2018.TITLE
    assert data["date"] == "2018-12-18"
    assert data["kind"] == "blog"
    assert data["intro"] == review.intro
    assert set(data["tags"]) == set(review_2018.TAG_NAMES)
    assert data["authors"] == [review_2018.AUTHOR_NAME]
    body = data["body"]
    # Rendered HTML, page links resolved to absolute URLs (no database link format left).
    assert 'linktype="page"' not in body
    assert f'href="{ORIGIN}/our-work/prevention/"' in body
    assert "<blockquote" in body
    assert review_2018.AUTHOR_NAME in body  # the director's quote, with attribution


def test_listing_gives_each_post_its_kind(client):
    data = get_json(client, PAGES, {"type": "blog.ArticlePage", "fields": "kind,authors"})
    kinds = {item["kind"] for item in data["items"]}
    assert kinds == {"news", "blog", "video"}


def test_cache_and_cors_headers(client):
    response = client.get(PAGES, HTTP_ORIGIN="https://partner.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"
    preflight = client.options(
        PAGES,
        HTTP_ORIGIN="https://partner.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    allowed = preflight["Access-Control-Allow-Methods"]
    assert "GET" in allowed and "POST" not in allowed


def test_cors_only_on_the_api(client):
    response = client.get("/news/", HTTP_ORIGIN="https://partner.example.org")
    assert "Access-Control-Allow-Origin" not in response


def test_api_is_read_only(client):
    assert client.post(PAGES, {"title": "x"}).status_code == 405


def test_documents_in_private_collections_are_hidden(client):
    Document = get_document_model()
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="secret"
    )
    shown = Document.objects.first()
    hidden = Document.objects.exclude(pk=shown.pk).first()
    hidden.collection = private
    hidden.save()
    got = {item["id"] for item in get_json(client, "/api/v2/documents/")["items"]}
    assert shown.pk in got
    assert hidden.pk not in got
    assert client.get(f"/api/v2/documents/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("search", ["\x00", '"unterminated', "*", "thrive\x00ldn"])
def test_odd_search_text_never_errs(client, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})
    assert response.status_code in (200, 400), response.content[:300]


def test_search_still_finds_after_cleaning(client):
    response = client.get("/api/v2/pages/", {"search": "Thrive\x00"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert any("Thrive" in title for title in titles)


def test_old_resource_type_name_still_accepted(client):
    """Resources moved from the blog app to their own; `type=blog.ResourcePage` (the name
    the README gave before) lists the same pages as the new name."""
    old = ids(client, type="blog.ResourcePage")
    assert old, "the demo has resources"
    assert old == ids(client, type="resources.ResourcePage")
    assert old == {p.pk for p in ResourcePage.objects.live().public()}
