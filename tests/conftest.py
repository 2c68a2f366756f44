import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site, built once for the whole run; each test rolls back its own changes."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)
        # Render every page once so image renditions exist before the tests (whose own
        # changes roll back) instead of being made again in each of them.
        client = Client()
        for page in Page.objects.live().exclude(depth=1):
            client.get(page.url)
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def demo_page(db):
    """Look up a demo page by its URL path, e.g. demo_page("/our-work/prevention/")."""

    def find(url):
        return Page.objects.get(url_path=f"/home{url}").specific

    return find


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test's database changes roll back, but the cache does not: start each test
    with an empty one so cached lookups (restrictions, filter choices, counts) match it."""
    from django.core.cache import cache

    cache.clear()
    yield
