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


# ----------------------------------------------------------------------------------------
# sitesearch: filters and counts, sorting, paging, promotions, suggestions, highlighting,
# bad input, query budget, the log of searches and the API's `search`.

import datetime  # noqa: E402
import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.contrib.search_promotions.models import Query, SearchPromotion  # noqa: E402
from wagtail.models import Page  # noqa: E402

from news.models import ArticleIndexPage, ArticlePage  # noqa: E402
from programmes.models import ProgrammePage  # noqa: E402
from resources.models import ResourcePage  # noqa: E402
from sitesearch.models import UnansweredSearch  # noqa: E402
from tests.factories import ArticlePageFactory  # noqa: E402

QUERY_BUDGET = 8


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def result_urls(response):
    return [page.url for page in response.context["result_list"]]


def test_type_counts_add_up_and_filter(client):
    response = search(client, q="asthma")
    counts = {slug: count for slug, _, count in response.context["type_choices"]}
    assert sum(counts.values()) == response.context["total"]
    assert counts["resource"] >= 1 and counts["programme"] >= 1
    filtered = search(client, q="asthma", type="resource")
    assert filtered.context["total"] == counts["resource"]
    assert {page.result_type.slug for page in filtered.context["result_list"]} == {"resource"}
    assert all(isinstance(page.specific, ResourcePage) for page in filtered.context["result_list"])


def test_news_blog_and_video_are_told_apart(client):
    response = search(client, q="asthma", type="video")
    urls = result_urls(response)
    assert urls and all(url.startswith("/news/videos/") for url in urls)


def test_programme_filter_includes_sub_programmes_by_the_programme_pages_tag_rule(
    client, demo_page
):
    parent = demo_page("/our-work/children-and-young-people/")
    response = search(client, q="asthma", programme="children-and-young-people")
    urls = set(result_urls(response))
    # The sub-programme's own page, and posts carrying its tags (sub-programmes' included).
    assert "/our-work/children-and-young-people/asthma/" in urls
    tagged = ArticlePage.objects.live().tagged(parent.tag_ids()).search("asthma")
    assert {post.url for post in tagged} <= urls
    counts = {slug: count for slug, _, count, _ in response.context["programme_choices"]}
    assert counts["children-and-young-people"] == response.context["total"]
    assert "/our-work/mental-health/thrive-ldn/" not in urls


def test_year_filter_and_counts(client):
    response = search(client, q="asthma")
    years = dict(response.context["year_choices"])
    assert 2018 in years
    filtered = search(client, q="asthma", year="2018")
    assert filtered.context["total"] == years[2018]
    assert all(page.result_date.year == 2018 for page in filtered.context["result_list"])


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nope"},
        {"programme": "no-such"},
        {"year": "20x8"},
        {"year": "99999"},
        {"sort": "x"},
    ],
)
def test_unknown_filter_values_show_nothing_and_say_so(client, params):
    response = search(client, q="asthma", **params)
    assert response.context["filter_problems"]
    assert b"There is a problem" in response.content
    assert "result_list" not in response.context


def test_newest_first(client):
    response = search(client, q="health", sort="newest")
    dates = [page.result_date for page in response.context["result_list"] if page.result_date]
    assert dates == sorted(dates, reverse=True)


def test_paging_keeps_the_filters(client):
    response = search(client, q="london", type="programme")
    assert response.context["results"].paginator.num_pages > 1
    html = response.content.decode()
    assert re.search(r'href="\?q=london&amp;type=programme&amp;page=2"', html)
    second = search(client, q="london", type="programme", page="2")
    assert {p.result_type.slug for p in second.context["result_list"]} == {"programme"}


def test_no_javascript_needed_filters_are_a_get_form(client):
    html = search(client, q="asthma").content.decode()
    form = html.split('role="search" aria-label="Search this site"', 1)[1].split("</form>")[0]
    for name in ("q", "type", "programme", "year", "sort"):
        assert f'name="{name}"' in form


def test_promoted_results_come_first_and_are_marked(client, demo_page):
    partner = demo_page("/partners/uclpartners/")
    promotion = SearchPromotion.objects.create(
        query=Query.get("asthma"), page=partner, description="Pinned for asthma.", sort_order=0
    )
    response = search(client, q="Asthma")
    assert response.context["promotions"] == [promotion]
    html = response.content.decode()
    recommended = html.index("Recommended")
    assert recommended < html.index(partner.url) < html.index("All results")
    # Not repeated below, and not shown once the visitor filters.
    assert partner.url not in result_urls(response)
    assert search(client, q="asthma", type="resource").context["promotions"] == []


