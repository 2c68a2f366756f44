"""Which pages the open web (feeds, API, sitemap, permanent links) may show."""

from django.utils import timezone


def on_public_web(queryset):
    """Live pages anyone may see, less those past their expiry time.

    Wagtail unpublishes expired pages only when `publish_scheduled` runs; until then a page
    past its `expire_at` is still live, but partners' feeds and crawlers should not pick it up.
    """
    return queryset.live().public().exclude(expire_at__lte=timezone.now())
