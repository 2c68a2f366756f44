"""Wagtail finds the Site for a request with a query on every request; the answer changes
only when a Site is saved, which moves the content generation on, so keep it in the cache."""

from django.http.request import split_domain_port
from wagtail.models import Site

from hlp_site.core.page_cache import cached_until_change

NO_SITE = "none"  # the cache cannot hold None (it reads as a miss)


class CachedSiteMiddleware:
    """Sets `request._wagtail_site`, where `Site.find_for_request` looks first.

    After CommonMiddleware, so a Host outside ALLOWED_HOSTS is refused before it can add
    an entry to the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        site = cached_until_change(
            f"site-for-host:{hostname}:{port}", lambda: self.find_site(request)
        )
        request._wagtail_site = None if site == NO_SITE else site
        return self.get_response(request)

    @staticmethod
    def find_site(request):
        site = Site._find_for_request(request)
        if site is None:
            return NO_SITE
        # Wagtail's serve() starts from `site.root_page.specific`: keep that too.
        site.root_page = site.root_page.specific
        return site
