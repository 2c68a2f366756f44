"""A whole-page cache for anonymous visitors that is never stale.

Responses are stored under a site-wide generation number, and any change that can show
on a public page (publishing, unpublishing, moving or deleting a page, tags, settings,
snippets, images, sites) moves the generation on, so every stored page is dropped at
once. Editors and anyone with a session or CSRF cookie always get a fresh page.

The cache is Django's default cache: Redis when REDIS_URL is set, local memory otherwise.
The generation lives in Redis too, or, with local memory (one cache per process), in a
file's modification time, so that every process on the host sees a change made by any
of them (the admin's process publishes; the others must stop serving the old page).
"""

import hashlib
import os
import tempfile
import time
import uuid
from contextvars import ContextVar
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from hlp_site.core.visibility import hidden_from, lapse_time

GENERATION_KEY = "hlp:page-cache:generation"
# Values stored under a generation never change, so they may sit in each process's memory
# in front of Redis (hlp_site/core/generation_cache.py); the generation itself may not.
GENERATION_KEYED_CACHE = "generation_keyed"
# Paths never cached: the admin, and documents (which may sit in private collections).
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/django-admin/")
# Apps whose every model can show on a public page.
CONTENT_APPS = {"core", "programmes", "blog", "events", "taggit", "wagtailimages", "wagtaildocs"}
# ...except these, which change while pages render or hold nothing public.
IGNORED_MODELS = {("wagtailimages", "rendition"), ("wagtaildocs", "uploadeddocument")}


def _generation_file():
    """Where processes that share no cache (local memory) keep the generation: a file's
    modification time, so a change saved by any process on this host is seen by all."""
    if "locmem" not in settings.CACHES["default"]["BACKEND"].lower():
        return None
    configured = getattr(settings, "HLP_PAGE_CACHE_GENERATION_FILE", "")
    if configured:
        return Path(configured)
    database = str(settings.DATABASES["default"].get("NAME", ""))
    digest = hashlib.sha256(database.encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"hlp-page-cache-generation-{digest}"


# Within a request the generation is read once (a Redis round trip saved for each fragment
# and cached lookup of the page); None outside requests, where it is read every time.
_UNREAD = object()
_request_generation = ContextVar("hlp_request_generation", default=None)


def generation():
    uncommitted = _uncommitted_generation()
    if uncommitted is not None:
        return uncommitted
    memo = _request_generation.get()
    if memo is not None and memo is not _UNREAD:
        return memo
    value = _read_generation()
    if memo is _UNREAD:
        _request_generation.set(value)
    return value


def _read_generation():
    path = _generation_file()
    if path is not None:
        try:
            return path.stat().st_mtime_ns
        except FileNotFoundError:
            invalidate()
            return path.stat().st_mtime_ns
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Never reuse a number: if the key was evicted, pages stored under an old
        # generation must not come back.
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate():
    """Drop every cached page (by moving the generation on)."""
    if _request_generation.get() is not None:
        _request_generation.set(_UNREAD)  # this request reads the new one from now on
    path = _generation_file()
    if path is not None:
        path.touch()
        now = time.time_ns()
        os.utime(path, ns=(now, max(now, path.stat().st_mtime_ns + 1)))
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def generation_keyed_cache():
    """The cache for values whose keys carry the generation (the default one if unset)."""
    if GENERATION_KEYED_CACHE in settings.CACHES:
        return caches[GENERATION_KEYED_CACHE]
    return cache


def cached_until_change(name, compute, timeout=3600):
    """`compute()`, kept in the cache until anything that invalidates pages changes.

    For site-wide lookups every listing repeats (filter choices, listing counts).
    """
    key = f"hlp:data:{generation()}:{name}"
    store = generation_keyed_cache()
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, timeout=timeout)
    return value


NOTHING_SCHEDULED = "none"  # the cache cannot hold None (it reads as a miss)


def cache_timeout(default=None):
    """How long a page or fragment rendered now may be kept: `default` seconds
    (PAGE_CACHE_SECONDS unless given), but never
    past the next moment a public page changes by the clock alone. Work it out before
    rendering: what the page shows is what was true when it started.

    Those moments: a page's scheduled expiry, when listings start to leave it out (they do
    before `publish_scheduled` unpublishes it, which is what moves the generation on), and
    the start and end of the site-wide alert (its banner sits inside stored pages).
    """
    if default is None:
        default = getattr(settings, "HLP_PAGE_CACHE_SECONDS", 3600)
    key = f"hlp:data:{generation()}:next-scheduled-change"
    store = generation_keyed_cache()
    now = timezone.now()
    change_at = store.get(key)
    if change_at is None or (change_at != NOTHING_SCHEDULED and change_at <= now):
        change_at = _next_scheduled_change(now) or NOTHING_SCHEDULED
        store.set(key, change_at, timeout=default)
    if change_at == NOTHING_SCHEDULED:
        return default
    return max(1, min(default, int((change_at - now).total_seconds())))


