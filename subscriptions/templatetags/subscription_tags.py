from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.inclusion_tag("subscriptions/get_updates_link.html")
def email_updates_link(programme=None, tag=None):
    """A "Get email updates" link to the subscribe page (a link, not a form: programme,
    tag and news pages stay cookie-free and cacheable)."""
    url = reverse("subscriptions:subscribe")
    if programme is not None:
        url += "?" + urlencode({"programme": programme.slug})
        about = programme.title
    elif tag is not None:
        url += "?" + urlencode({"tag": tag.slug})
        about = f"posts tagged “{tag.name}”"
    else:
        about = "all news, blogs and videos"
    return {"url": url, "about": about}