def test_promotion_of_an_unpublished_page_is_not_shown(client, demo_page):
    partner = demo_page("/partners/uclpartners/")
    SearchPromotion.objects.create(query=Query.get("asthma"), page=partner, sort_order=0)
    partner.unpublish()
    assert search(client, q="asthma").context["promotions"] == []


@pytest.mark.parametrize(
    ("typed", "meant", "expected"),
    [
        ("asthama", "asthma", "/our-work/children-and-young-people/asthma/"),
        ("homelessnes", "homelessness", "/our-work/health-inequalities/homeless-health/"),
        ("socail prescribing", "social prescribing", "/our-work/prevention/social-prescribing/"),
    ],
)
def test_did_you_mean(client, typed, meant, expected):
    response = search(client, q=typed)
    assert response.context["suggestion"] == meant
    assert response.context["corrected"]
    assert expected in result_urls(response)[:3]
    assert f'href="/search/?q={meant.replace(" ", "%20")}"' in response.content.decode()


def test_no_suggestion_for_known_words_or_nonsense(client):
    assert search(client, q="asthma").context["suggestion"] is None
    response = search(client, q="zzxqvw")
    assert response.context["suggestion"] is None
    assert response.context["total"] == 0
    assert b"Check the spelling" in response.content


def test_any_of_the_words_when_none_has_them_all(client):
    response = search(client, q="asthma zzxqvw")
    assert response.context["loosened"]
    assert "/our-work/children-and-young-people/asthma/" in result_urls(response)


def test_results_show_type_date_programme_and_highlighted_snippet(client):
    html = search(client, q="asthma standards").content.decode()
    item = html.split('href="/resources/london-asthma-standards/"', 1)[1].split("</li>", 1)[0]
    assert "Resource" in item
    assert "17 September 2018" in item
    assert "Children and young people" in item
    assert "<mark>asthma</mark>" in item.lower()


class TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open_marks = 0
        self.max_depth = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open_marks += 1
            self.max_depth = max(self.max_depth, self.open_marks)
        if tag == "script" and not dict(attrs).get("src"):
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open_marks -= 1


def assert_markup_intact(html):
    parser = TagBalance()
    parser.feed(html)
    assert parser.open_marks == 0
    assert parser.max_depth <= 1
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script> asthma",
        '"><img src=x onerror=alert(1)> asthma',
        "asthma</mark><script>alert(1)</script>",
        "<mark>asthma",
        "&lt;b&gt;asthma",
    ],
)
def test_highlighting_cannot_inject_markup(client, query):
    response = search(client, q=query)
    assert_markup_intact(response.content.decode())


def test_page_text_is_escaped_in_snippets(client, demo_page):
    post = demo_page("/news/news/london-asthma-standards-for-children-and-young-people/")
    post.intro = "Asthma <script>alert(1)</script> and <img src=x onerror=alert(1)> text."
    post.save_revision().publish()
    html = search(client, q="asthma").content.decode()
    assert_markup_intact(html)
    # Shown as text (tags in a plain-text field are dropped), never as markup.
    assert "alert(1)" in html


BAD_INPUTS = [
    "",
    "   ",
    '"',
    '""',
    '"""',
    '"asthma',
    'asthma"',
    "AND OR NOT",
    "-",
    "+*()^~:",
    "NEAR(",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    "SELECT * FROM wagtailcore_page",
    "q" * 5000,
    "asthma " * 100,
    "😀",
    "健康",
    "\x00asthma",
    "asthma\x1b[31m",
    "\u202eamhtsa",
    "ａｓｔｈｍａ",
    "%00",
    "\\",
    "{{ 7*7 }}",
    "{% debug %}",
]


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_is_an_empty_or_plain_result(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert_markup_intact(html)
    assert len(response.context["search_query"]) <= 200


@pytest.mark.parametrize("query", ["", '"', "AND OR NOT", "-+*", "\x00\x01"])
def test_nothing_searchable_runs_no_search(client, query):
    response = search(client, q=query)
    assert "result_list" not in response.context


def test_long_queries_are_cut_to_200_characters(client):
    response = search(client, q="asthma " + "x" * 400)
    assert len(response.context["search_query"]) == 200


def queries_for(client, **params):
    """Queries of a repeated search (the first search of a term each day also creates
    its row in the search terms log)."""
    search(client, **params)
    with CaptureQueriesContext(connection) as captured:
        search(client, **params)
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "asthma"},
        {"q": "asthma", "type": "news", "programme": "children-and-young-people"},
        {"q": "asthma", "year": "2018", "sort": "newest"},
        {"q": "asthma", "page": "2"},
        {"q": "asthama"},
        {"q": "asthma zzxqvw"},
        {"q": "zzxqvw"},
    ],
)
def test_query_budget_does_not_grow_with_the_site(client, params):
    blog = ArticleIndexPage.objects.get(kind="blog")
    for number in range(5):
        ArticlePageFactory(
            parent=blog, title=f"Asthma post {number}", tag_names=["asthma"], hero_image=None
        )
    small = queries_for(client, **params)
    for number in range(5, 40):
        ArticlePageFactory(
            parent=blog, title=f"Asthma post {number}", tag_names=["asthma"], hero_image=None
        )
    large = queries_for(client, **params)
    assert small == large, f"{params}: {small} queries with 5 more posts, {large} with 40"
    # A search that finds nothing as typed runs again on the suggestion or on any of the
    # words: two more statements since events and publications joined the result types.
    fallback = params["q"] in {"asthama", "asthma zzxqvw", "zzxqvw"}
    assert large <= QUERY_BUDGET + (2 if fallback else 0), f"{params}: {large} queries"


