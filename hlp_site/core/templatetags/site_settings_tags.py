from django import template
from wagtail.models import Site

from hlp_site.core.site_settings import settings_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_settings(context):
    """This site's SiteSettings (from the cache), looked up once per request."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_hlp_site_settings"):
        site = Site.find_for_request(request)
        request._hlp_site_settings = settings_for_site(site) if site else None
    return request._hlp_site_settings
