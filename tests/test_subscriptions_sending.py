"""send_updates: matching, frequencies, hidden posts, no duplicates, crashes, headers."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from subscriptions.models import Delivery, Frequency, Message, Subscriber, Subscription
from subscriptions.sending import Run, latest_digest_time
from tests.subscriptions_helpers import (
    outbox_to,
    publish_event,
    publish_post,
    subscribe_confirmed,
)

pytestmark = pytest.mark.django_db


def titles(address):
    return sorted(m.subject for m in outbox_to(address))


def run(**kwargs):
    return Run(**kwargs).run()


# Matching -----------------------------------------------------------------------------------


def test_programme_includes_its_sub_programmes_and_nothing_else(demo_page):
    subscribe_confirmed(
        "a@example.org", "programme", programme=demo_page("/our-work/mental-health/")
    )
    own = publish_post(tags=["mental-health"], title="Own tag")
    sub = publish_post(tags=["thrive-ldn"], title="Sub-programme tag")
    publish_post(tags=["prevention"], title="Another programme")
    run()
    assert titles("a@example.org") == sorted([own.title, sub.title])


def test_matching_uses_the_programme_pages_own_rule(demo_page):
    """Whatever the programme page lists (among new posts) is what its subscribers get."""
    programme = demo_page("/our-work/prevention/")
    subscribe_confirmed("a@example.org", "programme", programme=programme)
    new = [
        publish_post(tags=[tag]) for tag in ("prevention", "hiv", "social-prescribing", "digital")
    ]
    run()
    listed = set(
        programme.latest_posts().filter(pk__in=[p.pk for p in new]).values_list("title", flat=True)
    )
    assert set(titles("a@example.org")) == listed
    assert len(listed) == 3


def test_tag_and_everything():
    subscribe_confirmed("t@example.org", "tag", tag="hiv")
    subscribe_confirmed("e@example.org", "everything")
    hiv = publish_post(tags=["hiv"])
    other = publish_post(tags=["digital"], kind="news")
    run()
    assert titles("t@example.org") == [hiv.title]
    assert titles("e@example.org") == sorted([hiv.title, other.title])


def test_new_events_go_to_programme_tag_and_everything_followers(demo_page):
    from events.models import EventPage

    programme = demo_page("/our-work/mental-health/")
    subscribe_confirmed("p@example.org", "programme", programme=programme)
    subscribe_confirmed("t@example.org", "tag", tag="hiv")
    subscribe_confirmed("e@example.org", "everything")
    events = [
        publish_event(tags=["mental-health"], title="Mental health forum"),
        # A sub-programme's tag, and an event placed under the sub-programme.
        publish_event(tags=["thrive-ldn"], title="Thrive webinar"),
        publish_event(
            parent=demo_page("/our-work/mental-health/thrive-ldn/"), title="Crisis care workshop"
        ),
        publish_event(tags=["hiv"], title="HIV testing week"),
        publish_event(tags=["prevention"], title="Prevention summit"),
    ]
    run()
    assert titles("p@example.org") == [
        "Crisis care workshop",
        "Mental health forum",
        "Thrive webinar",
    ]
    # What the programme's own rule lists (among the new events), nothing else.
    listed = EventPage.objects.for_programme(programme).filter(pk__in=[e.pk for e in events])
    assert set(titles("p@example.org")) == set(listed.values_list("title", flat=True))
    assert titles("t@example.org") == ["HIV testing week"]
    assert titles("e@example.org") == sorted(event.title for event in events)
    [email] = outbox_to("t@example.org")
    hiv = events[3]
    day = timezone.localtime(hiv.start_at).strftime("%-d %B %Y")
    assert f"Event, {day}" in email.body
    assert f"http://testserver{hiv.url}" in email.body


def test_an_event_is_sent_once_to_an_address_following_it_three_ways(demo_page):
    programme = demo_page("/our-work/mental-health/")
    subscribe_confirmed("o@example.org", "programme", programme=programme)
    subscribe_confirmed("o@example.org", "tag", tag="thrive-ldn")
    subscribe_confirmed("o@example.org", "everything", frequency=Frequency.DAILY)
    event = publish_event(tags=["thrive-ldn", "mental-health"])
    run()
    run()
    tomorrow = latest_digest_time(Frequency.DAILY, timezone.now()) + datetime.timedelta(
        days=1, minutes=1
    )
    run(now=tomorrow)
    assert titles("o@example.org") == [event.title]


def test_matching_every_followed_programme_and_tag_at_once_is_each_ones_own_rule(demo_page):
    from taggit.models import Tag

    from events.models import EventPage
    from news.models import ArticlePage
    from programmes.models import ProgrammePage

    programmes = list(ProgrammePage.objects.all())
    tags = list(Tag.objects.all())
    for programme in programmes:
        subscribe_confirmed("p@example.org", "programme", programme=programme)
    for tag in tags:
        subscribe_confirmed("t@example.org", "tag", tag=tag)
    for n, tag in enumerate(tags):
        publish_post(tags=[tag.slug, tags[n - 1].slug])
        publish_event(tags=[tag.slug])
    for programme in programmes[::2]:
        publish_event(parent=programme)
    recent, by_programme, by_tag = Run().new_pages()
    new = list(recent)
    for programme in programmes:
        assert by_programme[programme.pk] == {
            *ArticlePage.objects.for_programme(programme)
            .filter(pk__in=new)
            .values_list("pk", flat=True),
            *EventPage.objects.for_programme(programme)
            .filter(pk__in=new)
            .values_list("pk", flat=True),
        }, programme.url_path
    for tag in tags:
        assert by_tag[tag.pk] == {
            *ArticlePage.objects.tagged([tag.pk]).filter(pk__in=new).values_list("pk", flat=True),
            *EventPage.objects.tagged([tag.pk]).filter(pk__in=new).values_list("pk", flat=True),
        }, tag.slug
    assert any(by_programme.values()) and all(by_tag.values())


def test_posts_from_before_confirmation_are_not_sent():
    publish_post(tags=["hiv"], when=timezone.now() - datetime.timedelta(days=2))
    subscribe_confirmed("t@example.org", "tag", tag="hiv")
    run()
    assert mail.outbox == []


# Never a hidden post --------------------------------------------------------------------------


def test_drafts_private_and_expired_posts_are_never_sent():
    subscribe_confirmed("e@example.org", "everything")
    from tests.editing import draft_post

    draft_post(title="A draft")
    private = publish_post(title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    expired = publish_post(title="Expired")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    unpublished = publish_post(title="Unpublished again")
    unpublished.unpublish()
    public = publish_post(title="Public")
    run()
    assert titles("e@example.org") == [public.title]


def test_draft_private_and_expired_events_are_never_sent(demo_page):
    from events.models import EventIndexPage
    from tests.factories import EventPageFactory

    subscribe_confirmed("e@example.org", "everything")
    EventPageFactory(
        parent=EventIndexPage.objects.get(), live=False, title="Draft event"
    ).save_revision()
    private = publish_event(title="Private event")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    # In a private section: under a programme page only logged-in people may see.
    section = demo_page("/our-work/digital/")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    publish_event(parent=section, title="Event in a private section")
    expired = publish_event(title="Expired event")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    unpublished = publish_event(title="Unpublished event")
    unpublished.unpublish()
    public = publish_event(title="Public event")
    run()
    assert titles("e@example.org") == [public.title]


def test_a_post_hidden_between_planning_and_sending_is_not_sent():
    subscribe_confirmed("e@example.org", "everything")
    post = publish_post(title="Soon private")
    runner = Run()
    runner.plan()
    PageViewRestriction.objects.create(page=post, restriction_type="password", password="x")
    Run().deliver()
    assert mail.outbox == []
    assert Message.objects.get().status == Message.Status.FAILED


# No duplicates --------------------------------------------------------------------------------


def test_overlapping_subscriptions_send_a_post_once(demo_page):
    programme = demo_page("/our-work/mental-health/")
    subscribe_confirmed("o@example.org", "programme", programme=programme)
    subscribe_confirmed("o@example.org", "tag", tag="thrive-ldn")
    subscribe_confirmed("o@example.org", "everything", frequency=Frequency.DAILY)
    post = publish_post(tags=["thrive-ldn", "mental-health"])
    run()
    run()
    assert titles("o@example.org") == [post.title]
    # ... and the daily digest, when its hour comes, leaves it out.
    tomorrow = latest_digest_time(Frequency.DAILY, timezone.now()) + datetime.timedelta(
        days=1, minutes=1
    )
    run(now=tomorrow)
    assert titles("o@example.org") == [post.title]


def test_republished_post_is_sent_once():
    subscribe_confirmed("e@example.org", "everything")
    post = publish_post()
    run()
    post.unpublish()
    run()
    post.refresh_from_db()
    post.save_revision().publish()
    run()
    assert titles("e@example.org") == [post.title]


def test_a_second_run_sends_nothing_new():
    subscribe_confirmed("e@example.org", "everything")
    publish_post()
    run()
    mail.outbox.clear()
    stats = run()
    assert mail.outbox == []
    assert not stats.get("messages planned")


class Crash(BaseException):
    """A process killed mid-run (not an error the code handles)."""


class CrashingBackend(EmailBackend):
    """Hands messages over (to the locmem outbox), then the process dies on the third."""

    handed_over = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        CrashingBackend.handed_over += sent
        if CrashingBackend.handed_over == 3:
            raise Crash
        return sent


def test_a_crash_while_sending_resumes_without_duplicates():
    for n in range(5):
        subscribe_confirmed(f"c{n}@example.org", "everything")
    post = publish_post()
    CrashingBackend.handed_over = 0
    crashing = override_settings(EMAIL_BACKEND="tests.test_subscriptions_sending.CrashingBackend")
    with crashing, pytest.raises(Crash):
        run()
    assert len(mail.outbox) == 3
    statuses = sorted(Message.objects.values_list("status", flat=True))
    # Two recorded as sent, the one in flight left "sending", two never claimed.
    assert statuses == ["pending", "pending", "sending", "sent", "sent"]

    run(now=timezone.now() + datetime.timedelta(minutes=20))
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message.subject)
    assert all(subjects == [post.title] for subjects in by_address.values())
    # Every address has the post once: the interrupted one is not resent (it had been
    # handed over; a run cannot know) and is reported as unknown.
    assert len(by_address) == 5
    assert Message.objects.filter(status=Message.Status.UNKNOWN).count() == 1
    assert Message.objects.filter(status=Message.Status.SENT).count() == 4


def test_a_crash_while_planning_plans_each_post_once(monkeypatch):
    for n in range(4):
        subscribe_confirmed(f"p{n}@example.org", "everything")
    publish_post()
    publish_post()
    original = Delivery.objects.bulk_create

    def crash(*args, **kwargs):
        original(*args, **kwargs)
        raise Crash

    monkeypatch.setattr(Delivery.objects, "bulk_create", crash)
    with pytest.raises(Crash):
        run(batch_size=2)
    monkeypatch.undo()
    assert not Message.objects.exists()  # the batch's transaction rolled back
    run(batch_size=2)
    assert len(mail.outbox) == 8
    assert Delivery.objects.count() == 8


# Frequencies -------------------------------------------------------------------------------------


def test_immediate_is_one_email_per_post():
    subscribe_confirmed("i@example.org", "everything")
    posts = [publish_post(), publish_post()]
    run()
    assert titles("i@example.org") == sorted(p.title for p in posts)


@pytest.mark.parametrize("frequency", [Frequency.DAILY, Frequency.WEEKLY])
def test_digests_wait_for_their_hour_and_hold_every_post(frequency):
    slot = latest_digest_time(frequency, timezone.now())
    step = datetime.timedelta(days=7 if frequency == Frequency.WEEKLY else 1)
    # Subscribed just after the previous digest moment; posts since then.
    subscribe_confirmed(
        "d@example.org", "everything", frequency=frequency, confirmed_at=slot - step
    )
    first = publish_post(when=slot - step + datetime.timedelta(hours=2))
    second = publish_post(when=slot - datetime.timedelta(hours=1))
    run(now=slot - datetime.timedelta(minutes=1))
    assert mail.outbox == []  # not yet its hour
    run(now=slot + datetime.timedelta(minutes=1))
    [digest] = outbox_to("d@example.org")
    assert ("Daily" if frequency == Frequency.DAILY else "Weekly") in digest.subject
    assert "2 new posts" in digest.subject
    assert first.title in digest.body and second.title in digest.body
    assert digest.body.index(first.title) < digest.body.index(second.title)
    run(now=slot + datetime.timedelta(minutes=30))
    assert len(outbox_to("d@example.org")) == 1  # one digest per period


def test_a_digest_holds_new_events_and_posts_together():
    slot = latest_digest_time(Frequency.DAILY, timezone.now())
    subscribe_confirmed(
        "d@example.org",
        "tag",
        tag="hiv",
        frequency=Frequency.DAILY,
        confirmed_at=slot - datetime.timedelta(days=1),
    )
    post = publish_post(tags=["hiv"], when=slot - datetime.timedelta(hours=3))
    event = publish_event(
        tags=["hiv"], title="HIV testing week", when=slot - datetime.timedelta(hours=2)
    )
    second = publish_post(tags=["hiv"], when=slot - datetime.timedelta(hours=1))
    run(now=slot + datetime.timedelta(minutes=1))
    [digest] = outbox_to("d@example.org")
    assert digest.subject.startswith("Daily update: 1 new event and 2 new posts from ")
    # In the order they were published, each with its kind.
    body = digest.body
    assert body.index(post.title) < body.index(event.title) < body.index(second.title)
    assert "\nEvent, " in body and "\nBlog, " in body
    assert event.title in digest.alternatives[0][0]
    run(now=slot + datetime.timedelta(days=1, minutes=1))
    assert len(outbox_to("d@example.org")) == 1  # nothing twice


def test_digest_hour_is_london_time_across_summer_time():
    import zoneinfo

    london = zoneinfo.ZoneInfo("Europe/London")
    summer = datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC)
    winter = datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC)
    for moment in (summer, winter):
        slot = latest_digest_time(Frequency.DAILY, moment).astimezone(london)
        assert (slot.hour, slot.minute) == (7, 0)
    weekly = latest_digest_time(Frequency.WEEKLY, summer).astimezone(london)
    assert weekly.weekday() == 0 and weekly.hour == 7


def test_no_digest_when_nothing_new_and_the_next_one_starts_from_then():
    from wagtail.models import Page

    slot = latest_digest_time(Frequency.DAILY, timezone.now())
    confirmed = slot - datetime.timedelta(days=1)
    subscription = subscribe_confirmed(
        "d@example.org", "everything", frequency=Frequency.DAILY, confirmed_at=confirmed
    )
    # The demo events were published a day before the test database was built, which may
    # be after this back-dated confirmation: made older, so that nothing is new.
    Page.objects.filter(first_published_at__gt=confirmed).update(
        first_published_at=confirmed - datetime.timedelta(days=1)
    )
    run(now=slot + datetime.timedelta(minutes=1))
    assert mail.outbox == []
    subscription.refresh_from_db()
    assert subscription.last_digest_at == slot + datetime.timedelta(minutes=1)


# Emails: headers, links, one-click ---------------------------------------------------------------


def test_update_emails_have_rfc_8058_headers_text_and_html():
    subscribe_confirmed("h@example.org", "everything")
    post = publish_post(title="Headers & links")
    run()
    [email] = mail.outbox
    unsubscribe = email.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(
        "<http://testserver/subscribe/unsubscribe/"
    ) and unsubscribe.endswith(">")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in email.body  # a visible link too
    assert "/subscribe/manage/" in email.body
    assert post.title in email.body and "Headers & links" in email.body  # text: not escaped
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert "Headers &amp; links" in html and "/subscribe/manage/" in html
    assert "#005eb8" in html  # NHS blue


def test_one_click_unsubscribe_post_needs_no_csrf_token():
    subscribe_confirmed("h@example.org", "everything")
    publish_post()
    run()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url.removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not Subscriber.objects.exists()  # nothing left to keep the address for
    publish_post()
    mail.outbox.clear()
    run()
    assert mail.outbox == []


def test_the_command_runs_and_reports(capsys):
    subscribe_confirmed("e@example.org", "everything")
    publish_post()
    call_command("send_updates")
    assert "messages sent: 1" in capsys.readouterr().out


# Queries ------------------------------------------------------------------------------------------


def _subscribers(count, programme):
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"q{n}@example.org") for n in range(count)]
    )
    confirmed = timezone.now() - datetime.timedelta(hours=1)
    kinds = [
        {"kind": "everything"},
        {"kind": "tag", "tag_id": _tag_id("hiv")},
        {"kind": "programme", "programme": programme},
    ]
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=subscriber,
                frequency=Frequency.DAILY,
                confirmed_at=confirmed,
                last_digest_at=confirmed - datetime.timedelta(days=1),
                confirm_nonce="",
                **kinds[n % 3],
            )
            for n, subscriber in enumerate(subscribers)
        ]
    )


def _tag_id(slug):
    from taggit.models import Tag

    return Tag.objects.get(slug=slug).pk


@pytest.mark.parametrize("count", [10, 40])
def test_planning_makes_a_fixed_number_of_queries_per_batch(
    count, demo_page, django_assert_num_queries
):
    programme = demo_page("/our-work/prevention/")
    _subscribers(count, programme)
    for tag in ("hiv", "prevention", "digital"):
        publish_post(tags=[tag])
        publish_event(tags=[tag])
    runner = Run(batch_size=count)
    # New pages of every source (one UNION, the visibility filter inside its SQL), the
    # followed tags and programmes (2) and which new pages belong to each (one statement),
    # then per batch: addresses, subscriptions, deliveries, messages, deliveries written,
    # digests marked (atomic savepoint: 2), and the empty next batch.
    with django_assert_num_queries(13):
        runner.plan()
    assert Message.objects.count() == count


def _planning_queries(runner):
    with CaptureQueriesContext(connection) as captured:
        runner.plan()
    return len(captured)


def test_planning_queries_grow_with_batches_only(demo_page, settings):
    """Not with the sources, nor the programmes and tags followed, nor the new pages."""
    from programmes.models import ProgrammePage

    settings.SUBSCRIPTIONS_SOURCES = ["subscriptions.sources.PostSource"]
    _subscribers(10, demo_page("/our-work/prevention/"))
    publish_post(tags=["hiv"])
    one_source = _planning_queries(Run(batch_size=10))

    Message.objects.all().delete()
    Delivery.objects.all().delete()
    del settings.SUBSCRIPTIONS_SOURCES  # posts and events
    Subscription.objects.update(last_digest_at=F("confirmed_at") - datetime.timedelta(days=1))
    # Every programme and tag followed by someone, more posts and events...
    subscriber = Subscriber.objects.create(email="all@example.org")
    for programme in ProgrammePage.objects.all():
        subscribe_confirmed(subscriber.email, "programme", programme=programme)
    for tag in ("mental-health", "thrive-ldn", "prevention", "digital", "social-prescribing"):
        subscribe_confirmed(subscriber.email, "tag", tag=tag)
        publish_post(tags=[tag])
        publish_event(tags=[tag])
    publish_event(parent=demo_page("/our-work/prevention/"))
    # ... in the same single batch.
    assert _planning_queries(Run(batch_size=11)) == one_source == 13

    # Three batches where there was one: 8 more for each.
    Message.objects.all().delete()
    Delivery.objects.all().delete()
    Subscription.objects.update(last_digest_at=F("confirmed_at") - datetime.timedelta(days=1))
    assert _planning_queries(Run(batch_size=4)) == one_source + 2 * 8
