import re
import sys

from django.db import InterfaceError, OperationalError, connection
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


def server_error(request):
    """The page for an unhandled error; needs no context processors or database.

    While the database is unreachable it is a 503 with Retry-After instead: the outage is
    temporary: Django drops the broken connection when the request ends and opens a fresh
    one (CONN_HEALTH_CHECKS) on the next, once the server is back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = render(None, "503.html", status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return render(None, "500.html", status=500)
