from .base import *

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain storage so `runserver` works without collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A template edited while `runserver` runs must show at once: no stored pages (turn the
# page cache back on with PAGE_CACHE=true).
HLP_PAGE_CACHE = os.environ.get("PAGE_CACHE", "false").lower() == "true"
