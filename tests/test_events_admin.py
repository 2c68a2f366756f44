"""Events in the admin (listing, filters, "Cancel event", sign-off) and their query budgets."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowPage

from events.models import EventIndexPage, EventPage
from programmes.models import ProgrammePage
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=LONDON)


@pytest.fixture
def index():
    return EventIndexPage.objects.get()


@pytest.fixture
def user_in(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(
            username=group_name.lower(), password="pw", email=f"{group_name}@example.org"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_events_listing_with_filters(admin_client, index):
    upcoming = EventPageFactory(
        parent=index, title="Upcoming one", start_at=at(3, 10), end_at=at(3, 11)
    )
    past = EventPageFactory(parent=index, title="Past one", start_at=at(-3, 10), end_at=at(-3, 11))
    cancelled = EventPageFactory(parent=index, title="Cancelled one", status="cancelled")
    tagged = EventPageFactory(parent=index, title="Thrive one", tag_names=["thrive-ldn"])
    url = reverse("events:index")
    html = admin_client.get(url).content.decode()
    assert "Upcoming one" in html and "Past one" in html
    html = admin_client.get(url + "?when=upcoming").content.decode()
    assert upcoming.title in html and past.title not in html
    html = admin_client.get(url + "?when=past").content.decode()
    assert past.title in html and upcoming.title not in html
    html = admin_client.get(url + "?status=cancelled").content.decode()
    assert cancelled.title in html and upcoming.title not in html
    mental_health = ProgrammePage.objects.get(slug="mental-health")
    html = admin_client.get(url + f"?programme={mental_health.pk}").content.decode()
    assert tagged.title in html and upcoming.title not in html
    assert admin_client.get(url + "?when=nonsense").status_code == 200


def test_cancel_event_asks_for_a_reason_then_publishes_it(admin_client, index, client):
    event = EventPageFactory(parent=index)
    event.save_revision().publish()
    url = reverse("events:cancel", args=[event.pk])
    # Offered on the page's header in the editor.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert url in edit.content.decode()
    form = admin_client.get(url)
    assert form.status_code == 200 and "Reason" in form.content.decode()
    refused = admin_client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert EventPage.objects.get(pk=event.pk).status == "scheduled"
    done = admin_client.post(url, {"reason": "The venue flooded."})
    assert done.status_code == 302
    event = EventPage.objects.get(pk=event.pk)
    assert event.status == "cancelled" and event.status_reason == "The venue flooded."
    assert not event.has_unpublished_changes
    html = client.get(event.url).content.decode()
    assert "This event has been cancelled" in html and "The venue flooded." in html
    # Once cancelled, there is nothing left to cancel.
    refused = admin_client.get(url)  # Wagtail turns the refusal into a redirect with a message
    assert refused.status_code in (302, 403) and refused.get("Location") != url


def test_editors_cannot_cancel(client, index, user_in):
    event = EventPageFactory(parent=index)
    client.force_login(user_in("Editors"))
    url = reverse("events:cancel", args=[event.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"reason": "No."}).status_code in (302, 403)
    assert EventPage.objects.get(pk=event.pk).status == "scheduled"


def test_events_go_through_comms_sign_off(index):
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert workflow.name == "Comms sign-off"
    event = EventPageFactory(parent=index)
    assert event.get_workflow() == workflow


# Query budgets: flat however many events there are ------------------------------------------

BUDGET = 15


def queries_for(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


URLS = [
    "/events/",
    "/events/?programme=mental-health&format=in-person",
    "/events/past/",
    "/events/calendar.ics",
    "/our-work/mental-health/events.ics",
    "/",
    "/our-work/mental-health/",
]


def test_query_budget_flat_at_5_and_500_events(client, index, settings):
    """Every events page and calendar, and the pages showing upcoming events, render in the
    same number of queries with 5 and with 500 events (fragment caches off)."""
    settings.HLP_FRAGMENT_CACHE = False
    made = []

    def grow(total):
        while len(made) < total:
            n = len(made)
            made.append(
                EventPageFactory(
                    parent=index,
                    start_at=at(n % 300 - 100, 10),
                    end_at=at(n % 300 - 100, 11),
                    tag_names=["thrive-ldn"],
                )
            )

    def measure():
        event = made[0]
        urls = [*URLS, event.url, event.url + "event.ics"]
        return {url: queries_for(client, url) for url in urls}

    grow(5)
    small = measure()
    grow(500)
    large = measure()
    print(small)
    for url, count in small.items():
        key = url if url in large else next(u for u in large if u not in small)
        assert count == large[key], f"{url}: {count} queries with 5 events, {large[key]} with 500"
        assert large[key] <= BUDGET, f"{url}: {large[key]} queries"
