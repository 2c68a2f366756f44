import secrets

from django.db import models
from django.utils import timezone


def new_key():
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "Each post as it is published"
    DAILY = "daily", "A daily digest"
    WEEKLY = "weekly", "A weekly digest"


class Subscriber(models.Model):
    """One email address. Its `key` goes into every signed link (manage, unsubscribe), so
    changing it (erasure) makes all links already sent stop working."""

    email = models.EmailField(unique=True)
    key = models.CharField(max_length=64, default=new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        permissions = [
            ("manage_subscriber_data", "Can see, export and erase subscribers' data"),
            ("view_subscription_report", "Can see the email updates report"),
        ]

    def __str__(self):
        return f"Subscriber {self.pk}"


class Subscription(models.Model):
    """What one address follows, and how often. Nothing is sent before `confirmed_at`."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", "A programme"
        TAG = "tag", "A tag"
        EVERYTHING = "everything", "Everything"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    tag = models.ForeignKey(
        "taggit.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # The confirmation link carries this; confirming clears it (single use).
    confirm_nonce = models.CharField(max_length=64, blank=True, default=new_key)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When the last digest was made (or confirmation, before the first one).
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One subscription per address and thing followed (the frequency changes).
            models.UniqueConstraint(
                fields=["subscriber", "programme"],
                condition=models.Q(kind="programme"),
                name="subscriptions_one_per_programme",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "tag"],
                condition=models.Q(kind="tag"),
                name="subscriptions_one_per_tag",
            ),
            models.UniqueConstraint(
                fields=["subscriber"],
                condition=models.Q(kind="everything"),
                name="subscriptions_one_everything",
            ),
            models.CheckConstraint(
                name="subscriptions_target_matches_kind",
                condition=(
                    models.Q(kind="programme", programme__isnull=False, tag__isnull=True)
                    | models.Q(kind="tag", tag__isnull=False, programme__isnull=True)
                    | models.Q(kind="everything", tag__isnull=True, programme__isnull=True)
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()}: {self.target_name}"

    @property
    def target_name(self):
        if self.kind == self.Kind.PROGRAMME:
            return self.programme.title
        if self.kind == self.Kind.TAG:
            return f"posts tagged “{self.tag.name}”"
        return "all news, blogs and videos"


class Message(models.Model):
    """The outbox: one email to one address. Written (with its deliveries) before it is
    handed to Notify or the mail server, and marked `sending` in its own committed step
    first, so a crash between handing over and recording it never sends it twice."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirmation"
        ALREADY = "already", "Already subscribed"
        POST = "post", "One post"
        DIGEST = "digest", "Digest"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being handed over"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (given up)"
        UNKNOWN = "unknown", "Interrupted while handed over (not resent)"

    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="messages"
    )
    subscription = models.ForeignKey(
        Subscription, null=True, on_delete=models.SET_NULL, related_name="messages"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    frequency = models.CharField(max_length=16, choices=Frequency.choices, blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="subs_message_due_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} message {self.pk} ({self.status})"


class Delivery(models.Model):
    """A page (post or other update) given to an address, in one message. Unique per
    address and page: no address gets a page twice, however many of its subscriptions
    match it, or however often the page is unpublished and published again."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "page"], name="subscriptions_once_per_page"
            )
        ]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"Page {self.page_id} to subscriber {self.subscriber_id}"


class SignupAttempt(models.Model):
    """A subscribe form sent, for the rate limits. Keyed digests, not the address or IP
    itself; deleted after a day."""

    address_digest = models.CharField(max_length=64, db_index=True)
    client_digest = models.CharField(max_length=64, db_index=True)
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"Sign-up attempt {self.pk}"
