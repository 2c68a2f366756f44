"""Old public addresses redirect (301) after a page's slug or a tag changes (20.2)."""

import pytest
from django.urls import reverse
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect

from events.models import EventIndexPage
from hlp_site.publishing import tags
from programmes.models import ProgrammePage
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

SUB_ROUTES = ["", "feed/", "feed/atom/", "embed/"]


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("sam", "s@example.org", "pw"))
    return client


def rename_page(page, slug, on_commit):
    page.slug = slug
    with on_commit(execute=True):  # Wagtail signals a slug change once it is committed
        page.save_revision().publish()
    page.refresh_from_db()


def assert_redirects(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_programme_sub_routes_follow_a_slug_change_and_back(
    client, django_capture_on_commit_callbacks
):
    programme = ProgrammePage.objects.get(slug="digital")
    rename_page(programme, "digital-health", django_capture_on_commit_callbacks)
    for route in SUB_ROUTES:
        assert_redirects(client, f"/our-work/digital/{route}", f"/our-work/digital-health/{route}")

    # Renamed back: no loop.
    rename_page(programme, "digital", django_capture_on_commit_callbacks)
    for route in SUB_ROUTES:
        assert client.get(f"/our-work/digital/{route}").status_code == 200
        assert_redirects(client, f"/our-work/digital-health/{route}", f"/our-work/digital/{route}")


def edit_tag(client, tag, name, slug):
    url = reverse("wagtailsnippets_taggit_tag:edit", args=[tag.pk])
    response = client.post(url, {"name": name, "slug": slug})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_renamed_tag_page_and_feeds_redirect_and_renaming_back_does_not_loop(
    client, superuser_client
):
    tag = Tag.objects.get(slug="prevention")
    edit_tag(superuser_client, tag, "Preventing ill health", "preventing-ill-health")
    for route in ["", "feed/", "feed/atom/"]:
        assert_redirects(
            client, f"/news/tags/prevention/{route}", f"/news/tags/preventing-ill-health/{route}"
        )
    edit_tag(superuser_client, tag, "Prevention, again", "prevention-again")
    # No chain: the first address goes straight to the newest.
    assert_redirects(client, "/news/tags/prevention/", "/news/tags/prevention-again/")

    edit_tag(superuser_client, tag, "Prevention", "prevention")
    assert client.get("/news/tags/prevention/").status_code == 200
    assert_redirects(client, "/news/tags/prevention-again/feed/", "/news/tags/prevention/feed/")


def test_merged_tag_page_and_feeds_redirect_to_the_target(client):
    source, target = Tag.objects.get(slug="thrive-ldn"), Tag.objects.get(slug="mental-health")
    tags.merge_tags([source], target)
    for route in ["", "feed/", "feed/atom/"]:
        assert_redirects(
            client, f"/news/tags/thrive-ldn/{route}", f"/news/tags/mental-health/{route}"
        )


def test_an_unknown_tag_is_still_a_404(client):
    assert client.get("/news/tags/never-existed/").status_code == 404


# Calendar files (events/urls.py, served outside Wagtail's page routing) -------------------


def assert_calendar_redirects(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    response = client.get(new)
    assert response.status_code == 200, new
    assert response["Content-Type"].startswith("text/calendar")


def published_event(parent, on_commit):
    event = EventPageFactory(parent=parent, live=False)
    with on_commit(execute=True):
        event.save_revision().publish()
    return event


def test_programme_calendar_follows_a_slug_change_and_back(
    client, django_capture_on_commit_callbacks
):
    programme = ProgrammePage.objects.get(slug="digital")
    event = published_event(programme, django_capture_on_commit_callbacks)
    rename_page(programme, "digital-health", django_capture_on_commit_callbacks)
    old, new = "/our-work/digital/", "/our-work/digital-health/"
    assert_calendar_redirects(client, f"{old}events.ics", f"{new}events.ics")
    # Its sub-pages moved with it.
    assert_calendar_redirects(
        client, f"{old}{event.slug}/event.ics", f"{new}{event.slug}/event.ics"
    )

    # Renamed back: no loop.
    rename_page(programme, "digital", django_capture_on_commit_callbacks)
    assert client.get(f"{old}events.ics").status_code == 200
    assert_calendar_redirects(client, f"{new}events.ics", f"{old}events.ics")


def test_events_and_event_calendars_follow_slug_changes(client, django_capture_on_commit_callbacks):
    index = EventIndexPage.objects.get()
    event = published_event(index, django_capture_on_commit_callbacks)
    rename_page(index, "whats-on", django_capture_on_commit_callbacks)
    assert_calendar_redirects(client, "/events/calendar.ics", "/whats-on/calendar.ics")
    old_slug = event.slug
    rename_page(event, "renamed-event", django_capture_on_commit_callbacks)
    # Straight to the newest address from either older one.
    for old in [f"/events/{old_slug}/", f"/whats-on/{old_slug}/"]:
        assert_calendar_redirects(client, f"{old}event.ics", "/whats-on/renamed-event/event.ics")


def test_calendar_files_without_a_page_to_follow_are_404(
    client, django_capture_on_commit_callbacks
):
    assert client.get("/our-work/never-existed/events.ics").status_code == 404
    Redirect.add_redirect("/our-work/elsewhere/", "https://example.org/")
    assert client.get("/our-work/elsewhere/events.ics").status_code == 404
    # A page's own address redirects; its other routes' calendar files do not exist.
    programme = ProgrammePage.objects.get(slug="digital")
    rename_page(programme, "digital-health", django_capture_on_commit_callbacks)
    assert client.get("/our-work/digital/feed/events.ics").status_code == 404
    # The new address of another kind of page has no such file: 404 there.
    response = client.get("/our-work/digital/calendar.ics", follow=True)
    assert response.status_code == 404