def test_searches_are_logged_for_the_search_terms_report(client):
    search(client, q="Asthma")
    search(client, q="asthma")
    search(client, q="asthma", page="2")  # paging is not a new search
    assert Query.get("asthma").hits == 2
    search(client, q="zzxqvw")
    search(client, q="zzxqvw")
    assert UnansweredSearch.objects.get(query_string="zzxqvw").searches == 2
    assert not UnansweredSearch.objects.filter(query_string="asthma").exists()


def test_reports_list_searches_and_those_with_no_results(admin_client, client):
    search(client, q="zzxqvw")
    search(client, q="asthma")
    terms = admin_client.get("/admin/searchpicks/reports/search-terms/")
    assert terms.status_code == 200 and b"asthma" in terms.content
    unanswered = admin_client.get("/admin/reports/searches-with-no-results/")
    assert unanswered.status_code == 200
    assert b"zzxqvw" in unanswered.content and b"asthma" not in unanswered.content


def test_api_search_uses_the_site_ranking(client):
    site = result_urls(search(client, q="CYP asthma"))
    api = client.get("/api/v2/pages/", {"search": "CYP asthma", "limit": 5}).json()
    ids = [item["id"] for item in api["items"]]
    api_urls = [Page.objects.get(pk=pk).url for pk in ids]
    assert api_urls[:3] == site[:3]


def test_api_search_with_a_type_and_bad_input(client):
    response = client.get(
        "/api/v2/pages/", {"type": "programmes.ProgrammePage", "search": "Thrive"}
    )
    assert response.status_code == 200
    slugs = [item["meta"]["slug"] for item in response.json()["items"]]
    assert slugs[0] == "thrive-ldn"
    for bad in ['"', "AND OR NOT", "\x00", "<script>"]:
        response = client.get("/api/v2/pages/", {"search": bad})
        assert response.status_code == 200
        assert response.json()["items"] == []


def test_programme_page_search_rank_tie_breaks_by_date(client):
    """Two posts with the same words: the newer first."""
    blog = ArticleIndexPage.objects.get(kind="blog")
    older = ArticlePageFactory(
        parent=blog,
        title="Quokka survey",
        slug="quokka-2020",
        intro="Quokka.",
        date=datetime.date(2020, 1, 1),
    )
    newer = ArticlePageFactory(
        parent=blog,
        title="Quokka survey",
        slug="quokka-2024",
        intro="Quokka.",
        date=datetime.date(2024, 1, 1),
    )
    assert result_urls(search(client, q="quokka survey"))[:2] == [newer.url, older.url]


def test_programmes_outrank_old_news_for_the_same_words(client):
    news = ArticleIndexPage.objects.get(kind="news")
    ArticlePageFactory(
        parent=news, title="Thrive LDN", intro="Thrive LDN news.", date=datetime.date(2017, 1, 1)
    )
    assert result_urls(search(client, q="Thrive LDN"))[0] == "/our-work/mental-health/thrive-ldn/"
    assert ProgrammePage.objects.filter(slug="thrive-ldn").exists()


@pytest.mark.parametrize("broad", [False, True])
def test_every_match_once_across_pages(client, monkeypatch, broad):
    """Paging through a search shows each match once, also past the ranked candidates and
    for broad queries, whose candidates come from title matches."""
    from sitesearch import ranking

    monkeypatch.setattr(ranking, "CANDIDATES", 7)
    if broad:
        monkeypatch.setattr(ranking, "BROAD", 5)
    first = search(client, q="london")
    total = first.context["total"]
    seen = []
    for number in range(1, first.context["results"].paginator.num_pages + 1):
        seen += [
            page.pk for page in search(client, q="london", page=str(number)).context["results"]
        ]
    assert len(seen) == len(set(seen)) == total
