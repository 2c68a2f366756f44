"""Serve and store the pages anonymous visitors get (settings.HLP_PAGE_CACHE).

A stored page is found under the release, the removals version (hlp_site/caching/models.py)
and the URL, and is current while the content version it was rendered at is; a deploy or
a removal makes every stored page a miss. Editors and anyone with a session or CSRF
cookie always get a fresh page.
"""

import functools
import hashlib
import os
import threading
from pathlib import Path
from urllib.parse import urlencode

import django
import wagtail
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control

from hlp_site.caching.invalidation import cache_timeout
from hlp_site.caching.models import ContentVersion


@functools.cache
def uncached_prefixes():
    """Paths never cached: the admin, documents (which may sit in private collections) and
    share links to drafts (hlp_site/review_links), found from their URL names so that
    moving them in urls.py moves them here too."""
    urls = (
        reverse("wagtailadmin_home"),
        reverse("wagtaildocs_serve", args=[1, "file"]),
        reverse("review_link", args=["token"]),
    )
    return tuple("/" + url.strip("/").split("/")[0] + "/" for url in urls)


# Added by mail and ad platforms for their own counting: pages never read them.
TRACKING_PARAMETERS = {"fbclid", "gclid", "mc_cid", "mc_eid"}
TRACKING_PREFIX = "utm_"


def code_release():
    """The RELEASE setting, or else a digest of the code and templates: a deploy starts
    with an empty page cache, never serving pages of the old templates."""
    if settings.HLP_RELEASE:
        return settings.HLP_RELEASE
    digest = hashlib.sha256(f"{django.__version__}:{wagtail.__version__}".encode())
    base = Path(settings.BASE_DIR)
    skipped = {".venv", "node_modules", "media", "staticfiles", ".git", "tests", "bench"}
    for folder, subfolders, files in os.walk(base):
        # Pruned as it walks: never a look inside the virtualenv or uploads at start-up.
        subfolders[:] = sorted(name for name in subfolders if name not in skipped)
        for name in sorted(files):
            if Path(name).suffix in {".py", ".html", ".txt", ".xml"}:
                path = Path(folder) / name
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key_parameters(request):
    """The query string as the cache key takes it: tracking parameters dropped, the rest
    sorted; None when a parameter is not one pages read (such a request is rendered but
    not stored, so made-up parameters cannot fill the cache)."""
    kept = []
    for name, values in request.GET.lists():
        if name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIX):
            continue
        if name not in settings.HLP_PAGE_CACHE_QUERY_PARAMETERS:
            return None
        kept.extend((name, value) for value in values)
    return urlencode(sorted(kept))


def cacheable_request(request):
    if request.method not in ("GET", "HEAD") or request.path.startswith(uncached_prefixes()):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or settings.CSRF_COOKIE_NAME in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


# Longest a request may hold the right to render a page's next copy while others are
# served the previous one; a render that dies leaves it to expire.
RENDER_CLAIM_SECONDS = 10


class PageCacheMiddleware:
    """Stored pages are keyed on the release, the removals version and the URL, and carry
    the content version they were rendered at. After a change that removed nothing (a
    publish, an edit of a tag or an image), the first request for a page renders it afresh
    while requests arriving meanwhile get the previous copy, for the length of that one
    render, as a CDN's stale-while-revalidate would: the team publishes at the busiest
    times, and a render at a time per page keeps every other visitor's page fast. After a
    removal, no earlier copy is served at all."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.release = code_release()
        self.renders = threading.Lock()  # this process's render of a stale page

    def __call__(self, request):
        if not (settings.HLP_PAGE_CACHE and cacheable_request(request)):
            return self.get_response(request)
        parameters = cache_key_parameters(request)
        if parameters is None:
            return self.get_response(request)
        # Read before rendering: a change committed after this read gives a new version,
        # so what this request renders is never taken as current by anyone reading after.
        version, removals = ContentVersion.current()
        url = f"{request.get_host()}{request.path}?{parameters}"
        url_digest = hashlib.sha256(url.encode()).hexdigest()
        key = f"hlp:page:{self.release}:{removals}:{url_digest}"
        stored = cache.get(key)
        if stored is None:
            return self.render_and_store(request, key, version, stored)
        stored_version, cached = stored
        fresh = stored_version == version
        # One request renders the next copy (GET only: HEAD stores nothing), and a process
        # one page at a time, so its other threads keep answering while it renders.
        if not fresh and request.method == "GET" and self.renders.acquire(blocking=False):
            try:
                if self.claim_render(version, url_digest):
                    return self.render_and_store(request, key, version, stored)
            finally:
                self.renders.release()
        cached["X-Page-Cache"] = "hit" if fresh else "stale"
        return get_conditional_response(request, etag=cached["ETag"], response=cached) or cached

    def render_and_store(self, request, key, version, stored):
        timeout = cache_timeout(version, self.release)
        response = self.get_response(request)
        if request.method != "GET" or not cacheable_response(request, response):
            if stored is not None:  # say a redirect now: the old copy must not stay
                cache.delete(key)
            return response
        # One chunk: a feed is written in hundreds of small pieces, and a stored response
        # keeps them, so every hit would send each one separately.
        response.content = response.content
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        # Browsers and a CDN keep the page but revalidate (a cheap 304 by ETag); a CDN that
        # Wagtail's frontend cache purges may keep it for CDN_MAX_AGE seconds.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if settings.HLP_CDN_MAX_AGE:
            patch_cache_control(response, s_maxage=settings.HLP_CDN_MAX_AGE)
        response["X-Page-Cache"] = "miss"
        cache.set(key, (version, response), timeout=timeout)
        return (
            get_conditional_response(request, etag=response["ETag"], response=response) or response
        )

    def claim_render(self, version, url_digest):
        """True for the one request that renders this page at this version."""
        claim = f"hlp:rendering:{self.release}:{version}:{url_digest}"
        return bool(cache.add(claim, 1, timeout=RENDER_CLAIM_SECONDS))
