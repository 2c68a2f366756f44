"""Events in the programme feeds (issue 15, "Open web"): a programme's RSS and Atom feeds
carry its upcoming public events among its posts, by first publication, with when (London
time), the format and the summary; never a draft, private, expired or ended event; and in
the same number of queries however many entries there are."""

import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
import wagtail_factories
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage, EventPage
from news.models import ArticleIndexPage, ArticlePage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.factories import ArticlePageFactory, EventPageFactory, ProgrammePageFactory
from tests.test_open_web_query_counts import BUDGET, queries_for

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
ORIGIN = "http://localhost"
PROGRAMME = "/our-work/children-and-young-people/"  # its tags include "asthma"
FEEDS = [f"{PROGRAMME}feed/", f"{PROGRAMME}feed/atom/"]


@pytest.fixture
def index():
    return EventIndexPage.objects.get()


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def entries_by_link(feed):
    return {entry.link: entry for entry in feed.entries}


def published_event(parent, published_at=None, **fields):
    """An event published through Wagtail (so with a first publication time)."""
    event = EventPageFactory(parent=parent, live=False, **fields)
    if published_at is not None:
        event.first_published_at = published_at
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def next_summer_day():
    """A 1 July (British Summer Time) at least a week ahead."""
    today = timezone.localdate()
    day = datetime.date(today.year, 7, 1)
    return day if day > today + datetime.timedelta(days=7) else day.replace(year=today.year + 1)


# What the feeds carry -----------------------------------------------------------------------


def expected_events(programme):
    """The programme's upcoming public events, worked out without the feed's querysets."""
    tags = {
        tag.slug
        for page in ProgrammePage.objects.filter(path__startswith=programme.path)
        for tag in page.tags.all()
    }
    now = timezone.now()
    return {
        f"{ORIGIN}{event.url}"
        for event in EventPage.objects.live().public().filter(end_at__gt=now)
        if (event.path.startswith(programme.path) or {t.slug for t in event.tags.all()} & tags)
        and not (event.expire_at and event.expire_at <= now)
    }


@pytest.mark.parametrize("slug", ["mental-health", "prevention", "children-and-young-people"])
@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_demo_programme_feeds_carry_their_upcoming_events(client, slug, suffix):
    programme = ProgrammePage.objects.get(slug=slug)
    feed = parse(client, f"/our-work/{slug}/feed/{suffix}")
    assert feed.feed.title.startswith(f"{programme.title}: news, blogs, videos and events")
    event_urls = {f"{ORIGIN}{event.url}" for event in EventPage.objects.all()}
    in_feed = {link for link in (entry.link for entry in feed.entries) if link in event_urls}
    assert in_feed, slug  # each of these demo programmes has upcoming events
    assert in_feed == expected_events(programme), slug
    # Newest first, posts and events together.
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_past_events_are_not_in_the_feed(client, index):
    ended = published_event(
        index,
        title="Ended asthma clinic",
        start_at=timezone.now() - datetime.timedelta(days=2, hours=2),
        end_at=timezone.now() - datetime.timedelta(days=2),
        tag_names=["asthma"],
    )
    for url in FEEDS:
        body = client.get(url).content.decode()
        assert ended.title not in body and f"/p/{ended.pk}/" not in body


