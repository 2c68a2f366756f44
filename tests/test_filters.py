"""Listing filters: combinable, kept in the URL, and safe with any value."""

import pytest

from news.models import ArticlePage
from programmes.models import PartnerOrganisationPage, ProgrammePage
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def listed(response):
    assert response.status_code == 200
    page = response.context["posts"]
    return {post.pk for post in page.paginator.object_list}


def all_posts():
    """(post, kind, tag slugs, year) for every live post, worked out the slow, obvious way."""
    return [
        (post, post.get_parent().specific.kind, {t.slug for t in post.tags.all()}, post.date.year)
        for post in ArticlePage.objects.live()
    ]


def programme_tags(slug):
    programme = ProgrammePage.objects.get(slug=slug)
    pages = [programme, *ProgrammePage.objects.descendant_of(programme)]
    return {tag.slug for page in pages for tag in page.tags.all()}


def test_no_filter_lists_every_post(client):
    assert listed(client.get("/news/")) == {p.pk for p, *_ in all_posts()}


@pytest.mark.parametrize("kind", ["news", "blog", "video"])
def test_type_filter(client, kind):
    expected = {p.pk for p, k, _, _ in all_posts() if k == kind}
    assert expected
    assert listed(client.get(f"/news/?type={kind}")) == expected


def test_programme_filter_includes_sub_programme_tags(client):
    tags = programme_tags("mental-health")
    assert "thrive-ldn" in tags
    expected = {p.pk for p, _, t, _ in all_posts() if t & tags}
    assert expected
    assert listed(client.get("/news/?programme=mental-health")) == expected


def test_filters_combine(client):
    tags = programme_tags("mental-health")
    expected = {p.pk for p, k, t, y in all_posts() if k == "blog" and t & tags and y == 2018}
    assert expected
    url = "/news/?type=blog&programme=mental-health&year=2018"
    assert listed(client.get(url)) == expected
    url = "/news/?tag=thrive-ldn&year=2018"
    assert listed(client.get(url)) == {
        p.pk for p, _, t, y in all_posts() if "thrive-ldn" in t and y == 2018
    }


def test_kind_index_filters_within_its_kind(client):
    expected = {p.pk for p, k, _, y in all_posts() if k == "blog" and y == 2018}
    assert listed(client.get("/news/blog/?year=2018")) == expected


def test_filters_kept_in_pagination_links(client, django_user_model):
    # Enough posts for a second page of blog posts.
    from tests.factories import ArticlePageFactory

    blog = ArticlePage.objects.live().first().get_parent()
    blog = [p for p, k, *_ in all_posts() if k == "blog"][0].get_parent()
    for _ in range(13):
        ArticlePageFactory(parent=blog, tag_names=["prevention"])
    html = client.get("/news/?type=blog&tag=prevention").content.decode()
    assert "type=blog&amp;tag=prevention&amp;page=2" in html or (
        "tag=prevention&amp;type=blog&amp;page=2" in html
    )
    second = client.get("/news/?type=blog&tag=prevention&page=2")
    assert len(second.context["posts"].object_list) >= 1


@pytest.mark.parametrize(
    "query",
    [
        "type=podcast",
        "programme=no-such-programme",
        "tag=no-such-tag",
        "year=1900",
        "year=abc",
        "year=2018%00",
        "programme=" + "x" * 5000,
    ],
)
def test_unknown_filter_values_give_an_empty_list(client, query):
    response = client.get(f"/news/?{query}")
    assert listed(response) == set()
    assert "not recognised" in response.content.decode() or "No posts" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1e9", "9" * 50, "%00", "1.5", ""])
@pytest.mark.parametrize(
    "url",
    [
        "/news/",
        "/news/blog/",
        "/resources/",
        "/partners/",
        "/our-work/mental-health/",
        "/news/tags/mental-health/",
        "/search/?q=health",
    ],
)
def test_malformed_page_number_never_errors(client, url, page):
    joiner = "&" if "?" in url else "?"
    assert client.get(f"{url}{joiner}page={page}").status_code == 200


@pytest.mark.parametrize("query", ["utm_source=newsletter", "type[]=blog", "%ff=%00"])
def test_unrelated_parameters_are_ignored(client, query):
    assert listed(client.get(f"/news/?{query}")) == listed(client.get("/news/"))


def test_resource_filters(client):
    resources = list(ResourcePage.objects.live())
    for kind in {r.resource_type for r in resources}:
        response = client.get(f"/resources/?type={kind}")
        got = {r.pk for r in response.context["resources"].paginator.object_list}
        assert got == {r.pk for r in resources if r.resource_type == kind}
    tags = programme_tags("children-and-young-people")
    response = client.get("/resources/?programme=children-and-young-people")
    got = {r.pk for r in response.context["resources"].paginator.object_list}
    assert got == {r.pk for r in resources if {t.slug for t in r.tags.all()} & tags}
    assert got
    response = client.get("/resources/?type=leaflet")
    assert response.status_code == 200
    assert list(response.context["resources"].paginator.object_list) == []


def test_partner_filter(client):
    response = client.get("/partners/?type=nhs-body")
    got = {p.pk for p in response.context["partners"].paginator.object_list}
    expected = set(
        PartnerOrganisationPage.objects.live()
        .filter(organisation_type="nhs-body")
        .values_list("pk", flat=True)
    )
    assert got == expected and expected
    response = client.get("/partners/?type=spaceship")
    assert response.status_code == 200
    assert list(response.context["partners"].paginator.object_list) == []
