"""Query budgets for feeds, the API listing and the embed: fixed, however many posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import ArticleIndexPage, ArticlePageAuthor, Author
from programmes.models import ProgrammeIndexPage
from tests.factories import ArticlePageFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db

TAG = "budget-test"
BUDGET = 20


def queries_for(client, url):
    """Queries of a warm request: the first one made renditions and filled caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return len(captured)


@pytest.fixture
def grow():
    """Add posts, each with its own image, tags and two authors, to reach a given total."""
    blog = ArticleIndexPage.objects.get(kind="blog")
    authors = [Author.objects.create(name=f"Budget author {n}") for n in range(2)]
    created = []

    def to(total):
        while len(created) < total:
            post = ArticlePageFactory(parent=blog, tag_names=[TAG, "prevention"])
            for order, author in enumerate(authors):
                ArticlePageAuthor.objects.create(page=post, author=author, sort_order=order)
            created.append(post)
        return created

    return to


URLS = [
    "/news/feed/",
    "/news/feed/atom/",
    "/news/blog/feed/",
    f"/news/tags/{TAG}/feed/",
    f"/news/tags/{TAG}/feed/atom/",
    "/our-work/budget-programme/feed/",
    "/our-work/budget-programme/embed/",
    f"/api/v2/pages/?type=blog.ArticlePage&tag={TAG}&limit=50"
    "&fields=date,kind,intro,tags,authors,hero_image",
    f"/api/v2/pages/?tag={TAG}&limit=50",
    "/api/v2/pages/?type=blog.ArticlePage&programme=budget-programme&limit=50&fields=date,kind,tags",
    "/api/v2/pages/?type=programmes.ProgrammePage&limit=50&fields=summary,tags,hero_image",
    "/api/v2/pages/?type=programmes.PartnerOrganisationPage&limit=50&fields=website,logo",
]


def test_feeds_embed_and_api_listings_run_a_fixed_number_of_queries(client, grow):
    programme = ProgrammePageFactory(
        parent=ProgrammeIndexPage.objects.get(), slug="budget-programme", title="Budget"
    )
    programme.tags.add(TAG)
    programme.save()
    grow(5)
    small = {url: queries_for(client, url) for url in URLS}
    grow(25)  # more than a feed holds (20): the feeds are full, the API lists them all
    large = {url: queries_for(client, url) for url in URLS}
    print({url: large[url] for url in URLS})
    for url in URLS:
        assert small[url] == large[url], (
            f"{url}: {small[url]} queries with 5 posts, {large[url]} with 25"
        )
        assert large[url] <= BUDGET, f"{url}: {large[url]} queries"
