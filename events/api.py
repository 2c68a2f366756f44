"""The events part of the read-only API (hlp_site/openweb/api.py registers these).

`?from=YYYY-MM-DD&to=YYYY-MM-DD` keep events running on any day of the range (London
dates, inclusive); `?tag=` and `?programme=` work through the API's tag models, as for posts.
Events come upcoming first (soonest first), then past ones (newest first).
"""

import datetime

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from events.models import LONDON, EventPage, EventPageTag

TAG_MODELS = {EventPage: EventPageTag}
QUERY_PARAMETERS = ["from", "to"]


class EventDateFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        from hlp_site.openweb.api import parse_date_parameter

        date_from = parse_date_parameter(request, "from")
        date_to = parse_date_parameter(request, "to")
        if date_from is None and date_to is None:
            return queryset
        if queryset.model not in (EventPage, Page):
            raise BadRequestError("from and to filter events: add type=events.EventPage")
        events = EventPage.objects.all()
        if date_from:
            start = datetime.datetime.combine(date_from, datetime.time(0, 0), tzinfo=LONDON)
            events = events.filter(end_at__gt=start)
        if date_to:
            following = date_to + datetime.timedelta(days=1)
            end = datetime.datetime.combine(following, datetime.time(0, 0), tzinfo=LONDON)
            events = events.filter(start_at__lt=end)
        return queryset.filter(pk__in=events.values("pk"))


def api_queryset(queryset, request):
    """Events for the API: organisers and images fetched with them, upcoming first."""
    from hlp_site.core.images import with_images

    queryset = (
        with_images(EventPage.objects.filter(pk__in=queryset.values("pk")), "hero_image", "share")
        .select_related("organiser")
        .prefetch_related("tags")
    )
    if "order" not in request.GET:
        queryset = queryset.upcoming_first()
    return queryset
