"""The demo events: a dozen across programmes, past and upcoming relative to today.

`load(command)` is called by `load_demo_content` (its page() helper finds each page by slug
and publishes it only when it changed). Times are whole days from today at fixed London
times, so a second run on the same day changes nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from events.models import LONDON, EventIndexPage, EventPage

DAY = datetime.timedelta(days=1)

INDEX = {
    "title": "Events",
    "intro": (
        "Webinars, workshops, learning networks and conferences run by the partnership and "
        "its programmes. Add any of them to your calendar, or subscribe to them all."
    ),
}

# (slug, title, days from today, start "HH:MM", end "HH:MM" or days long for all-day,
#  extra fields). Parent "/events/" unless the extras name one.
EVENTS = [
    (
        "social-prescribing-learning-network",
        "Social prescribing learning network",
        9,
        "10:00",
        "12:30",
        {
            "summary": "Link workers, GPs and community groups share what works in social prescribing.",
            "event_format": "in-person",
            "venue_name": "City Hall",
            "venue_address": "Kamal Chunchie Way\nLondon\nE16 1ZE",
            "booking_url": "https://www.eventbrite.co.uk/e/social-prescribing-network",
            "organiser": "/partners/greater-london-authority/",
            "accessibility": "Step-free access throughout, hearing loop in the main room.",
            "tags": ["social-prescribing"],
        },
    ),
    (
        "thrive-ldn-suicide-prevention-webinar",
        "Thrive LDN: suicide prevention webinar",
        3,
        "13:00",
        "14:00",
        {
            "summary": "An hour on the London suicide prevention strategy and how to get involved.",
            "event_format": "online",
            "online_url": "https://teams.microsoft.com/l/meetup-join/thrive-ldn-webinar",
            "no_booking_needed": True,
            "organiser_name": "Thrive LDN",
            "accessibility": "Live captions; a recording with a transcript follows.",
            "tags": ["thrive-ldn", "suicide-prevention"],
        },
    ),
    (
        "digital-first-primary-care-conference",
        "Digital first primary care conference",
        30,
        "09:30",
        "16:30",
        {
            "summary": "A day on online consultations, the NHS App and digital inclusion in general practice.",
            "event_format": "hybrid",
            "venue_name": "The King's Fund",
            "venue_address": "11-13 Cavendish Square\nLondon\nW1G 0AN",
            "online_url": "https://www.youtube.com/watch?v=hlp-digital-conference",
            "booking_url": "https://www.eventbrite.co.uk/e/digital-first-primary-care",
            "cost": "45.00",
            "organiser": "/partners/nhs-england/",
            "tags": ["digital", "primary-care"],
        },
    ),
    (
        "childrens-asthma-workshop",
        "Children's asthma workshop for school nurses",
        16,
        "15:30",
        "17:00",
        {
            "summary": "Practical asthma care in schools: inhaler technique, action plans and emergencies.",
            "event_format": "in-person",
            "venue_name": "Haringey Civic Centre",
            "venue_address": "High Road\nWood Green\nLondon\nN22 8LE",
            "booking_url": "https://www.eventbrite.co.uk/e/asthma-workshop",
            "tags": ["asthma"],
            "parent": "/our-work/children-and-young-people/",
        },
    ),
    (
        "homeless-health-summit",
        "Homeless health summit",
        45,
        "all-day",
        2,
        {
            "summary": "Two days with people with lived experience, hospitals and councils on homeless health.",
            "event_format": "in-person",
            "venue_name": "Guy's Campus, King's College London",
            "venue_address": "Great Maze Pond\nLondon\nSE1 1UL",
            "booking_url": "https://www.eventbrite.co.uk/e/homeless-health-summit",
            "organiser": "/partners/london-councils/",
            "tags": ["homeless-health", "health-inequalities"],
        },
    ),
    (
        "good-thinking-drop-in",
        "Good Thinking: digital mental health drop-in",
        6,
        "18:00",
        "19:00",
        {
            "summary": "Questions about Good Thinking's apps and self-help tools, answered live.",
            "event_format": "in-person",
            "status": "moved-online",
            "status_reason": "Because of the rail strike, this drop-in now takes place online only.",
            "venue_name": "Southwark Library",
            "venue_address": "211 Borough High Street\nLondon\nSE1 1JA",
            "online_url": "https://zoom.us/j/good-thinking-drop-in",
            "no_booking_needed": True,
            "tags": ["mental-health"],
        },
    ),
    (
        "healthy-high-streets-walkabout",
        "Healthy high streets walkabout",
        12,
        "11:00",
        "13:00",
        {
            "summary": "A guided walk along a London high street that changed its food offer.",
            "event_format": "in-person",
            "status": "cancelled",
            "status_reason": "The walk leader is unwell. We will run it again in the spring.",
            "venue_name": "Walworth Road",
            "venue_address": "Walworth Road\nLondon\nSE17 1RW",
            "no_booking_needed": True,
            "tags": ["prevention"],
        },
    ),
    (
        "hiv-fast-track-cities-forum",
        "HIV Fast-Track Cities forum",
        60,
        "10:00",
        "15:00",
        {
            "summary": "Partners review progress towards ending new HIV infections in London by 2030.",
            "event_format": "in-person",
            "status": "postponed",
            "status_reason": "The forum moves to a later date, to be announced here.",
            "venue_name": "London Councils",
            "venue_address": "59½ Southwark Street\nLondon\nSE1 0AL",
            "booking_url": "https://www.eventbrite.co.uk/e/hiv-fast-track-forum",
            "tags": ["hiv-fast-track-city"],
        },
    ),
    (
        "mental-health-in-schools-webinar",
        "Mental health in schools: autumn webinar",
        -20,
        "16:00",
        "17:00",
        {
            "summary": "Schools and mental health support teams on what they learned this year.",
            "event_format": "online",
            "online_url": "https://teams.microsoft.com/l/meetup-join/mhs-webinar",
            "no_booking_needed": True,
            "tags": ["mental-health", "children-and-young-people"],
        },
    ),
    (
        "prevention-partners-roundtable",
        "Prevention partners roundtable",
        -45,
        "09:30",
        "11:30",
        {
            "summary": "Public health leads on the prevention priorities for next year.",
            "event_format": "in-person",
            "venue_name": "Public Health England",
            "venue_address": "10 South Colonnade\nLondon\nE14 4PU",
            "booking_url": "https://www.eventbrite.co.uk/e/prevention-roundtable",
            "organiser": "/partners/public-health-england/",
            "tags": ["prevention"],
        },
    ),
    (
        "crisis-care-learning-day",
        "Crisis care learning day",
        -90,
        "all-day",
        1,
        {
            "summary": "Health-based places of safety, crisis lines and what London learned.",
            "event_format": "hybrid",
            "venue_name": "Royal College of Psychiatrists",
            "venue_address": "21 Prescot Street\nLondon\nE1 8BB",
            "online_url": "https://teams.microsoft.com/l/meetup-join/crisis-care-day",
            "booking_url": "https://www.eventbrite.co.uk/e/crisis-care-day",
            "cost": "20.00",
            "tags": ["mental-health"],
        },
    ),
    (
        "nhs-e-referral-clinic",
        "NHS e-Referral Service: questions clinic",
        -7,
        "12:30",
        "13:30",
        {
            "summary": "An online clinic for practice staff moving referrals to the e-Referral Service.",
            "event_format": "online",
            "online_url": "https://teams.microsoft.com/l/meetup-join/ers-clinic",
            "booking_url": "https://www.eventbrite.co.uk/e/ers-clinic",
            "tags": ["digital"],
            "parent": "/our-work/digital/",
        },
    ),
]


def _times(today, days, start, end):
    day = today + datetime.timedelta(days=days)
    if start == "all-day":
        begins = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=LONDON)
        ends = begins + datetime.timedelta(days=end)
        return begins, ends, True
    hour, minute = map(int, start.split(":"))
    begins = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)
    hour, minute = map(int, end.split(":"))
    ends = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)
    return begins, ends, False


def _utc(moment):
    # As the database gives them back, so a second run compares equal.
    return moment.astimezone(datetime.UTC)


def load(command, today=None):
    """Create or update the events section and the demo events, with `command`'s helpers."""
    today = today or timezone.localdate()
    launched = datetime.datetime(2024, 1, 8, 9, 0, tzinfo=LONDON)
    command.page("/events/", EventIndexPage, launched, show_in_menus=True, **INDEX)
    for slug, title, days, start, end, extra in EVENTS:
        extra = dict(extra)
        parent = extra.pop("parent", "/events/")
        organiser = extra.pop("organiser", None)
        begins, ends, all_day = _times(today, days, start, end)
        fields = {
            "title": title,
            "start_at": _utc(begins),
            "end_at": _utc(ends),
            "all_day": all_day,
            "organiser": command.pages[organiser] if organiser else None,
            "hero_image": None,
            **extra,
        }
        if "cost" in fields:
            fields["cost"] = Decimal(fields["cost"])
        # Announced a month ahead, and never "just now": demo events are not news to the
        # email updates of a freshly loaded site.
        published = min(begins - datetime.timedelta(days=30), timezone.now() - DAY)
        command.page(f"{parent}{slug}/", EventPage, published, **fields)
