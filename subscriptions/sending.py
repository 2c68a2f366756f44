"""send_updates: match new pages to confirmed subscriptions, write the messages, send them.

1. Plan, one batch of addresses at a time, in one transaction per batch: the messages
   due (one per new page for immediate subscriptions, one digest for daily and weekly ones
   whose hour has come) and a Delivery row per page and address. Delivery is unique per
   address and page, so nothing is planned twice, across overlapping subscriptions, reruns
   and republished pages. A fixed number of queries per batch.
2. Deliver the outbox in chunks: a chunk is marked `sending` (committed) before its
   messages are handed over and each is marked `sent` after. A crash leaves at most one
   chunk `sending`: Notify is asked which of them it has (by reference); with SMTP they
   are marked `unknown` and never resent (no address gets a message twice).
   Errors are retried with backoff, then reported as `failed`.
"""

import datetime
import logging
import time
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from .delivery import DeliveryError, get_delivery
from .emails import compose
from .models import Delivery, Frequency, Message, SignupAttempt, Subscriber, Subscription
from .sources import get_sources

logger = logging.getLogger(__name__)

LONDON = zoneinfo.ZoneInfo("Europe/London")
UNCONFIRMED_LIFETIME = datetime.timedelta(days=7)


def setting(name, default):
    return getattr(settings, f"SUBSCRIPTIONS_{name}", default)


def latest_digest_time(frequency, now):
    """The most recent digest moment at or before `now`: the digest hour, London time,
    each day (daily) or on the digest weekday (weekly, Monday = 0)."""
    hour = setting("DIGEST_HOUR", 7)
    local = now.astimezone(LONDON)
    day = local.date()
    if frequency == Frequency.WEEKLY:
        day -= datetime.timedelta(days=(day.weekday() - setting("WEEKLY_DAY", 0)) % 7)
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)
    if moment > now:
        step = 7 if frequency == Frequency.WEEKLY else 1
        moment = datetime.datetime.combine(
            day - datetime.timedelta(days=step), datetime.time(hour), tzinfo=LONDON
        )
    return moment


