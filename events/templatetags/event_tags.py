"""`{% upcoming_events %}` (home page) and `{% upcoming_events programme=page %}` (a
programme page): the next three upcoming events, soonest first."""

from django import template

from events.models import HOME_EVENTS, EventPage
from hlp_site.core.templatetags.navigation_tags import site_section

register = template.Library()


@register.inclusion_tag("events/upcoming_events.html", takes_context=True)
def upcoming_events(context, programme=None):
    request = context.get("request")
    events = EventPage.objects.for_listing().upcoming()
    heading = "Upcoming events"
    calendar_url = None
    if programme is not None:
        url = programme.get_url(request=request)
        calendar_url = url and f"{url}events.ics"
        events = events.for_programme(programme)
        heading = f"Upcoming events: {programme.title}"
    index = site_section(context, "events.EventIndexPage")  # from the cached site sections
    return {
        "events": list(events[:HOME_EVENTS]),
        "heading": heading,
        "calendar_url": calendar_url,
        "programme": programme,
        "index_url": index.get_url(request=request) if index else None,
        "request": request,
    }


@register.filter
def clock_time(moment):
    """A time as the NHS style guide writes it: 10am, 2:30pm, midday, midnight."""
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"
