"""Settings of the site server the browser tests start (see conftest.py).

The test settings (DEBUG off, so the real 404 page renders), with the media folder and
URLs of the server's own throwaway site; its database comes in through DATABASE_URL.
"""

import os
from pathlib import Path

from hlp_site.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["HLP_BROWSER_MEDIA_ROOT"])
ROOT_URLCONF = "tests.browser.server_urls"
