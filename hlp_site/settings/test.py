from .base import *

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = BASE_DIR / "media" / "test"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo Site's address in tests (the links they expect).
SITE_URL = "http://localhost"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Query budgets are measured with the page cache off; its own tests turn it on.
HLP_PAGE_CACHE = False
# The test run's own database is SQLite in memory, shared between its connections, where
# IMMEDIATE transactions would make a second connection wait on the test's transaction.
DATABASES["default"].pop("OPTIONS", None)
