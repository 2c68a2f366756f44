"""Which pages the open web (feeds, API, sitemap, permanent links) may show."""

from django.utils import timezone
from wagtail.models import Page


def on_public_web(queryset):
    """Live pages anyone may see, less those past their expiry time.

    Wagtail unpublishes expired pages only when `publish_scheduled` runs; until then a page
    past its `expire_at` is still live, but partners' feeds and crawlers should not pick it up.
    """
    # By id, not by `expire_at` itself, so the result can still be searched (the search
    # index filters on indexed fields only, and `id` is one).
    lapsed = Page.objects.filter(live=True, expire_at__lte=timezone.now()).values("pk")
    return queryset.live().public().exclude(pk__in=lapsed)
