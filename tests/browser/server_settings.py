"""Settings of the site server the browser tests start (see conftest.py).

The test settings (DEBUG off, so the real 404 page renders), with the media folder and
URLs of the server's own throwaway site; its database comes in through DATABASE_URL.
"""

import os
from pathlib import Path

from hlp_site.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["HLP_BROWSER_MEDIA_ROOT"])
ROOT_URLCONF = "tests.browser.server_urls"
# The server's own SQLite file takes concurrent writes from the admin (as in production).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_CONCURRENCY_OPTIONS)  # noqa: F405
# Email goes to the tests' own SMTP server (conftest.py's mail_server).
if os.environ.get("HLP_BROWSER_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["HLP_BROWSER_SMTP_PORT"])
