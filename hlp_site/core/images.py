"""The site's image formats: each a name for a set of renditions (sizes and file types),
so listings prefetch exactly the renditions their templates show.

Wagtail's `{% picture %}` parses its filter specs on every render (each `Filter` works out
its operations with `inspect`): on the home page that was about a sixth of the render
time. The `Filter` objects here are built once per process and reused.
"""

from collections import defaultdict

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import Filter

FORMATS = {
    # The page's own hero image, at the top of a post or programme.
    "hero": "format-{avif,webp,jpeg}|fill-{640x360,1280x720}",
    # The home page's hero.
    "home-hero": "format-{avif,webp,jpeg}|fill-{480x360,960x720}",
    # A post's or programme's image on a card.
    "card": "format-{avif,webp,jpeg}|fill-{320x180,640x360}",
    # An image block in a body.
    "body": "format-{avif,webp,jpeg}|width-{640,1020}",
    # A post's image as its feed enclosure and share image (Open Graph's 1.91:1).
    "share": "fill-1200x630",
    # Partner logos: on a partner card, on the partner's page, in the home page's strip.
    "logo-card": "format-{webp,png}|max-{320x120,640x240}",
    "logo-page": "format-{webp,png}|max-{320x160,640x320}",
    "logo-strip": "format-{webp,png}|max-{240x96,480x192}",
    # A partner's logo in the API.
    "logo-api": "max-480x240",
}

FILTERS = {
    name: [Filter(spec=spec) for spec in Filter.expand_spec(pattern)]
    for name, pattern in FORMATS.items()
}


def renditions_of(formats):
    specs = [each.spec for name in formats for each in FILTERS[name]]
    return get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)


def with_images(queryset, field, *formats):
    """Each row's image (`field`) in the listing's own query, and the renditions of these
    formats for all of them in one more, so cards never query per image. Without formats,
    the images only (`attach_renditions` then serves several listings in one query)."""
    queryset = queryset.select_related(field)
    if not formats:
        return queryset
    return queryset.prefetch_related(
        Prefetch(
            f"{field}__renditions", queryset=renditions_of(formats), to_attr="prefetched_renditions"
        )
    )


def attach_renditions(images, *formats):
    """The renditions of these formats for all `images` (several listings' on one page) in
    one query, attached where Wagtail's own `prefetch_renditions` puts them."""
    by_pk = defaultdict(list)
    for image in images:
        if image is not None:
            by_pk[image.pk].append(image)
    found = defaultdict(list)
    for rendition in renditions_of(formats).filter(image_id__in=list(by_pk)):
        found[rendition.image_id].append(rendition)
    for pk, copies in by_pk.items():
        for rendition in found[pk]:
            rendition.image = copies[0]  # as a prefetch sets it: no query for it later
        for image in copies:
            image.prefetched_renditions = found[pk]
