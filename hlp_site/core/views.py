import re

from django.shortcuts import render

from hlp_site.core.listing import paginate
from hlp_site.core.pages import public_pages

MAX_QUERY_LENGTH = 200
# Double quotes break SQLite FTS5's query parser and NUL breaks PostgreSQL; neither
# carries meaning for a visitor's search.
UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f]')


def clean_search_query(raw):
    return " ".join(UNSEARCHABLE.sub(" ", raw[:MAX_QUERY_LENGTH]).split())


def search(request):
    query = clean_search_query(request.GET.get("q", ""))
    pages = public_pages().specific()
    results = pages.search(query) if query else pages.none()
    return render(
        request,
        "core/search_results.html",
        {"search_query": query, "results": paginate(request, results, per_page=10)},
    )


def server_error(request):
    """A 500 page that needs no context processors or database (they may be what failed)."""
    return render(request, "500.html", status=500, using=None)
