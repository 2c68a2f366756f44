"""Which pages the open web (feeds, API, sitemap, permanent links) may show."""

import datetime

from django.utils import timezone
from wagtail.models import Page


def on_public_web(queryset):
    """Live pages anyone may see, less those past their expiry time.

    Wagtail unpublishes expired pages only when `publish_scheduled` runs; until then a page
    past its `expire_at` is still live, but partners' feeds and crawlers should not pick it up.
    """
    # By id, not by `expire_at` itself, so the result can still be searched (the search
    # index filters on indexed fields only, and `id` is one).
    lapsed = Page.objects.filter(live=True, expire_at__lte=lapse_time()).values("pk")
    return queryset.live().public().exclude(pk__in=lapsed)


def lapse_time():
    """Now, rounded up to the next whole minute: the same SQL for a minute, so listing
    counts can be cached on it (hlp_site/core/listing.py), and a page hides at most a
    minute early, never late."""
    now = timezone.now()
    minute = now.replace(second=0, microsecond=0)
    return minute if minute == now else minute + datetime.timedelta(minutes=1)


def hidden_from(expire_at):
    """When listings start to leave out a page expiring at `expire_at`: the moment
    `lapse_time()` reaches it (the minute before, unless it falls on a whole minute)."""
    minute = expire_at.replace(second=0, microsecond=0)
    return minute if minute != expire_at else minute - datetime.timedelta(minutes=1)
