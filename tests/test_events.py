"""Events (issue 15): page rules, listings and filters, the clock, calendar files, JSON-LD,
the API, the sitemap, and that drafts and private events show on no channel."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
import vobject
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage, EventPage, next_event_change
from programmes.models import ProgrammePage
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def index():
    return EventIndexPage.objects.get()


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def soon(days=7):
    return timezone.localdate() + datetime.timedelta(days=days)


def publish(page):
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def card_links(response):
    html = response.content.decode()
    return re.findall(r'nhsuk-card__link" href="([^"]+)"', html)


# The page types ----------------------------------------------------------------------------


def test_events_section_is_a_singleton_under_home(index):
    from hlp_site.core.models import HomePage

    assert index.url == "/events/"
    assert EventIndexPage.max_count == 1
    assert EventIndexPage in HomePage.allowed_subpage_models()
    assert not EventIndexPage.can_create_at(HomePage.objects.get())  # one exists already
    assert EventPage.allowed_subpage_models() == []
    assert set(EventPage.allowed_parent_page_models()) == {EventIndexPage, ProgrammePage}


def test_event_page_renders_every_field(client, index, demo_page):
    partner = demo_page("/partners/greater-london-authority/")
    event = EventPageFactory(
        parent=index,
        slug="everything",
        booking_url="https://example.org/book",
        no_booking_needed=False,
        cost="25.00",
        organiser=partner,
        accessibility="Step-free access.",
        tag_names=["prevention"],
    )
    html = client.get(event.url).content.decode()
    assert "City Hall" in html and "openstreetmap.org/search?query=City+Hall" in html
    assert 'href="https://example.org/book"' in html
    assert "£25" in html and "Step-free access." in html
    assert "Greater London Authority" in html
    assert 'href="/our-work/prevention/"' in html  # the programme its tag points to
    assert "event.ics" in html and "calendar.google.com" in html and "outlook.office.com" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]  # no map script


def test_times_are_entered_and_shown_in_london_and_stored_in_utc(client, index):
    summer = datetime.date(timezone.localdate().year + 1, 7, 1)
    event = EventPageFactory(parent=index, start_at=at(summer, 10), end_at=at(summer, 12))
    stored = EventPage.objects.values_list("start_at", flat=True).get(pk=event.pk)
    assert stored.astimezone(datetime.UTC).hour == 9  # BST is UTC+1
    html = client.get(event.url).content.decode()
    assert "Wednesday 1 July" in html or f"{summer:%A} 1 July" in html
    assert "10am</time> to" in html and "midday</time>" in html


def test_all_day_event_covers_whole_london_days(index):
    day = soon(20)
    event = EventPageFactory(parent=index, all_day=True, start_at=at(day, 14), end_at=at(day, 9))
    assert event.start_local == at(day, 0)
    assert event.end_local == at(day + datetime.timedelta(days=1), 0)
    assert event.last_day_local == day


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"end_at": at(soon(), 9)}, "end_at"),  # ends before it starts (10:00)
        ({"event_format": "online", "online_url": "", "booking_url": ""}, "online_url"),
        ({"booking_url": "ftp://example.org/book", "no_booking_needed": False}, "booking_url"),
        ({"online_url": "javascript:alert(1)", "event_format": "online"}, "online_url"),
        (
            {"start_at": at(soon(365 * 6), 10), "end_at": at(soon(365 * 6), 12)},
            "start_at",
        ),
        ({"venue_name": "", "venue_address": ""}, "venue_name"),
        ({"status": "moved-online"}, "online_url"),
        ({"cost": "-1"}, "cost"),
    ],
)
def test_bad_events_are_refused(index, fields, field):
    event = EventPage(
        title="Bad",
        slug="bad-event",
        summary="x",
        start_at=at(soon(), 10),
        end_at=at(soon(), 12),
        event_format="in-person",
        venue_name="City Hall",
        no_booking_needed=True,
    )
    for name, value in fields.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=event)
    assert field in error.value.message_dict
    assert not EventPage.objects.filter(slug="bad-event").exists()


def test_bad_event_in_the_admin_is_a_form_error_and_nothing_is_saved(admin_client, index):
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    form = admin_client.get(url)
    assert form.status_code == 200
    day = soon()
    data = {
        "title": "Ends before it starts",
        "slug": "ends-before-it-starts",
        "summary": "x",
        "start_at": f"{day:%Y-%m-%d} 10:00",
        "end_at": f"{day:%Y-%m-%d} 09:00",
        "event_format": "online",
        "status": "scheduled",
        "booking_url": "ftp://example.org/",
        "tags": "",
        "body-count": "0",
        "action-publish": "action-publish",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "end_at" in errors and "booking_url" in errors
    assert not EventPage.objects.filter(slug="ends-before-it-starts").exists()


# Listings and filters ------------------------------------------------------------------------


def test_upcoming_soonest_first_and_past_newest_first(client, index):
    later = EventPageFactory(parent=index, start_at=at(soon(3), 10), end_at=at(soon(3), 11))
    sooner = EventPageFactory(parent=index, start_at=at(soon(1), 10), end_at=at(soon(1), 11))
    old = EventPageFactory(parent=index, start_at=at(soon(-30), 10), end_at=at(soon(-30), 11))
    older = EventPageFactory(parent=index, start_at=at(soon(-60), 10), end_at=at(soon(-60), 11))
    upcoming = card_links(client.get("/events/"))
    assert upcoming.index(sooner.url) < upcoming.index(later.url)
    assert old.url not in upcoming
    past = card_links(client.get("/events/past/"))
    assert past.index(old.url) < past.index(older.url)
    assert sooner.url not in past


def test_programme_filter_includes_sub_programmes_and_events_under_the_programme(
    client, index, demo_page
):
    mental_health = demo_page("/our-work/mental-health/")
    tagged_sub = EventPageFactory(parent=index, tag_names=["thrive-ldn"])
    underneath = EventPageFactory(parent=mental_health)
    unrelated = EventPageFactory(parent=index, tag_names=["digital"])
    links = card_links(client.get("/events/?programme=mental-health"))
    assert tagged_sub.url in links and underneath.url in links
    assert unrelated.url not in links


def test_format_and_month_filters(client, index):
    day = soon(40)
    online = EventPageFactory(
        parent=index,
        event_format="online",
        online_url="https://example.org/join",
        start_at=at(day, 10),
        end_at=at(day, 11),
    )
    in_person = EventPageFactory(parent=index, start_at=at(day, 10), end_at=at(day, 11))
    links = card_links(client.get("/events/?format=online"))
    assert online.url in links and in_person.url not in links
    month = f"{day:%Y-%m}"
    links = card_links(client.get(f"/events/?month={month}"))
    assert online.url in links and in_person.url in links
    assert all(
        EventPage.objects.get(
            url_path__endswith=url.rstrip("/").rsplit("/", 1)[1] + "/"
        ).start_local.strftime("%Y-%m")
        == month
        for url in links
    )


@pytest.mark.parametrize(
    "query",
    [
        "?programme=nope",
        "?format=%00",
        "?month=2026-13",
        "?month=99999-01",
        "?month[]=x",
        "?page=-1",
        "?page=abc",
        "?page=99999999999999999999",
        "?format=online&format=hybrid",
        "?" + "x" * 3000,
    ],
)
def test_odd_filters_give_an_empty_list_never_a_500(client, query):
    for path in ("/events/", "/events/past/"):
        response = client.get(path + query)
        assert response.status_code in (200, 400, 404)


def test_listing_pages(client, index):
    for n in range(14):
        EventPageFactory(parent=index, start_at=at(soon(n + 1), 10), end_at=at(soon(n + 1), 11))
    first = client.get("/events/?format=in-person")
    second = client.get("/events/?format=in-person&page=2")
    assert len(card_links(first)) == 12
    assert card_links(second) and not set(card_links(second)) & set(card_links(first))
    assert "format=in-person&amp;page=2" in first.content.decode()


def test_home_and_programme_pages_show_the_next_three_upcoming_events(client, index, demo_page):
    EventPage.objects.update(live=False)  # only this test's events
    made = [
        EventPageFactory(
            parent=index,
            start_at=at(soon(n + 1), 10),
            end_at=at(soon(n + 1), 11),
            tag_names=["asthma"],
        )
        for n in range(4)
    ]
    home = card_links(client.get("/"))
    assert [url for url in home if url.startswith("/events/")] == [e.url for e in made[:3]]
    programme = card_links(client.get("/our-work/children-and-young-people/"))
    assert [url for url in programme if "/events/" in url] == [e.url for e in made[:3]]
    other = card_links(client.get("/our-work/digital/"))
    assert not [url for url in other if "/events/" in url]


# The clock ---------------------------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.HLP_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_an_event_moves_to_past_when_it_ends_with_the_page_cache_on(client, index, page_cache_on):
    start = at(soon(2), 10)
    end = at(soon(2), 11)
    event = EventPageFactory(parent=index, start_at=start, end_at=end, tag_names=["asthma"])
    programme = "/our-work/children-and-young-people/"
    with time_machine.travel(end - datetime.timedelta(minutes=5), tick=False):
        assert event.url in card_links(client.get("/events/"))
        assert client.get("/events/")["X-Page-Cache"] == "hit"
        assert event.url not in card_links(client.get("/events/past/"))
        assert event.url in card_links(client.get(programme))
        assert "This event has ended" not in client.get(event.url).content.decode()
        assert next_event_change(timezone.now()) <= end
    with time_machine.travel(end - datetime.timedelta(seconds=1), tick=False):
        assert client.get("/events/")["X-Page-Cache"] == "hit"
    with time_machine.travel(end, tick=False):
        # No publish: the stored pages lapse the moment the event ends.
        upcoming = client.get("/events/")
        assert upcoming["X-Page-Cache"] == "miss"
        assert event.url not in card_links(upcoming)
        assert event.url in card_links(client.get("/events/past/"))
        assert event.url not in card_links(client.get(programme))
        assert "This event has ended" in client.get(event.url).content.decode()


def test_next_event_change_is_the_next_end(index):
    now = timezone.now()
    EventPage.objects.update(live=False)
    assert next_event_change(now) is None
    first = EventPageFactory(parent=index, start_at=at(soon(1), 10), end_at=at(soon(1), 11))
    EventPageFactory(parent=index, start_at=at(soon(2), 10), end_at=at(soon(2), 11))
    assert next_event_change(now) == first.end_at
    # An event that ended lately leaves the calendar feeds RECENT_DAYS after its end.
    EventPage.objects.filter(pk=first.pk).update(live=False)
    EventPage.objects.filter(end_at__gt=now).update(live=False)
    ended = EventPageFactory(parent=index, start_at=at(soon(-89), 10), end_at=at(soon(-89), 11))
    lapses = ended.end_at.astimezone(datetime.UTC) + datetime.timedelta(days=90)
    assert next_event_change(now) == lapses


def test_page_cache_timeout_stops_at_the_next_event_end(client, index, page_cache_on):
    import time

    EventPage.objects.update(live=False)
    now = timezone.now()
    EventPageFactory(
        parent=index,
        start_at=now - datetime.timedelta(minutes=1),
        end_at=now + datetime.timedelta(minutes=10),
    )
    cache.clear()
    assert client.get("/events/")["X-Page-Cache"] == "miss"
    stored = [cache._expire_info[key] for key in cache._cache if "hlp:page:" in key]
    assert stored and max(stored) <= time.time() + 601


# Calendar files ----------------------------------------------------------------------------


def parse_both(body):
    """The calendar as icalendar and vobject (an independent parser) read it."""
    text = body.decode()
    return icalendar.Calendar.from_ical(body), vobject.readOne(text)


def test_event_ics(client, index):
    summer = datetime.date(timezone.localdate().year + 1, 7, 1)
    event = EventPageFactory(parent=index, start_at=at(summer, 10), end_at=at(summer, 12))
    response = client.get(event.url + "event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    cal, vcal = parse_both(response.content)
    timezones = cal.walk("VTIMEZONE")
    assert [tz["TZID"] for tz in timezones] == ["Europe/London"]
    assert {c.name for c in timezones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    (vevent,) = cal.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert vevent.decoded("DTSTART") == at(summer, 10)
    assert vevent.decoded("DTSTART").astimezone(datetime.UTC).hour == 9
    assert str(vevent["SUMMARY"]) == event.title
    assert str(vevent["URL"]) == "http://localhost" + event.url
    assert "City Hall" in str(vevent["LOCATION"])
    assert str(vevent["STATUS"]) == "CONFIRMED"
    # The second parser reads the same event at the same instant.
    assert vcal.vevent.summary.value == event.title
    assert vcal.vevent.dtstart.value.astimezone(datetime.UTC) == at(summer, 10).astimezone(
        datetime.UTC
    )
    assert vcal.vevent.uid.value == str(vevent["UID"])


def test_uid_stays_and_sequence_rises_on_change_and_cancelled(client, index):
    event = publish(EventPageFactory(parent=index))
    url = event.url + "event.ics"
    first = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert int(first["SEQUENCE"]) == 0
    publish(event)  # nothing a calendar shows changed
    again = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert int(again["SEQUENCE"]) == 0
    event.start_at += datetime.timedelta(hours=1)
    event.end_at += datetime.timedelta(hours=1)
    event.slug = "moved-event"
    event = publish(event)
    url = event.url + "event.ics"
    moved = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert str(moved["UID"]) == str(first["UID"])
    assert int(moved["SEQUENCE"]) == 1
    event.status = "cancelled"
    event.status_reason = "The speaker is unwell."
    event = publish(event)
    cancelled = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2
    assert str(cancelled["UID"]) == str(first["UID"])
    vcal = vobject.readOne(client.get(url).content.decode())
    assert vcal.vevent.status.value == "CANCELLED"


def test_all_day_event_ics_uses_dates(client, index):
    day = soon(10)
    event = EventPageFactory(parent=index, all_day=True, start_at=at(day, 0), end_at=at(day, 0))
    (vevent,) = icalendar.Calendar.from_ical(client.get(event.url + "event.ics").content).walk(
        "VEVENT"
    )
    assert vevent.decoded("DTSTART") == day
    assert vevent.decoded("DTEND") == day + datetime.timedelta(days=1)


def test_calendar_feeds(client, index, demo_page):
    asthma = EventPageFactory(parent=index, tag_names=["asthma"])
    other = EventPageFactory(parent=index, tag_names=["digital"])
    old = EventPageFactory(
        parent=index, start_at=at(soon(-200), 10), end_at=at(soon(-200), 11), tag_names=["asthma"]
    )
    recent = EventPageFactory(
        parent=index, start_at=at(soon(-10), 10), end_at=at(soon(-10), 11), tag_names=["asthma"]
    )

    def uids(url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["ETag"] and "max-age" in response["Cache-Control"]
        cal, vcal = parse_both(response.content)
        assert len(cal.walk("VEVENT")) == len(vcal.contents.get("vevent", []))
        return {str(e["UID"]) for e in cal.walk("VEVENT")}

    def uid(event):
        return f"{event.translation_key}@hlp-site"

    everything = uids("/events/calendar.ics")
    assert {uid(asthma), uid(other), uid(recent)} <= everything
    assert uid(old) not in everything
    children = uids("/our-work/children-and-young-people/events.ics")
    assert uid(asthma) in children and uid(recent) in children
    assert uid(other) not in children
    assert client.get("/our-work/no-such-programme/events.ics").status_code == 404


def test_calendar_etag_gives_304(client):
    first = client.get("/events/calendar.ics")
    again = client.get("/events/calendar.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_event_page_links_to_its_calendar_and_web_calendars(client, index):
    event = EventPageFactory(parent=index, title="Asthma & you")
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    hrefs = [a["href"] for a in soup.select("main a[href]")]
    assert event.url + "event.ics" in hrefs
    google = next(h for h in hrefs if h.startswith("https://calendar.google.com/"))
    outlook = next(h for h in hrefs if h.startswith("https://outlook.office.com/"))
    assert "text=Asthma+%26+you" in google and "ctz=Europe%2FLondon" in google
    start_utc = event.start_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert start_utc in google
    assert "subject=Asthma+%26+you" in outlook
    assert "startdt=" + event.start_local.isoformat().replace(":", "%3A").replace("+", "%2B") in (
        outlook
    )


# What the open web sees ----------------------------------------------------------------------


def json_ld(response, kind):
    soup = BeautifulSoup(response.content, "html.parser")
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    return None


def test_json_ld_event(client, index, demo_page):
    partner = demo_page("/partners/nhs-england/")
    event = EventPageFactory(
        parent=index,
        event_format="hybrid",
        online_url="https://example.org/join",
        cost="45.00",
        booking_url="https://example.org/book",
        no_booking_needed=False,
        organiser=partner,
    )
    data = json_ld(client.get(event.url), "Event")
    assert data["name"] == event.title
    assert data["startDate"] == event.start_local.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    kinds = {place["@type"] for place in data["location"]}
    assert kinds == {"Place", "VirtualLocation"}
    assert data["organizer"]["name"] == "NHS England"
    assert data["offers"]["price"] == "45.00" and data["offers"]["priceCurrency"] == "GBP"


def test_json_ld_cancelled_online_event_without_cost(client, index):
    event = EventPageFactory(
        parent=index,
        event_format="online",
        online_url="https://example.org/join",
        status="cancelled",
        status_reason="Unwell speaker.",
    )
    response = client.get(event.url)
    data = json_ld(response, "Event")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "offers" not in data
    html = response.content.decode()
    assert "nhsuk-warning-callout" in html and "This event has been cancelled" in html
    assert "Unwell speaker." in html


@pytest.mark.parametrize(
    "status, callout",
    [
        ("postponed", "This event has been postponed"),
        ("moved-online", "This event has moved online"),
    ],
)
def test_status_callouts(client, index, status, callout):
    event = EventPageFactory(
        parent=index, status=status, online_url="https://example.org/join", status_reason="Why."
    )
    html = client.get(event.url).content.decode()
    assert "nhsuk-warning-callout" in html and callout in html


def test_sitemap_lists_events(client, index):
    event = EventPageFactory(parent=index)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://localhost{event.url}" in xml
    assert "http://localhost/events/</loc>" in xml


def test_api_events(client, index):
    EventPage.objects.update(live=False)
    later = EventPageFactory(parent=index, start_at=at(soon(5), 10), end_at=at(soon(5), 11))
    sooner = EventPageFactory(
        parent=index, start_at=at(soon(2), 10), end_at=at(soon(2), 11), tag_names=["asthma"]
    )
    past = EventPageFactory(parent=index, start_at=at(soon(-5), 10), end_at=at(soon(-5), 11))
    older = EventPageFactory(parent=index, start_at=at(soon(-9), 10), end_at=at(soon(-9), 11))

    def ids(query):
        response = client.get("/api/v2/pages/?type=events.EventPage" + query)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [sooner.pk, later.pk, past.pk, older.pk]  # upcoming first
    assert ids("&tag=asthma") == [sooner.pk]
    assert ids("&programme=children-and-young-people") == [sooner.pk]
    assert ids(f"&from={soon(3)}") == [later.pk]
    assert ids(f"&from={soon(-9)}&to={soon(-5)}") == [past.pk, older.pk]
    assert ids("&tag=no-such-tag") == []
    detail = client.get(f"/api/v2/pages/{sooner.pk}/").json()
    assert detail["calendar_url"] == f"http://localhost{sooner.url}event.ics"
    assert detail["event_format"] == "in-person" and detail["status"] == "scheduled"
    bad = client.get("/api/v2/pages/?type=events.EventPage&from=soon")
    assert bad.status_code == 400


# Leaks: drafts, private and expired events -----------------------------------------------------


@pytest.fixture(params=["draft", "private", "expired"])
def hidden_event(request, index):
    event = EventPageFactory(parent=index, title="Hidden event", tag_names=["asthma"])
    if request.param == "draft":
        event.unpublish()
    elif request.param == "private":
        PageViewRestriction.objects.create(page=event, restriction_type="password", password="x")
    else:
        EventPage.objects.filter(pk=event.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=5)
        )
    cache.clear()
    return EventPage.objects.get(pk=event.pk)


def test_hidden_events_appear_on_no_channel(client, hidden_event):
    url = hidden_event.url
    assert client.get(url + "event.ics").status_code == 404
    for channel in (
        "/events/",
        "/",
        "/our-work/children-and-young-people/",
        "/events/calendar.ics",
        "/our-work/children-and-young-people/events.ics",
        "/sitemap.xml",
        "/api/v2/pages/?type=events.EventPage&limit=100",
        "/api/v2/pages/?limit=100&search=Hidden",
    ):
        body = client.get(channel).content.decode()
        assert "Hidden event" not in body, channel
        assert hidden_event.translation_key.hex not in body.replace("-", ""), channel


def test_ics_of_a_page_that_is_not_an_event_is_404(client):
    assert client.get("/our-work/event.ics").status_code == 404
    assert client.get("/news/calendar.ics").status_code == 404
    assert client.get("/events/events.ics").status_code == 404
    assert client.get("/no/such/page/event.ics").status_code == 404
