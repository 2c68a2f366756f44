"""Settings shared by every environment; safe for production on their own.

Everything that differs between machines comes from the environment (see README).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "hlp_site.core",
    "hlp_site.caching",
    "programmes",
    "news",
    "resources",
    "hlp_site.openweb",
    "hlp_site.publishing",
    "hlp_site.review_links",
    "hlp_site.security",
    "hlp_site.operations",
    "hlp_site.demo",
    "events",
    "content_review",
    "publications",
    "subscriptions",
    "sitesearch",
    "wagtailnhsukfrontend",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before sessions and auth: a cached page is served without touching either.
    "hlp_site.caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hlp_site.security.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hlp_site.security.headers.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hlp_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "hlp_site.wsgi.application"

# The embedded SQLite file is the default so `make run` needs no server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# SQLite with concurrent writers (an editor's autosave, live preview and publish arrive
# together): take the write lock when a transaction starts and wait for it, rather than
# fail with "database is locked", and let readers go on while one writes (WAL).
# Reads through a memory map of the file (up to 256 MB) instead of a read() per 4 KB
# page into SQLite's 2 MB cache: counting the 10,000 bench posts for the news index's
# page numbers went from 28 to 6 ms.
SQLITE_CONCURRENCY_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_CONCURRENCY_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while locked out
    "django.contrib.auth.backends.ModelBackend",
]

# Admin sign-in: five failures lock out that user name, and separately that address,
# for an hour.
OTP_TOTP_ISSUER = "Healthy London Partnership"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Behind a proxy or load balancer, the number of proxies in front: the client address is
# then the one they appended to X-Forwarded-For (hlp_site/security/client_address.py).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
AXES_CLIENT_IP_CALLABLE = "hlp_site.security.client_address.client_ip"

SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day; editors sign in again after it
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The public site's policy; admin paths and the partner embed are adjusted in
# hlp_site.security.headers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # The NHS.UK stylesheet loads the Frutiger typeface from the NHS's own asset host.
        "font-src": ["'self'", "https://assets.nhs.uk"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# The site's icons and web manifest at the root (/favicon.ico, /manifest.webmanifest),
# where browsers ask for them; unversioned names, so a week's cache rather than a year.
WHITENOISE_ROOT = BASE_DIR / "hlp_site" / "core" / "root_files"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}


def add_root_file_cache_headers(headers, path, url):
    if Path(path).parent == WHITENOISE_ROOT:
        headers["Cache-Control"] = f"public, max-age={60 * 60 * 24 * 7}"


WHITENOISE_ADD_HEADERS_FUNCTION = add_root_file_cache_headers

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "hlp_site.operations.storage.StaticFilesStorage"},
}

# S3-compatible media storage when a bucket is configured (needs django-storages[s3]).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hlp",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                # A Redis outage becomes cache misses (logged), never a 500; nothing is
                # lost by it: the content version lives in the database (hlp_site/caching).
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    # Room for the page cache (the default, 300 entries, churns).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

WAGTAIL_SITE_NAME = "Healthy London Partnership"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend: PostgreSQL full-text search, or SQLite FTS5.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: an avatar request would tell a third party who uses the admin, and the
# admin's content security policy rightly blocks it. Editors see Wagtail's default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# mp4, webm and vtt: self-hosted videos and their WebVTT captions (the video block).
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "mp4",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "vtt",
    "webm",
    "xlsx",
    "zip",
]
# Upload limits: Wagtail refuses larger files, and images with more pixels (decompression
# bombs); SVG is not an allowed image type (it can carry script).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# Documents always go through Django, which checks a private collection's restriction
# (the proxy serves no /media/documents/; S3 would otherwise redirect to the bucket).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "hlp_site.security.uploads.SafeDocumentForm"
TAGGIT_CASE_INSENSITIVE = True

# The read-only API may be read from any site's JavaScript; nothing else is cross-origin.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
WAGTAILAPI_LIMIT_MAX = 100
# What a programme's RSS and Atom feeds carry besides its posts: each app's source of pages
# (hlp_site/openweb/feeds.py, `ProgrammeFeed`).
HLP_PROGRAMME_FEED_SOURCES = ["events.feeds.EventFeedSource"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Moderation emails (submitted, approved, rejected with the moderator's comment) go
# through Django's mail backend: console in dev, SMTP in production (see README).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# A scheduled version going live must not cancel a newer draft's sign-off (editors may edit
# scheduled posts: hlp_site/publishing/sign_off.py); publishing from the editor still ends
# the page's sign-off (the after_publish_page hook in hlp_site/publishing/wagtail_hooks.py).
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = False
# Email updates (subscriptions/): GOV.UK Notify when NOTIFY_API_KEY is set, else EMAIL_BACKEND.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
SUBSCRIPTIONS_BASE_URL = os.environ.get("SITE_URL", "")
# The public site's address: `load_demo_content` makes it the default Wagtail Site's
# hostname and port, which feeds, canonical links, the sitemap and robots.txt write.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SUBSCRIPTIONS_DIGEST_HOUR = int(os.environ.get("SUBSCRIPTIONS_DIGEST_HOUR", "7"))
# Speed (issue 6): the whole-page cache for anonymous visitors and the CDN purge.
from .performance import *  # noqa: E402
