"""Calendar files (RFC 5545, with the `icalendar` library) and "add to calendar" web links.

Times are written in Europe/London with its VTIMEZONE, so Outlook keeps the right hour across
British Summer Time. Each event's UID is its page's translation key (a UUID that survives
edits and moves); SEQUENCE is the page's `ical_sequence`, raised by every published change.
"""

import datetime
import functools
import hashlib
from urllib.parse import urlencode

import icalendar
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import strip_tags
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from events.models import (
    LONDON,
    RECENT_DAYS,
    EventIndexPage,
    EventPage,
    EventStatus,
    now_to_the_minute,
)
from hlp_site.core.templatetags.navigation_tags import site_name
from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.absolute_urls import absolute_url
from programmes.models import ProgrammePage

PRODID = "-//hlp-site//Events//EN"
CALENDAR_MAX_AGE = 5 * 60
FEED_LENGTH = 200
TZID = "Europe/London"


def _uid(event):
    return f"{event.translation_key}@hlp-site"


def _description(event, url):
    parts = [event.summary]
    if event.status_callout:
        parts.insert(0, f"{event.status_callout}. {event.status_reason}".strip())
    if event.online_url and event.is_online:
        parts.append(f"Join: {event.online_url}")
    if event.booking_url:
        parts.append(f"Book: {event.booking_url}")
    if event.organiser_label:
        parts.append(f"Organised by {event.organiser_label}")
    parts.append(f"Details: {url}")
    return "\n\n".join(strip_tags(p) for p in parts if p)


def vevent(event, request):
    url = absolute_url(request, event.get_url(request=request))
    component = icalendar.Event()
    component.add("uid", _uid(event))
    component.add("sequence", event.ical_sequence)
    component.add("dtstamp", event.last_published_at or timezone.now())
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    if event.all_day:
        component.add("dtstart", event.start_local.date())
        component.add("dtend", event.end_local.date())
    else:
        component.add("dtstart", event.start_local)
        component.add("dtend", event.end_local)
    component.add("summary", event.title)
    component.add("description", _description(event, url))
    component.add("url", url)
    component.add("location", event.location_text)
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return component


def calendar(events, request, name):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    # Subscribed calendars check back this often (Outlook and Apple read one or the other).
    cal.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    events = list(events)
    if events:
        first = min(e.start_local.date() for e in events) - datetime.timedelta(days=366)
        last = max(e.end_local.date() for e in events) + datetime.timedelta(days=366)
    else:
        today = timezone.localdate()
        first, last = today, today + datetime.timedelta(days=366)
    # The VTIMEZONE with the transitions around these events only, not 1970-2038.
    cal.add_component(icalendar.Timezone.from_tzid(TZID, first_date=first, last_date=last))
    for event in events:
        cal.add_component(vevent(event, request))
    return cal


def ics_response(request, cal, filename):
    body = cal.to_ical()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CALENDAR_MAX_AGE)
    return get_conditional_response(request, etag=etag, response=response) or response


def feed_events(queryset, now=None):
    """Upcoming events and those that ended in the last RECENT_DAYS, soonest first."""
    since = now_to_the_minute(now) - datetime.timedelta(days=RECENT_DAYS)
    return (
        queryset.filter(end_at__gt=since)
        .select_related("organiser")
        .order_by("start_at", "pk")[:FEED_LENGTH]
    )


def calendar_file(view):
    """A calendar file at `<page path><file name>`: the view is given the page. At a page's
    old address (Wagtail's redirect, made when it moved or changed slug) the file redirects
    to the same file at the page's new address."""

    @functools.wraps(view)
    def serve(request, path):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        page = Page.objects.filter(url_path=site.root_page.url_path + path).first()
        if page is None:
            return _moved(request, site, path)
        return view(request, page)

    return serve


def _moved(request, site, path):
    redirect = (
        Redirect.get_for_site(site)
        .filter(
            old_path=Redirect.normalise_path(f"/{path}"),
            redirect_page__isnull=False,
            redirect_page_route_path="",  # the page itself, not one of its routes
        )
        .select_related("redirect_page")
        .order_by(F("site").asc(nulls_last=True))  # this site's first, as Wagtail does
        .first()
    )
    page_url = redirect and redirect.redirect_page.get_url(request=request)
    if not page_url:
        raise Http404
    file_name = request.path.rsplit("/", 1)[1]
    response_class = (
        HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
    )
    return response_class(page_url + file_name)


@calendar_file
def event_ics(request, page):
    if page.specific_class is not EventPage:
        raise Http404
    event = EventPage.objects.for_listing().select_related("organiser").filter(pk=page.pk).first()
    if event is None:  # a draft, private or expired event
        raise Http404
    cal = calendar([event], request, event.title)
    return ics_response(request, cal, f"{event.slug}.ics")


@calendar_file
def events_calendar(request, page):
    index = on_public_web(EventIndexPage.objects.filter(pk=page.pk)).first()
    if index is None:
        raise Http404
    events = feed_events(EventPage.objects.for_listing())
    cal = calendar(events, request, f"{index.title} | {site_name()}")
    return ics_response(request, cal, "events.ics")


@calendar_file
def programme_calendar(request, page):
    programme = on_public_web(ProgrammePage.objects.filter(pk=page.pk)).first()
    if programme is None:
        raise Http404
    events = feed_events(EventPage.objects.for_listing().for_programme(programme))
    cal = calendar(events, request, f"{programme.title}: events | {site_name()}")
    return ics_response(request, cal, f"{programme.slug}-events.ics")


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def web_links(event, request):
    """Google Calendar and Outlook.com "add event" links, from the same data as the .ics."""
    url = absolute_url(request, event.get_url(request=request))
    details = _description(event, url)
    if event.all_day:
        google_dates = f"{event.start_local.date():%Y%m%d}/{event.end_local.date():%Y%m%d}"
        outlook_times = {
            "startdt": event.start_local.date().isoformat(),
            "enddt": event.end_local.date().isoformat(),
            "allday": "true",
        }
    else:
        google_dates = f"{_utc(event.start_at)}/{_utc(event.end_at)}"
        outlook_times = {
            "startdt": event.start_local.isoformat(),
            "enddt": event.end_local.isoformat(),
        }
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "details": details,
            "location": event.location_text,
            "ctz": LONDON.key,
        }
    )
    outlook = "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "body": details,
            "location": event.location_text,
            **outlook_times,
        }
    )
    return {"ics": event.ics_url(request=request), "google": google, "outlook": outlook}
