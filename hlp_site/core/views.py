import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render


def page_not_found(request, exception):
    """The 404 page, kept out of the fragment cache: its head and breadcrumb vary by path,
    and every mistyped or probed address would otherwise take room there."""
    return render(request, "404.html", {"fragment_cache": False}, status=404)


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
