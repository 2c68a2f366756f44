"""Calendar files. Wagtail's own URLs end in a slash and take no dots, so these come first
(hlp_site/urls.py) and look their page up by its path under the site's root."""

from django.urls import re_path

from events import calendars

PAGE_PATH = r"(?P<path>(?:[\w-]+/)+)"

urlpatterns = [
    re_path(rf"^{PAGE_PATH}event\.ics$", calendars.event_ics, name="event_ics"),
    re_path(rf"^{PAGE_PATH}calendar\.ics$", calendars.events_calendar, name="events_calendar"),
    re_path(rf"^{PAGE_PATH}events\.ics$", calendars.programme_calendar, name="programme_calendar"),
]