class Run:
    """One run of send_updates."""

    def __init__(self, now=None, batch_size=None, chunk_size=None):
        self.now = now or timezone.now()
        self.batch_size = batch_size or setting("BATCH_SIZE", 1000)
        self.chunk_size = chunk_size or setting("SEND_CHUNK", None)
        self.failures_in_a_row = 0
        self.sources = get_sources()
        self.items = {}  # page id -> Item
        self.rendered = {}  # lists of pages rendered for emails, see emails.render_items
        self.stats = defaultdict(int)

    # Housekeeping ----------------------------------------------------------------------

    def clean_up(self):
        """Unconfirmed sign-ups after 7 days, rate-limit records after a day, addresses
        left with no subscription, and deliveries of pages too old to be sent again."""
        cutoff = self.now - UNCONFIRMED_LIFETIME
        deleted, _ = Subscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=cutoff
        ).delete()
        self.stats["unconfirmed deleted"] = deleted
        Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).delete()
        SignupAttempt.objects.filter(created_at__lt=self.now - datetime.timedelta(days=1)).delete()
        Delivery.objects.filter(created_at__lt=self.now - 2 * self.window()).delete()

    def window(self):
        """How far back new pages are looked for (a run missed for days still catches up)."""
        return datetime.timedelta(days=setting("LOOKBACK_DAYS", 14))

    def recover(self):
        """Messages left `sending` by a run that stopped while handing them over."""
        stale = self.now - datetime.timedelta(minutes=setting("STALE_MINUTES", 15))
        stuck = list(Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=stale))
        if not stuck:
            return
        delivery = get_delivery()
        for message in stuck:
            arrived = delivery.was_sent(reference(message))
            if arrived is True:
                message.status, message.sent_at = Message.Status.SENT, self.now
            elif arrived is False:
                message.status = Message.Status.PENDING
            else:
                message.status = Message.Status.UNKNOWN
                logger.error("Message %s was being handed over when a run stopped", message.pk)
            self.stats[f"interrupted: {message.status}"] += 1
        Message.objects.bulk_update(stuck, ["status", "sent_at"])

    # Planning --------------------------------------------------------------------------

    def new_pages(self):
        """{page id: first published at} of the public pages of every source, and the
        page ids matching each followed programme and tag.

        A fixed number of queries whatever the number of sources and of programmes and
        tags followed: the sources' new pages in one statement, the followed tags and
        programmes in two, then one statement saying, for every new page, which of them
        it belongs to (a column each, computed by the source's own rule)."""
        since = self.now - self.window()
        recent = dict(_union([source.published_since(since) for source in self.sources]))
        by_programme, by_tag = {}, {}
        if not recent:
            return recent, by_programme, by_tag
        confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
        programme_ids = (
            confirmed.filter(kind=Subscription.Kind.PROGRAMME)
            .order_by()
            .values_list("programme_id", flat=True)
            .distinct()
        )
        tag_ids = list(
            confirmed.filter(kind=Subscription.Kind.TAG)
            .order_by()
            .values_list("tag_id", flat=True)
            .distinct()
        )
        from programmes.models import ProgrammePage

        programmes = list(ProgrammePage.objects.filter(pk__in=programme_ids).defer_streamfields())
        # (column, set it fills, how a source says which of its pages belong)
        targets = [
            (
                f"followed_programme_{programme.pk}",
                by_programme.setdefault(programme.pk, set()),
                lambda source, programme=programme: source.for_programme(programme),
            )
            for programme in programmes
        ] + [
            (
                f"followed_tag_{tag_id}",
                by_tag.setdefault(tag_id, set()),
                lambda source, tag_id=tag_id: source.for_tag(tag_id),
            )
            for tag_id in tag_ids
        ]
        if not targets:
            return recent, by_programme, by_tag
        page_ids = list(recent)
        columns = [name for name, _, _ in targets]
        rows = _union(
            [
                source.model()
                .objects.filter(pk__in=page_ids)
                .annotate(
                    **{
                        name: ExpressionWrapper(
                            Q(pk__in=belongs(source).values("pk")), output_field=BooleanField()
                        )
                        for name, _, belongs in targets
                    }
                )
                .values_list("pk", *columns)
                for source in self.sources
            ]
        )
        for page_id, *flags in rows:
            for (_, matching, _), flag in zip(targets, flags, strict=True):
                if flag:
                    matching.add(page_id)
        return recent, by_programme, by_tag

    def plan(self):
        recent, by_programme, by_tag = self.new_pages()
        digest_due = {
            frequency: latest_digest_time(frequency, self.now)
            for frequency in (Frequency.DAILY, Frequency.WEEKLY)
        }
        last_subscriber = 0
        while True:
            subscriber_ids = list(
                Subscription.objects.filter(
                    confirmed_at__isnull=False, subscriber_id__gt=last_subscriber
                )
                .order_by("subscriber_id")
                .values_list("subscriber_id", flat=True)
                .distinct()[: self.batch_size]
            )
            if not subscriber_ids:
                break
            last_subscriber = subscriber_ids[-1]
            try:
                with transaction.atomic():
                    self.plan_batch(subscriber_ids, recent, by_programme, by_tag, digest_due)
            except IntegrityError:
                # Another run planned these addresses at the same moment; it sends them.
                logger.warning(
                    "send_updates: batch after %s planned by another run", subscriber_ids[0]
                )

    def plan_batch(self, subscriber_ids, recent, by_programme, by_tag, digest_due):
        subscriptions = list(
            Subscription.objects.filter(
                subscriber_id__in=subscriber_ids, confirmed_at__isnull=False
            ).order_by("subscriber_id", "pk")
        )
        delivered = defaultdict(set)
        if recent:
            for subscriber_id, page_id in Delivery.objects.filter(
                subscriber_id__in=subscriber_ids, page_id__in=list(recent)
            ).values_list("subscriber_id", "page_id"):
                delivered[subscriber_id].add(page_id)

        planned = []  # (Message, [page ids])
        digests_done = []
        # Immediate first, so a page it sends is left out of the same address's digests.
        order = {Frequency.IMMEDIATE: 0, Frequency.DAILY: 1, Frequency.WEEKLY: 2}
        subscriptions.sort(key=lambda s: (s.subscriber_id, order[s.frequency], s.pk))
        for subscription in subscriptions:
            if subscription.frequency != Frequency.IMMEDIATE:
                last = subscription.last_digest_at or subscription.confirmed_at
                if last >= digest_due[subscription.frequency]:
                    continue  # not its hour yet
                digests_done.append(subscription.pk)
            if subscription.kind == Subscription.Kind.PROGRAMME:
                matching = by_programme.get(subscription.programme_id, ())
            elif subscription.kind == Subscription.Kind.TAG:
                matching = by_tag.get(subscription.tag_id, ())
            else:
                matching = recent.keys()
            seen = delivered[subscription.subscriber_id]
            new = sorted(
                (
                    page_id
                    for page_id in matching
                    if page_id not in seen and recent[page_id] > subscription.confirmed_at
                ),
                key=lambda page_id: (recent[page_id], page_id),
            )
            if not new:
                continue
            seen.update(new)
            common = {
                "subscriber_id": subscription.subscriber_id,
                "subscription": subscription,
                "frequency": subscription.frequency,
                "created_at": self.now,
                "next_attempt_at": self.now,
            }
            if subscription.frequency == Frequency.IMMEDIATE:
                planned.extend((Message(kind=Message.Kind.POST, **common), [p]) for p in new)
            else:
                planned.append((Message(kind=Message.Kind.DIGEST, **common), new))

        if planned:
            Message.objects.bulk_create([message for message, _ in planned])
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        subscriber_id=message.subscriber_id,
                        page_id=page_id,
                        message=message,
                        created_at=self.now,
                    )
                    for message, page_ids in planned
                    for page_id in page_ids
                ],
                batch_size=2000,
            )
            self.stats["messages planned"] += len(planned)
        if digests_done:
            Subscription.objects.filter(pk__in=digests_done).update(last_digest_at=self.now)

    # Delivering ------------------------------------------------------------------------

    def load_items(self, page_ids):
        missing = [page_id for page_id in page_ids if page_id not in self.items]
        for source in self.sources:
            if not missing:
                break
            for item in source.items(missing):
                self.items[item.page_id] = item
            missing = [page_id for page_id in missing if page_id not in self.items]

    def deliver(self):
        delivery = get_delivery()
        last_pk = 0
        try:
            while True:
                batch = list(
                    Message.objects.filter(
                        status=Message.Status.PENDING,
                        next_attempt_at__lte=self.now,
                        pk__gt=last_pk,
                    )
                    .select_related("subscriber", "subscription__programme", "subscription__tag")
                    .order_by("pk")[: self.batch_size]
                )
                if not batch:
                    break
                last_pk = batch[-1].pk
                pages = defaultdict(list)
                for message_id, page_id in (
                    Delivery.objects.filter(message_id__in=[message.pk for message in batch])
                    .order_by("pk")
                    .values_list("message_id", "page_id")
                ):
                    pages[message_id].append(page_id)
                self.load_items({p for page_ids in pages.values() for p in page_ids})
                # SMTP cannot say afterwards whether a message arrived, so each message is
                # claimed on its own; Notify can (by reference), so it takes them in chunks.
                size = self.chunk_size or delivery.claim_size
                for start in range(0, len(batch), size):
                    if not self.deliver_chunk(delivery, batch[start : start + size], pages):
                        return
        finally:
            delivery.close()

    def deliver_chunk(self, delivery, chunk, pages):
        """Claim, hand over and record one chunk; False when the service seems down."""
        ids = [message.pk for message in chunk]
        # Claimed before anything is handed over (committed at once).
        claim_time = timezone.now()
        claimed = Message.objects.filter(pk__in=ids, status=Message.Status.PENDING).update(
            status=Message.Status.SENDING, claimed_at=claim_time
        )
        if claimed != len(ids):  # another run took some: send only ours
            ours = set(
                Message.objects.filter(
                    pk__in=ids, status=Message.Status.SENDING, claimed_at=claim_time
                ).values_list("pk", flat=True)
            )
            chunk = [message for message in chunk if message.pk in ours]
        retry_delays = setting("RETRY_DELAYS", [1, 4])
        max_attempts = setting("MAX_ATTEMPTS", 6)
        sent, retry, failed = [], [], []
        for message in chunk:
            outcome = self.send_one(delivery, message, pages[message.pk], retry_delays)
            if outcome is None:
                sent.append(message.pk)
                self.failures_in_a_row = 0
                continue
            error, permanent = outcome
            message.attempts += 1
            message.last_error = error[:2000]
            if permanent or message.attempts >= max_attempts:
                message.status = Message.Status.FAILED
                failed.append(message)
                logger.error("Message %s failed for good: %s", message.pk, error)
            else:
                message.status = Message.Status.PENDING
                backoff = 5 * 2 ** (message.attempts - 1)  # 5, 10, 20... minutes
                message.next_attempt_at = self.now + datetime.timedelta(minutes=backoff)
                retry.append(message)
                self.failures_in_a_row += 1
                logger.warning("Message %s not sent, will retry: %s", message.pk, error)
        if sent:
            Message.objects.filter(pk__in=sent).update(
                status=Message.Status.SENT, sent_at=timezone.now()
            )
        if retry or failed:
            Message.objects.bulk_update(
                retry + failed, ["status", "attempts", "last_error", "next_attempt_at"]
            )
        self.stats["messages sent"] += len(sent)
        self.stats["messages to retry"] += len(retry)
        self.stats["messages failed"] += len(failed)
        if self.failures_in_a_row >= 3:
            # The service is down: stop and leave the rest to the next run (backed off).
            logger.error("send_updates: %s not taking messages; stopping", delivery.name)
            self.stats["stopped early"] = 1
            return False
        return True

    def send_one(self, delivery, message, page_ids, retry_delays):
        """None when handed over, else (error, permanent)."""
        if message.subscriber is None or (
            message.kind in (Message.Kind.POST, Message.Kind.DIGEST)
            and message.subscription is None
        ):
            return ("the address or subscription was removed before sending", True)
        items = [self.items[p] for p in page_ids if p in self.items]
        if message.kind in (Message.Kind.POST, Message.Kind.DIGEST) and not items:
            return ("its pages are no longer public", True)
        content = compose(message, items, cache=self.rendered)
        error = None
        for delay in [0, *retry_delays]:
            if delay:
                time.sleep(delay)
            try:
                delivery.send(message.subscriber.email, content, reference(message))
                return None
            except DeliveryError as problem:
                error = problem
                if problem.permanent:
                    break
        return (str(error), error.permanent)

    def run(self):
        self.clean_up()
        self.recover()
        self.plan()
        self.deliver()
        return self.stats


