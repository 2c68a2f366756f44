"""send_updates at scale: many confirmed subscriptions, 50 new posts and 10 new events, in
a fixed number of queries per batch.

By default 1,000 subscriptions (quick); the README's figure is for 10,000:
    HLP_SUBSCRIPTIONS_SCALE=10000 .venv/bin/pytest tests/test_subscriptions_scale.py -s
"""

import contextlib
import datetime
import os
import time

import pytest
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from programmes.models import ProgrammePage
from subscriptions.models import Delivery, Frequency, Message, Subscriber, Subscription
from subscriptions.sending import Run, latest_digest_time
from tests.subscriptions_helpers import publish_event, publish_post

pytestmark = pytest.mark.django_db

SUBSCRIPTIONS = int(os.environ.get("HLP_SUBSCRIPTIONS_SCALE", "1000"))
POSTS = 50
EVENTS = 10
BATCH = 1000
TAGS = ["mental-health", "thrive-ldn", "prevention", "hiv", "digital", "social-prescribing"]
# One in five immediate, half daily, the rest weekly.
FREQUENCIES = [Frequency.IMMEDIATE] + [Frequency.DAILY] * 2 + [Frequency.WEEKLY] * 2


@contextlib.contextmanager
def counting_queries():
    """Every statement run (Django's own query log keeps only the last 9,000)."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def test_ten_thousand_subscriptions_fifty_posts_and_ten_events(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    now = timezone.now()
    confirmed = now - datetime.timedelta(days=8)  # every digest is due
    for n in range(POSTS):
        publish_post(tags=[TAGS[n % len(TAGS)]], when=now - datetime.timedelta(minutes=POSTS - n))
    programme_pages = list(ProgrammePage.objects.filter(depth=4))
    for n in range(EVENTS):
        # Half tagged, half placed under a programme (which is how they belong to it).
        where = {"tags": [TAGS[n % len(TAGS)]]}
        if n % 2:
            where = {"parent": programme_pages[n % len(programme_pages)]}
        publish_event(when=now - datetime.timedelta(minutes=POSTS + EVENTS - n), **where)
    programmes = [programme.pk for programme in programme_pages]
    tags = list(Tag.objects.filter(slug__in=TAGS).values_list("pk", flat=True))
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"s{n}@example.org") for n in range(SUBSCRIPTIONS)], batch_size=2000
    )
    targets = [
        *({"kind": "programme", "programme_id": pk} for pk in programmes),
        *({"kind": "tag", "tag_id": pk} for pk in tags),
        {"kind": "everything"},
    ]
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=subscriber,
                frequency=FREQUENCIES[n % len(FREQUENCIES)],
                confirmed_at=confirmed,
                last_digest_at=confirmed,
                confirm_nonce="",
                **targets[n % len(targets)],
            )
            for n, subscriber in enumerate(subscribers)
        ],
        batch_size=2000,
    )
    assert latest_digest_time(Frequency.WEEKLY, now) > confirmed

    runner = Run(now=now, batch_size=BATCH)
    started = time.monotonic()
    with counting_queries() as planning:
        runner.plan()
    planned = time.monotonic()
    messages = Message.objects.count()
    with counting_queries() as delivering:
        runner.deliver()
    finished = time.monotonic()

    batches = -(-SUBSCRIPTIONS // BATCH)
    print(
        f"\n{connection.vendor}: {SUBSCRIPTIONS} subscriptions, {POSTS} posts and {EVENTS} "
        f"events ({Delivery.objects.values('page_id').distinct().count()} pages sent, with "
        f"the demo's) -> {messages} "
        f"emails; planned in {planned - started:.1f} s ({len(planning)} queries, {batches} "
        f"batches, {Delivery.objects.count()} deliveries), sent in {finished - planned:.1f} s ({len(delivering)} queries)"
    )
    assert Message.objects.filter(status=Message.Status.SENT).count() == messages
    assert messages >= SUBSCRIPTIONS * 0.5
    # Planning: new pages and matching (4 queries, whatever the number of sources and of
    # programmes and tags followed) and 8 per batch, plus the bulk inserts, which the
    # database splits by its limit on parameters (SQLite: 999 per statement, so about 80
    # messages or 300 deliveries per INSERT).
    inserts = [sql for sql in planning if sql.startswith("INSERT")]
    deliveries = Delivery.objects.count()
    assert len(planning) - len(inserts) <= 4 + 8 * (batches + 1)
    assert len(inserts) <= messages / 50 + deliveries / 250 + 2 * batches
    # Sending by SMTP: two writes per message (claimed before, sent after) and 3 per batch.
    assert len(delivering) <= 2 * messages + 3 * (-(-messages // BATCH) + 1) + 10
    assert finished - started < 300
