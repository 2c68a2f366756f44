from django.shortcuts import render
from wagtail.models import Page

from hlp_site.core.listing import paginate

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    return render(
        request,
        "core/search_results.html",
        {"search_query": query, "results": paginate(request, results, per_page=10)},
    )


def server_error(request):
    """A 500 page that needs no context processors or database (they may be what failed)."""
    return render(request, "500.html", status=500, using=None)
