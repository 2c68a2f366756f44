"""Events in the programme feeds (/our-work/<programme>/feed/ and feed/atom/).

`EventFeedSource` is named in settings.HLP_PROGRAMME_FEED_SOURCES; the programme feed
(hlp_site/openweb/feeds.py, `ProgrammeFeed`) places its events among the programme's posts
by when each was first published, keeps only what `on_public_web` lets through, and gives
them the posts' title, link, permanent link (the id), tags and hero image enclosure. This
module adds what an event says differently: the publication time, the organiser as the
author, and a description that says when, in London time, and in what format it happens.

Upcoming events only (not yet ended, as the listings count it): an event leaves the feed
when it ends, a moment the page cache already knows (`next_event_change`). An event never
published through Wagtail (live from code, with no first publication time) has no place
in a feed ordered by publication and is left out.
"""

from django.utils.dateformat import format as date_format

from events.models import EventPage, EventStatus
from events.templatetags.event_tags import clock_time
from hlp_site.core.images import with_images


def _day(moment):
    return date_format(moment, "l j F Y")  # as the event page writes it


def when_text(event):
    """When `event` happens, in London time: the event page's wording, as text."""
    start, end = event.start_local, event.end_local
    if event.all_day:
        if event.last_day_local == start.date():
            return _day(start)
        return f"{_day(start)} to {_day(event.last_day_local)}"
    if start.date() == end.date():
        span = f"{_day(start)}, {clock_time(start)} to {clock_time(end)}"
    else:
        span = f"{_day(start)}, {clock_time(start)} to {_day(end)}, {clock_time(end)}"
    return f"{span} (UK time)"


def format_text(event):
    if event.status == EventStatus.MOVED_ONLINE:
        return "Online (moved online)"  # as the event page says
    return event.get_event_format_display()


class EventFeedSource:
    def model(self):
        return EventPage

    def queryset(self, programme):
        events = (
            EventPage.objects.upcoming()
            .for_programme(programme)
            .filter(first_published_at__isnull=False)
            .defer_streamfields()
            .select_related("organiser")
            .prefetch_related("tags")
            .order_by("-first_published_at", "-pk")
        )
        return with_images(events, "hero_image", "share")

    def pubdate(self, event):
        return event.first_published_at

    def description(self, event):
        parts = []
        if event.status_callout:
            parts.append(f"{event.status_callout}. {event.status_reason}".strip())
        parts.append(f"When: {when_text(event)}.")
        parts.append(f"Format: {format_text(event)}.")
        if event.is_in_person and event.location_text:
            parts.append(f"Venue: {event.location_text}.")
        parts.append(event.summary)
        return "\n\n".join(parts)

    def authors(self, event):
        return [event.organiser_label] if event.organiser_label else []