@pytest.mark.parametrize("url", FEEDS)
def test_event_entry(client, index, demo_page, url):
    day = next_summer_day()
    partner = demo_page("/partners/greater-london-authority/")
    published_at = (timezone.now() - datetime.timedelta(hours=1)).replace(microsecond=0)
    event = published_event(
        index,
        published_at=published_at,
        title="Asthma friendly schools workshop",
        summary="How schools become asthma friendly.",
        start_at=datetime.datetime.combine(day, datetime.time(10, 30), tzinfo=LONDON),
        end_at=datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=LONDON),
        event_format="hybrid",
        online_url="https://example.org/join",
        organiser=partner,
        hero_image=wagtail_factories.ImageFactory(),
        tag_names=["asthma"],
    )
    assert event.start_at.astimezone(datetime.UTC).time() == datetime.time(9, 30)  # stored
    feed = parse(client, url)
    entry = feed.entries[0]  # the newest entry of all
    assert entry.link == f"{ORIGIN}{event.url}"
    assert entry.title == "Asthma friendly schools workshop"
    assert entry.id == f"{ORIGIN}/p/{event.pk}/"
    assert datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC) == published_at
    when = f"{day:%A} {day.day} {day:%B %Y}, 10:30am to midday (UK time)"  # London, not UTC
    assert entry.summary.split("\n\n") == [
        f"When: {when}.",
        "Format: In person and online.",
        "Venue: City Hall, Kamal Chunchie Way, London E16 1ZE.",
        "How schools become asthma friendly.",
    ]
    assert [author.name for author in entry.authors] == [partner.title]
    assert {tag.term for tag in entry.tags} == {"Asthma"}
    assert ".fill-1200x630." in entry.enclosures[0].href
    assert entry.media_thumbnail[0]["url"] == entry.enclosures[0].href


def test_an_atom_entry_without_an_organiser_has_the_site_as_its_author(client, index):
    day = next_summer_day()
    event = published_event(
        index,
        title="Asthma drop-in with no organiser",
        start_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON),
        end_at=datetime.datetime.combine(day, datetime.time(11), tzinfo=LONDON),
        tag_names=["asthma"],
    )
    assert event.organiser_label == ""
    feed = parse(client, f"{PROGRAMME}feed/atom/")
    entry = entries_by_link(feed)[f"{ORIGIN}{event.url}"]
    assert "authors" not in entry
    # The feed's <author> stands for it: Atom wants one for every entry.
    assert feed.feed.author == "Healthy London Partnership"
    # Entries with authors keep their own.
    assert any(entry.get("authors") for entry in feed.entries)


def test_cancelled_event_says_so_and_all_day_events_give_dates(client, index):
    day = timezone.localdate() + datetime.timedelta(days=20)
    event = published_event(
        index,
        title="Asthma awareness days",
        all_day=True,
        start_at=datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=LONDON),
        # For an all-day event only the dates count: two days.
        end_at=datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time(12, 0), tzinfo=LONDON
        ),
        event_format="online",
        online_url="https://example.org/join",
        status="cancelled",
        status_reason="Too few bookings.",
        tag_names=["asthma"],
    )
    entry = entries_by_link(parse(client, FEEDS[0]))[f"{ORIGIN}{event.url}"]
    last = day + datetime.timedelta(days=1)
    assert entry.summary.split("\n\n")[:3] == [
        "This event has been cancelled. Too few bookings.",
        f"When: {day:%A} {day.day} {day:%B %Y} to {last:%A} {last.day} {last:%B %Y}.",
        "Format: Online.",
    ]


def test_entry_id_survives_a_move_and_a_new_slug(client, index, demo_page):
    event = published_event(index, title="Asthma drop-in", tag_names=["asthma"])
    (before,) = [e for e in parse(client, FEEDS[1]).entries if e.title == "Asthma drop-in"]
    event.slug = "asthma-drop-in-renamed"
    event.save_revision().publish()
    EventPage.objects.get(pk=event.pk).move(demo_page(PROGRAMME), pos="last-child")
    (after,) = [e for e in parse(client, FEEDS[1]).entries if e.title == "Asthma drop-in"]
    assert after.link != before.link and after.link.endswith("/asthma-drop-in-renamed/")
    assert after.id == before.id == f"{ORIGIN}/p/{event.pk}/"


def test_an_event_placed_under_the_programme_belongs_to_it(client, demo_page):
    event = published_event(demo_page(PROGRAMME), title="Untagged workshop")
    assert not event.tags.exists()
    for url in FEEDS:
        assert f"{ORIGIN}{event.url}" in entries_by_link(parse(client, url))
    assert f"{ORIGIN}{event.url}" not in entries_by_link(
        parse(client, "/our-work/prevention/feed/")
    )


# Leaks: never a draft, private or expired event -------------------------------------------------


def hide_draft(event):
    event.unpublish()


def hide_password(event):
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="x")


