"""Serializer fields for the read-only API (`api_fields` on the page models).

URLs in the output are absolute, so partners can use them as they come.
"""

import re

from rest_framework import serializers

from hlp_site.openweb.absolute_urls import absolute_url

# href="/...", src="/..." and each URL of a srcset; not protocol-relative "//host/".
RELATIVE_URL = re.compile(r'(?P<attr>\b(?:href|src)=")(?P<url>/(?!/)[^"]*)"')
SRCSET = re.compile(r'\bsrcset="(?P<value>[^"]*)"')


def absolute_urls_in_html(html, request):
    html = RELATIVE_URL.sub(lambda m: f'{m["attr"]}{absolute_url(request, m["url"])}"', html)

    def fix_srcset(match):
        candidates = []
        for candidate in match["value"].split(","):
            parts = candidate.strip().split(maxsplit=1)
            if parts and parts[0].startswith("/") and not parts[0].startswith("//"):
                parts[0] = absolute_url(request, parts[0])
            candidates.append(" ".join(parts))
        return f'srcset="{", ".join(candidates)}"'

    return SRCSET.sub(fix_srcset, html)


class RenderedStreamField(serializers.Field):
    """A StreamField as the HTML the site renders for it, with absolute links."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute_urls_in_html(str(value.render_as_block()), self.context.get("request"))


class TagNamesField(serializers.Field):
    """Tag names, read through `.all()` so a prefetch_related("tags") serves every item
    (Wagtail's own TagsField queries once per item)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())


class PageLinksField(serializers.Field):
    """Pages returned by a method of the object, as {id, title, html_url} (and `extra` fields)."""

    def __init__(self, method_name, extra=(), **kwargs):
        self.method_name = method_name
        self.extra = extra
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        links = []
        for page in getattr(obj, self.method_name)():
            link = {
                "id": page.pk,
                "title": page.title,
                "html_url": absolute_url(request, page.get_url(request=request)),
            }
            for name in self.extra:
                value = getattr(page, name)
                link[name] = value.isoformat() if hasattr(value, "isoformat") else value
            links.append(link)
        return links


class NamesField(serializers.Field):
    """Plain names from a method of the object (authors, for example)."""

    def __init__(self, method_name, **kwargs):
        self.method_name = method_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return list(getattr(obj, self.method_name)())


class RoutableURLField(serializers.Field):
    """The absolute URL of one of the page's routes (its feed, its embed panel)."""

    def __init__(self, route_name, **kwargs):
        self.route_name = route_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        url = page.get_url(request=request)
        return url and absolute_url(request, url + page.reverse_subpage(self.route_name))
