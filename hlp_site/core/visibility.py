"""Which pages the public web (listings, feeds, API, sitemap, permanent links) may show."""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction


def on_public_web(queryset):
    """Live pages anyone may see, less those past their expiry time.

    Wagtail unpublishes expired pages only when `publish_scheduled` runs; until then a page
    past its `expire_at` is still live, but listings, partners' feeds and crawlers should
    not pick it up. Pages in a private section (a view restriction on them or an ancestor)
    are left out in the same SQL: Wagtail's `.public()` first reads every restriction, one
    more query each time it is called.
    """
    in_restricted_section = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length(F("page__path")))
    )
    hidden = Page.objects.filter(
        Exists(in_restricted_section) | Q(live=True, expire_at__lte=timezone.now())
    )
    # By id, so the result can still be searched (the search index filters on indexed
    # fields only, and `id` is one).
    return queryset.live().exclude(pk__in=hidden.values("pk"))
