from django import template
from django.utils.safestring import mark_safe
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from hlp_site.core.images import FILTERS

register = template.Library()


@register.simple_tag
def picture_as(image, format_name, **attrs):
    """`<picture>` of `image` in one of the site's formats (hlp_site/core/images.py), like
    Wagtail's `{% picture %}`; attributes (sizes, alt, loading, class) as keywords."""
    if not image:
        return ""
    renditions = get_renditions_or_not_found(image, FILTERS[format_name])
    return mark_safe(Picture(renditions, attrs).__html__())
