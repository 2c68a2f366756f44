"""Moving a page or changing its slug leaves permanent redirects from every old URL."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

pytestmark = pytest.mark.django_db

REVIEW = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    return client


def assert_permanent_redirect(client, old_url, new_url):
    response = client.get(old_url)
    assert response.status_code == 301, f"{old_url}: {response.status_code}"
    assert response["Location"].endswith(new_url), (old_url, response["Location"])
    assert client.get(new_url).status_code == 200


def test_automatic_redirects_are_on():
    assert getattr(settings, "WAGTAILREDIRECTS_AUTO_CREATE", True) is True
    assert "wagtail.contrib.redirects.middleware.RedirectMiddleware" in settings.MIDDLEWARE


def test_moving_a_programme_redirects_it_and_its_sub_programmes(admin_client, client, demo_page):
    programme = demo_page("/our-work/mental-health/")
    destination = demo_page("/our-work/digital/")
    old_urls = ["/our-work/mental-health/", "/our-work/mental-health/thrive-ldn/"]
    for url in old_urls:
        assert client.get(url).status_code == 200

    url = reverse("wagtailadmin_pages:move_confirm", args=[programme.pk, destination.pk])
    assert admin_client.post(url).status_code == 302
    programme.refresh_from_db()
    assert programme.url == "/our-work/digital/mental-health/"

    assert_permanent_redirect(client, old_urls[0], "/our-work/digital/mental-health/")
    assert_permanent_redirect(client, old_urls[1], "/our-work/digital/mental-health/thrive-ldn/")
    # The redirects point at the page, not a path, so they follow it if it moves again.
    assert Redirect.objects.get(old_path="/our-work/mental-health").redirect_page_id == programme.pk


def rename(page, slug, commit):
    """Publish `page` under a new slug. Wagtail signals the change once the transaction
    commits; `commit` (pytest-django's on-commit capture) runs those callbacks."""
    page.slug = slug
    with commit(execute=True):
        page.save_revision().publish()


def test_renaming_a_post_redirects_every_old_url(
    client, demo_page, django_capture_on_commit_callbacks
):
    post = demo_page(REVIEW)
    for new_slug in ["review-of-2018", "our-2018-in-review"]:
        rename(post, new_slug, django_capture_on_commit_callbacks)
    new_url = "/news/blog/our-2018-in-review/"
    assert_permanent_redirect(client, REVIEW, new_url)
    assert_permanent_redirect(client, "/news/blog/review-of-2018/", new_url)


def test_renaming_a_section_redirects_the_pages_below_it(
    client, demo_page, django_capture_on_commit_callbacks
):
    rename(demo_page("/news/blog/"), "blogs", django_capture_on_commit_callbacks)
    assert_permanent_redirect(client, REVIEW, REVIEW.replace("/news/blog/", "/news/blogs/"))