def _union(querysets):
    """The rows of these querysets (of the same columns) in one statement."""
    querysets = [queryset.order_by() for queryset in querysets]
    if len(querysets) == 1:
        return querysets[0]
    return querysets[0].union(*querysets[1:], all=True)


def reference(message):
    """The message's id at the delivery service (Notify's `reference`)."""
    return f"hlp-subscriptions-{message.pk}"


def send_now(message, base=None):
    """Hand one message over straight away (confirmations, from a request): claimed first
    like any other; left pending for send_updates if the service fails."""
    claimed = Message.objects.filter(pk=message.pk, status=Message.Status.PENDING).update(
        status=Message.Status.SENDING, claimed_at=timezone.now()
    )
    if not claimed:
        return False
    delivery = get_delivery()
    try:
        delivery.send(message.subscriber.email, compose(message, base=base), reference(message))
    except DeliveryError as error:
        logger.warning(
            "Confirmation message %s not sent, send_updates retries: %s", message.pk, error
        )
        Message.objects.filter(pk=message.pk).update(
            status=Message.Status.FAILED if error.permanent else Message.Status.PENDING,
            attempts=1,
            last_error=str(error)[:2000],
            next_attempt_at=timezone.now() + datetime.timedelta(minutes=1),
        )
        return False
    finally:
        delivery.close()
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT, sent_at=timezone.now())
    return True
