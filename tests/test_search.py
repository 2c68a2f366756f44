import pytest

pytestmark = pytest.mark.django_db


def test_search_finds_programmes_and_posts(client):
    response = client.get("/search/?q=Thrive")
    assert response.status_code == 200
    urls = [page.url for page in response.context["results"]]
    assert "/our-work/mental-health/thrive-ldn/" in urls


def test_search_covers_every_page_type(client):
    for query, url in [
        ("Greater London Authority", "/partners/greater-london-authority/"),
        ("Accessibility statement", "/accessibility-statement/"),
        (
            "Good Thinking",
            "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
        ),
    ]:
        urls = [page.url for page in client.get(f"/search/?q={query}").context["results"]]
        assert url in urls, query


def test_search_paginates(client):
    response = client.get("/search/?q=health")
    results = response.context["results"]
    assert results.paginator.per_page == 10
    assert results.paginator.count > 10
    second = client.get("/search/?q=health&page=2")
    assert second.status_code == 200
    assert {p.pk for p in second.context["results"]}.isdisjoint({p.pk for p in results})


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', 'a"b', "\x00", "'", "AND OR NOT", "*", "(", "%00", "q" * 5000, "😀"],
)
def test_odd_queries_never_error(client, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_drafts_are_not_found(client, demo_page):
    page = demo_page("/our-work/mental-health/thrive-ldn/")
    page.unpublish()
    urls = [p.url for p in client.get("/search/?q=Thrive").context["results"]]
    assert "/our-work/mental-health/thrive-ldn/" not in urls
