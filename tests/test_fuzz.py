"""Property-based: whatever a visitor types into a public URL, never a 5xx."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Every public URL pattern; {} takes an arbitrary path fragment.
URL_PATTERNS = [
    "/",
    "/news/",
    "/news/blog/",
    "/news/tags/{}/",
    "/news/feed/",
    "/news/feed/atom/",
    "/news/blog/feed/",
    "/news/tags/{}/feed/",
    "/news/blog/{}/",
    "/our-work/",
    "/our-work/{}/",
    "/our-work/mental-health/",
    "/our-work/mental-health/feed/",
    "/our-work/mental-health/embed/",
    "/our-work/mental-health/{}/",
    "/resources/",
    "/partners/",
    "/partners/{}/",
    "/search/",
    "/api/v2/pages/",
    "/api/v2/pages/{}/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/p/{}/",
    "/sitemap.xml",
    "/robots.txt",
    "/{}/",
]
KNOWN_PARAMETERS = [
    "page",
    "q",
    "type",
    "programme",
    "tag",
    "year",
    "kind",
    "order",
    "limit",
    "offset",
    "fields",
    "search",
    "child_of",
    "descendant_of",
    "date_from",
    "date_to",
    "format",
    "sort",
]

odd_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60
) | st.sampled_from(
    [
        "",
        "-1",
        "0",
        "1e9",
        "9" * 40,
        "%00",
        "\x00",
        "../..",
        "' OR 1=1 --",
        '"',
        "*",
        "[]",
        "<script>",
        "null",
        "NaN",
        "2018-13-45",
        "mental-health",
        "blog",
        "2018",
        # Search: quotes, operators, abbreviations, typos, markup and very long input.
        '""',
        '"mental health',
        "AND OR NOT",
        "NEAR(a b)",
        "A&E",
        "asthama",
        "<mark>x</mark>",
        "newest",
        "x" * 300,
    ]
)
queries = st.lists(st.tuples(st.sampled_from(KNOWN_PARAMETERS) | odd_text, odd_text), max_size=5)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pattern=st.sampled_from(URL_PATTERNS), fragment=odd_text, query=queries)
def test_no_url_gives_a_server_error(pattern, fragment, query):
    path = pattern.format(quote(fragment, safe="") or "x")
    url = f"{path}?{urlencode(query)}" if query else path
    response = Client(raise_request_exception=True).get(url)
    assert response.status_code < 500, url
    if response.status_code >= 400:
        assert b"Traceback" not in response.content
