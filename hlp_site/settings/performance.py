"""Page cache and CDN settings, from the environment (see README, "Speed")."""

import os


def _env_bool(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


# Whole-page cache for anonymous GET/HEAD requests (hlp_site/caching/).
HLP_PAGE_CACHE = _env_bool("PAGE_CACHE", "true")
HLP_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Part of every stored page's key: a deploy starts afresh. Empty: a digest of the code and
# templates, worked out when a process starts.
HLP_RELEASE = os.environ.get("RELEASE", "")
# Functions `f(now)` giving the next moment a public page changes by the clock alone (or
# None): no page is stored past it (hlp_site/caching/invalidation.py).
HLP_CLOCK_CHANGES = ["events.models.next_event_change"]
# The query-string parameters public pages read; a request with any other (tracking
# parameters aside) is rendered but not stored. Add a page's new filter here.
HLP_PAGE_CACHE_QUERY_PARAMETERS = {
    "page",
    "q",
    "type",
    "programme",
    "tag",
    "year",
    "format",  # events
    "month",  # events
    "sort",  # search
    # The read-only API's (Wagtail's and ours).
    "fields",
    "order",
    "limit",
    "offset",
    "search",
    "child_of",
    "descendant_of",
    "html_path",
    "slug",
    "date_from",
    "date_to",
    "from",  # events
    "to",  # events
    "p",  # the sitemap's page
}
# How long a CDN may keep a page (s-maxage); 0 means it revalidates every time by ETag.
HLP_CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "0"))

# Wagtail's frontend cache purges a CDN when pages are published, unpublished or moved.
# Configured by whichever of these is set: an HTTP PURGE endpoint (Varnish, Fastly-style),
# Cloudflare, or CloudFront.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []
