"""`{% upcoming_events %}` (home page) and `{% upcoming_events programme=page %}` (a
programme page): the next three upcoming events, soonest first."""

from django import template

from events.models import HOME_EVENTS, EventIndexPage, EventPage

register = template.Library()


@register.inclusion_tag("events/upcoming_events.html", takes_context=True)
def upcoming_events(context, programme=None):
    request = context.get("request")
    events = EventPage.objects.for_listing().upcoming()
    heading = "Upcoming events"
    if programme is not None:
        events = events.for_programme(programme)
        heading = f"Upcoming events: {programme.title}"
    index = EventIndexPage.objects.live().public().first()
    return {
        "events": list(events[:HOME_EVENTS]),
        "heading": heading,
        "index_url": index.get_url(request=request) if index else None,
        "request": request,
    }
