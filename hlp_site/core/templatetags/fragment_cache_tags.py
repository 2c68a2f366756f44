"""`{% contentcache "name" vary_on... %}...{% endcontentcache %}`: a fragment cache that is
never stale.

Like Wagtail's `{% wagtailcache %}` (previews always render afresh), but keyed also on
the content generation (hlp_site/core/page_cache.py: any publish, move, delete or change of
tags, snippets, images or settings moves it on) and the host, so a fragment lives exactly
as long as the content it shows. Unlike the whole-page cache it also serves editors and
visitors with a session, and it runs behind every page's own routing and privacy checks.

    {% contentcache "footer" year %}...{% endcontentcache %}

The timeout is PAGE_CACHE_SECONDS; FRAGMENT_CACHE=false in the environment turns it off.
"""

from django import template
from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.template.exceptions import TemplateSyntaxError

from hlp_site.core.page_cache import cache_timeout, generation, generation_keyed_cache

register = template.Library()


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, fragment_name, vary_on):
        self.nodelist = nodelist
        self.fragment_name = fragment_name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)  # previews always render afresh
            or not getattr(settings, "HLP_FRAGMENT_CACHE", True)
            # A view can keep its page out of the cache with `fragment_cache: False`.
            or context.get("fragment_cache") is False
        ):
            return self.nodelist.render(context)
        vary_on = [generation(), request.get_host(), *(v.resolve(context) for v in self.vary_on)]
        key = make_template_fragment_key(self.fragment_name, vary_on)
        store = generation_keyed_cache()
        value = store.get(key)
        if value is None:
            timeout = cache_timeout()
            value = self.nodelist.render(context)
            store.set(key, value, timeout)
        return value


@register.tag("contentcache")
def do_contentcache(parser, token):
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 2:
        raise TemplateSyntaxError("'contentcache' needs a fragment name.")
    return ContentCacheNode(
        nodelist, tokens[1].strip("\"'"), [parser.compile_filter(t) for t in tokens[2:]]
    )
