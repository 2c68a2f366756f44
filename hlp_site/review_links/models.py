import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

DEFAULT_DAYS = 7
MAX_DAYS = 30


def token_hash(token):
    """What is stored of a token: its SHA-256 (the token has 256 random bits, so a fast
    hash is enough; nobody can search that space)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ReviewLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def for_token(self, token):
        """The usable link for this token, or None (unknown, expired and revoked alike)."""
        return self.usable().select_related("revision").filter(token_hash=token_hash(token)).first()


class ReviewLink(models.Model):
    """A read-only link to one revision of a page."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review_links"
    )
    # The revision shown, for as long as the link lasts: later edits never show through.
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Share link for “{self.page.title}” ({self.status})"

    @classmethod
    def create_for(cls, page, user, days=DEFAULT_DAYS):
        """A new link to the page's latest revision; returns (link, token). The token is
        not stored anywhere: the caller shows it once."""
        token = secrets.token_urlsafe(32)
        link = cls.objects.create(
            page=page,
            revision=page.get_latest_revision(),
            token_hash=token_hash(token),
            created_by=user,
            expires_at=timezone.now() + timedelta(days=days),
        )
        return link, token

    @property
    def status(self):
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"
