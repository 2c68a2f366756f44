"""Serve and store the pages anonymous visitors get (settings.HLP_PAGE_CACHE).

A stored page is found under the release, the content version (hlp_site/caching/models.py)
and the URL, so a deploy or any content change makes every stored page a miss. Editors and
anyone with a session or CSRF cookie always get a fresh page.
"""

import functools
import hashlib
import os
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


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.release = code_release()

    def __call__(self, request):
        if not (settings.HLP_PAGE_CACHE and cacheable_request(request)):
            return self.get_response(request)
        parameters = cache_key_parameters(request)
        if parameters is None:
            return self.get_response(request)
        # Read before rendering: a change committed after this read gives a new version,
        # so what this request renders is never served to anyone who reads after it.
        version = ContentVersion.current()
        url = f"{request.get_host()}{request.path}?{parameters}"
        key = f"hlp:page:{self.release}:{version}:{hashlib.sha256(url.encode()).hexdigest()}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=cached["ETag"], response=cached) or cached
        timeout = cache_timeout(version, self.release)
        response = self.get_response(request)
        if request.method != "GET" or not cacheable_response(request, response):
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
        cache.set(key, response, timeout=timeout)
        return (
            get_conditional_response(request, etag=response["ETag"], response=response) or response
        )