def _next_scheduled_change(now):
    from hlp_site.core.site_settings import SiteSettings

    moments = []
    expire_at = (
        Page.objects.filter(live=True, expire_at__gt=lapse_time())
        .order_by("expire_at")
        .values_list("expire_at", flat=True)
        .first()
    )
    if expire_at is not None:
        moments.append(hidden_from(expire_at))
    for starts, ends in SiteSettings.objects.exclude(alert_message="").values_list(
        "alert_starts_at", "alert_ends_at"
    ):
        moments.extend(moment for moment in (starts, ends) if moment and moment > now)
    from events.models import next_event_change  # an event moving from upcoming to past

    moments.extend(m for m in [next_event_change(now)] if m)
    return min(moments, default=None)


def _affects_pages(model):
    opts = model._meta
    if (opts.app_label, opts.model_name) in IGNORED_MODELS:
        return False
    if issubclass(model, Page | Site | PageViewRestriction):
        return True
    settings_app = apps.is_installed("wagtail.contrib.settings")
    if settings_app:
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

        if issubclass(model, BaseGenericSetting | BaseSiteSetting):
            return True
    return opts.app_label in CONTENT_APPS


class _InvalidateOnCommit:
    """An on-commit callback that moves the shared generation on; until it runs, the
    transaction that made the change reads and stores under a generation of its own."""

    def __init__(self):
        self.token = f"uncommitted-{uuid.uuid4().hex}"

    def __call__(self):
        invalidate()


def _uncommitted_generation():
    """The private generation of this connection's uncommitted content change, if any.

    Others keep the shared generation until the commit moves it on (so a request that
    renders the old rows meanwhile stores them under the old one), and a rollback, which
    drops the pending callback, leaves nothing behind under any generation others read.
    """
    conn = connections[DEFAULT_DB_ALIAS]
    if not conn.in_atomic_block:
        return None
    for _savepoints, callback, _robust in reversed(conn.run_on_commit):
        if isinstance(callback, _InvalidateOnCommit):
            return callback.token
    return None


def invalidate_now_and_on_commit():
    """Move the generation on: at once outside a transaction; inside one, for this
    transaction at once (a generation of its own) and for everyone at commit."""
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        transaction.on_commit(_InvalidateOnCommit())
        if _request_generation.get() is not None:
            _request_generation.set(_UNREAD)
    else:
        invalidate()


# Saves that record what a file is, not what pages show (Wagtail fills these in on an
# image's first rendering).
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


@receiver(post_save)
@receiver(post_delete)
def invalidate_on_model_change(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if _affects_pages(sender):
        invalidate_now_and_on_commit()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def invalidate_on_page_change(**kwargs):
    invalidate_now_and_on_commit()


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(UNCACHED_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or settings.CSRF_COOKIE_NAME in cookies:
        return False
    # Basic auth or a logged-in user set up by something before us.
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _key(request):
    url = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"hlp:page-cache:{generation()}:{digest}"


def _etag(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _add_cache_headers(response):
    # Browsers and a CDN keep the page but revalidate (a cheap 304 by ETag); a CDN with
    # Wagtail's frontend-cache purge may keep it for CDN_MAX_AGE seconds.
    cdn_max_age = getattr(settings, "HLP_CDN_MAX_AGE", 0)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if cdn_max_age:
        patch_cache_control(response, s_maxage=cdn_max_age)


class PageCacheMiddleware:
    """Serve and store anonymous GET/HEAD responses (settings.HLP_PAGE_CACHE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(_UNREAD)
        try:
            return self._respond(request)
        finally:
            _request_generation.reset(token)

    def _respond(self, request):
        enabled = getattr(settings, "HLP_PAGE_CACHE", False)
        if not (enabled and _cacheable_request(request)):
            return self.get_response(request)
        key = _key(request)
        cached = generation_keyed_cache().get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=cached["ETag"], response=cached) or cached
        timeout = cache_timeout()
        response = self.get_response(request)
        if request.method == "GET" and _cacheable_response(request, response):
            if response.has_header("ETag") is False:
                response["ETag"] = _etag(response.content)
            _add_cache_headers(response)
            response["X-Page-Cache"] = "miss"
            # One chunk: a feed is written in hundreds of small pieces, and a stored
            # response keeps them, so every hit would send each one separately.
            response.content = response.content
            generation_keyed_cache().set(
                key,
                response,
                timeout=timeout,
            )
            return (
                get_conditional_response(request, etag=response["ETag"], response=response)
                or response
            )
        return response
