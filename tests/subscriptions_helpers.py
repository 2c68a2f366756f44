"""Shared helpers for the email updates tests."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from taggit.models import Tag

from news.models import ArticleIndexPage
from subscriptions.models import Frequency, Subscriber, Subscription
from tests.factories import ArticlePageFactory, EventPageFactory


def publish_post(tags=("prevention",), kind="blog", when=None, **fields):
    """A post published now (or at `when`), first published then."""
    index = ArticleIndexPage.objects.get(kind=kind)
    page = ArticlePageFactory(parent=index, live=False, tag_names=list(tags), **fields)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    moment = when or timezone.now()
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=moment, last_published_at=moment
    )
    page.first_published_at = moment
    return page


def publish_event(tags=(), parent=None, when=None, **fields):
    """An event (under the events index, or `parent`) published now, or at `when`."""
    from events.models import EventIndexPage

    parent = parent or EventIndexPage.objects.get()
    page = EventPageFactory(parent=parent, live=False, tag_names=list(tags), **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    if when is not None:
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when
        )
        page.first_published_at = when
    return page


def subscribe_confirmed(
    email,
    kind="everything",
    programme=None,
    tag=None,
    frequency=Frequency.IMMEDIATE,
    confirmed_at=None,
):
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    if isinstance(tag, str):
        tag = Tag.objects.get(slug=tag)
    moment = confirmed_at or timezone.now() - datetime.timedelta(hours=1)
    return Subscription.objects.create(
        subscriber=subscriber,
        kind=kind,
        programme=programme,
        tag=tag,
        frequency=frequency,
        confirmed_at=moment,
        confirm_nonce="",
        last_digest_at=moment,
    )


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def confirm_link(message):
    return next(link for link in links_in(message) if "/subscribe/confirm/" in link)


def outbox_to(address):
    return [m for m in mail.outbox if address in m.to]
