"""Absolute URLs on the Wagtail Site's root URL (Settings > Sites in the admin).

Feeds, the API, the sitemap, robots.txt and the <head> tags all write links through
`absolute_url`, so every copy of a link names the same origin.
"""

from wagtail.models import Site


def root_url(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute_url(request, url):
    if not url or url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{'https' if request and request.is_secure() else 'http'}:{url}"
    return f"{root_url(request)}{url}"