def hide_login(event):
    PageViewRestriction.objects.create(page=event, restriction_type="login")


def hide_section(event):
    # The events index is made private: everything under it is.
    PageViewRestriction.objects.create(
        page=event.get_parent(), restriction_type="password", password="x"
    )


def hide_expired_by_scheduler(event):
    event.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    event.save()
    call_command("publish_scheduled", verbosity=0)
    event.refresh_from_db()
    assert event.expired and not event.live


def hide_expired_not_yet_unpublished(event):
    EventPage.objects.filter(pk=event.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )


HIDE = {
    "draft": hide_draft,
    "password": hide_password,
    "login": hide_login,
    "private section": hide_section,
    "expired": hide_expired_by_scheduler,
    "expired, scheduler not yet run": hide_expired_not_yet_unpublished,
}


@pytest.mark.parametrize("state", HIDE)
def test_hidden_events_never_reach_the_feeds(client, index, demo_page, state):
    # The visible one is placed under the programme, outside a private events index.
    visible = published_event(demo_page(PROGRAMME), title="Zanzibar visible event")
    hidden = published_event(index, title="Zanzibar hidden event", tag_names=["asthma"])
    for url in FEEDS:  # both there first: the check below can fail
        links = entries_by_link(parse(client, url))
        assert f"{ORIGIN}{visible.url}" in links and f"{ORIGIN}{hidden.url}" in links
    HIDE[state](hidden)
    for url in FEEDS:
        body = client.get(url).content.decode()
        assert "Zanzibar visible event" in body, url
        assert "Zanzibar hidden event" not in body, url
        assert hidden.slug not in body and f"/p/{hidden.pk}/" not in body, url


def test_unpublished_changes_stay_out_of_the_feeds(client, index):
    event = published_event(index, title="Zanzibar published title", tag_names=["asthma"])
    event.title = "Zanzibar draft title"
    event.summary = "Zanzibar draft summary."
    event.save_revision()  # saved, not published
    for url in FEEDS:
        body = client.get(url).content.decode()
        assert "Zanzibar published title" in body
        assert "Zanzibar draft" not in body


# Queries ----------------------------------------------------------------------------------------


def test_programme_feed_queries_do_not_grow_with_its_events(client, index, demo_page):
    programme = ProgrammePageFactory(
        parent=ProgrammeIndexPage.objects.get(), slug="event-budget", title="Event budget"
    )
    programme.tags.add("event-budget")
    programme.save()
    blog = ArticleIndexPage.objects.get(kind="blog")
    partner = demo_page("/partners/greater-london-authority/")
    now = timezone.now()
    events, posts = [], []

    def grow(total):
        while len(events) < total:
            # Posts and events taking turns, newest first; every entry with its own image
            # and tags; events with an organiser, half of them placed under the programme,
            # half tagged with its tag.
            n = len(events)
            post = ArticlePageFactory(parent=blog, tag_names=["event-budget"])
            day = timezone.localdate() - datetime.timedelta(days=2 * n)
            ArticlePage.objects.filter(pk=post.pk).update(date=day)
            posts.append(post)
            events.append(
                EventPageFactory(
                    parent=programme if n % 2 else index,
                    tag_names=[] if n % 2 else ["event-budget", "asthma"],
                    hero_image=wagtail_factories.ImageFactory(),
                    organiser=partner,
                    first_published_at=now - datetime.timedelta(days=2 * n + 1),
                )
            )

    urls = ["/our-work/event-budget/feed/", "/our-work/event-budget/feed/atom/"]
    counts = {}
    for size in (3, 25):  # 25 events and 25 posts: more than the feed's 20
        grow(size)
        counts[size] = [queries_for(client, url) for url in urls]
        entries = parse(client, urls[0]).entries
        in_feed = {entry.link for entry in entries}
        assert {f"{ORIGIN}{event.url}" for event in events} & in_feed
        assert {f"{ORIGIN}{post.url}" for post in posts} & in_feed
        assert len(entries) == min(2 * size, 20)
    print(counts)
    assert counts[3] == counts[25]
    assert max(counts[25]) <= BUDGET
