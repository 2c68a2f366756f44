"""Search in a real browser: misspell a query, follow "Did you mean", filter by programme
(no JavaScript needed: the filters are a GET form), open a result."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def query(page):
    return {name: values[0] for name, values in parse_qs(urlsplit(page.url).query).items()}


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_misspell_follow_did_you_mean_filter_by_programme_open_a_result(open_page, viewport):
    page = open_page(viewport)
    page.goto("/")
    search_box = page.locator("header").get_by_role("searchbox", name="Search this site")
    search_box.fill("asthama")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=asthama"))

    suggestion = page.locator("main .hlp-search-suggestion")
    assert "Did you mean asthma?" in suggestion.inner_text()
    suggestion.get_by_role("link", name="asthma", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q=asthma$"))
    assert page.locator("main .hlp-search-suggestion").count() == 0
    everything = int(page.locator("#search-result-count").inner_text().split()[0])

    page.get_by_label("Programme").select_option("children-and-young-people")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"programme=children-and-young-people"))
    assert query(page)["q"] == "asthma"
    filtered = int(page.locator("#search-result-count").inner_text().split()[0])
    assert 0 < filtered <= everything
    # The programme's sub-programme (Asthma) is part of it.
    results = page.locator("main .hlp-search-results li h2 a")
    assert "Asthma" in results.all_inner_texts()
    # Matched words are marked in titles and snippets.
    assert page.locator("main .hlp-search-results mark").count() > 0

    first = results.first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == title


def test_sort_newest_and_filter_by_type_keep_the_query(page):
    page.goto("/search/?q=health")
    page.get_by_label("Type").select_option("news")
    page.get_by_label("Sort by").select_option("newest")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"type=news"))
    assert query(page) == {"q": "health", "type": "news", "sort": "newest"}
    dates = page.locator("main .hlp-search-results time").evaluate_all(
        "times => times.map(t => t.dateTime)"
    )
    assert dates and dates == sorted(dates, reverse=True)
