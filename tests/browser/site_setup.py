"""Prepares the browser tests' site after the demo content is loaded.

Runs inside the site server's environment (conftest.py calls `prepare()` through
`manage.py shell`), so it writes to the server's database and media folder.
"""

import datetime

from django.test import Client
from wagtail.models import Page

from hlp_site.publishing import tags
from news.models import ArticleIndexPage, ArticlePage

PROGRAMME_TAG = "primary-care"
YEAR = 2016
COUNT = 14  # more than one page of the listing (hlp_site.core.listing.PER_PAGE)


def prepare():
    add_posts()
    add_moderator()
    render_every_page()


MODERATOR_USERNAME = "browser-moderator"


def add_moderator():
    """A Moderator, with the admin's password (conftest passes it in the environment)."""
    import os

    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        MODERATOR_USERNAME, "browser-moderator@example.org", os.environ["DJANGO_SUPERUSER_PASSWORD"]
    )
    user.groups.add(Group.objects.get(name="Moderators"))


def add_posts():
    """More posts, so a filtered news listing runs to two pages.

    Dated 2016, older than every demo post, so they never reach the home page or the top
    of the listings the screenshots show.
    """
    news = ArticleIndexPage.objects.get(url_path="/home/news/news/")
    for number in range(1, COUNT + 1):
        post = ArticlePage(
            title=f"Primary care bulletin {number}",
            slug=f"primary-care-bulletin-{number}",
            date=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=7 * number),
            intro=f"Number {number} of the weekly primary care bulletin.",
            body=[{"type": "paragraph", "value": "<p>News from general practice.</p>"}],
        )
        news.add_child(instance=post)
        post.tags.add(*tags.existing_names([PROGRAMME_TAG]))  # the demo tag, by its slug
        post.save_revision().publish()


def render_every_page():
    """Make every image rendition now, so no browser test waits for one to be encoded."""
    client = Client()
    for page in Page.objects.live().exclude(depth=1):
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answered {response.status_code}"
