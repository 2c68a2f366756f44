import re

from django.db import connection
from django.shortcuts import render

from hlp_site.core.listing import paginate
from hlp_site.core.pages import public_pages

MAX_QUERY_LENGTH = 200
# Double quotes break SQLite FTS5's query parser and NUL breaks PostgreSQL; neither
# carries meaning for a visitor's search.
UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f]')


def clean_search_query(raw):
    return " ".join(UNSEARCHABLE.sub(" ", raw[:MAX_QUERY_LENGTH]).split())


# Wagtail's SQLite FTS5 backend sorts by relevance with a cost that grows steeply with the
# number of matches (minutes for 10,000); beyond this many it lists newest first instead.
# PostgreSQL ranks any number quickly.
SQLITE_RANKED_MATCHES = 1000


def search(request):
    query = clean_search_query(request.GET.get("q", ""))
    pages = public_pages().specific()
    if not query:
        results = pages.none()
    elif connection.vendor == "sqlite":
        results = pages.search(query, order_by_relevance=False)
        if results.count() <= SQLITE_RANKED_MATCHES:
            results = pages.search(query)
    else:
        results = pages.search(query)
    return render(
        request,
        "core/search_results.html",
        {"search_query": query, "results": paginate(request, results, per_page=10)},
    )


def server_error(request):
    """A 500 page that needs no context processors or database (they may be what failed)."""
    return render(request, "500.html", status=500, using=None)
