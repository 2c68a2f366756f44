"""`{% contentcache "name" vary_on... %}...{% endcontentcache %}`: a fragment cache that is
never stale.

Wagtail's preview-aware `{% wagtailcache %}` (previews always render afresh), keyed also on
the content generation (hlp_site/core/page_cache.py: any publish, move, delete or change of
tags, snippets, images or settings moves it on) and the host, so a fragment lives exactly
as long as the content it shows. Unlike the whole-page cache it also serves editors and
visitors with a session, and it runs behind every page's own routing and privacy checks.

    {% contentcache "footer" year %}...{% endcontentcache %}

The timeout is PAGE_CACHE_SECONDS; FRAGMENT_CACHE=false in the environment turns it off.
"""

from django import template
from django.conf import settings
from django.template import Variable
from django.template.exceptions import TemplateSyntaxError
from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from hlp_site.core.page_cache import request_generation

register = template.Library()

GENERATION_VAR = "hlp_content_generation"


class ContentCacheNode(WagtailCacheNode):
    def __init__(self, nodelist, expire_time_var, fragment_name, vary_on, cache_name):
        super().__init__(nodelist, expire_time_var, fragment_name, vary_on, cache_name)
        self.vary_on[:0] = [Variable(GENERATION_VAR), Variable("request.get_host")]

    def render(self, context):
        request = context.get("request")
        enabled = getattr(settings, "HLP_FRAGMENT_CACHE", True)
        # A view can keep its page out of the cache with `fragment_cache: False`.
        if request is None or not enabled or context.get("fragment_cache") is False:
            return self.nodelist.render(context)
        with context.update({GENERATION_VAR: request_generation(request)}):
            return super().render(context)


@register.tag("contentcache")
def do_contentcache(parser, token):
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 2:
        raise TemplateSyntaxError("'contentcache' needs a fragment name.")
    name = tokens[1].strip("\"'")
    timeout = parser.compile_filter(str(getattr(settings, "HLP_PAGE_CACHE_SECONDS", 3600)))
    return ContentCacheNode(
        nodelist, timeout, name, [parser.compile_filter(t) for t in tokens[2:]], None
    )
