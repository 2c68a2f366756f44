"""Events: webinars, workshops, learning networks and conferences (issue 15).

Owns EventIndexPage (/events/, upcoming and past listings), EventPage (under the events
index or a programme page), their calendar files (.ics per event, /events/calendar.ics and
/our-work/<programme>/events.ics), upcoming events in the programmes' RSS and Atom feeds
(`feeds.py`, named in settings.HLP_PROGRAMME_FEED_SOURCES), the "next three events" panel
for the home and programme pages, the admin's "Events" listing with its "Cancel event"
action, the events part of the API, the demo events, and `next_event_change`, which tells
the page cache when an event next moves from upcoming to past by the clock alone.

May import `hlp_site.core` (SEO, visibility, listing helpers, blocks), `programmes` and
`news` (the programme rule: `TaggedPageQuerySet.for_programme`). Nothing
outside this app imports it except the one-line hooks listed in the README ("Events").
"""
