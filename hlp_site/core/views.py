import re

from django.db import connection
from django.shortcuts import render
from wagtail.models import Page

from hlp_site.core.listing import paginate
from hlp_site.core.visibility import on_public_web

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

    pages = on_public_web(Page.objects.all()).specific()
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


def page_not_found(request, exception):
    """The 404 page, with the site's header and footer."""
    return render(request, "404.html", status=404)
