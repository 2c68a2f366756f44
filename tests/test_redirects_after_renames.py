"""Old public addresses redirect (301) after a programme's slug or a tag changes (20.2)."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from hlp_site.publishing import tags
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

SUB_ROUTES = ["", "feed/", "feed/atom/", "embed/"]


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("sam", "s@example.org", "pw"))
    return client


def rename_programme(programme, slug, on_commit):
    programme.slug = slug
    with on_commit(execute=True):  # Wagtail signals a slug change once it is committed
        programme.save_revision().publish()
    programme.refresh_from_db()


def assert_redirects(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_programme_sub_routes_follow_a_slug_change_and_back(
    client, django_capture_on_commit_callbacks
):
    programme = ProgrammePage.objects.get(slug="digital")
    rename_programme(programme, "digital-health", django_capture_on_commit_callbacks)
    for route in SUB_ROUTES:
        assert_redirects(client, f"/our-work/digital/{route}", f"/our-work/digital-health/{route}")

    # Renamed back: no loop.
    rename_programme(programme, "digital", django_capture_on_commit_callbacks)
    for route in SUB_ROUTES:
        assert client.get(f"/our-work/digital/{route}").status_code == 200
        assert_redirects(client, f"/our-work/digital-health/{route}", f"/our-work/digital/{route}")


def edit_tag(client, tag, name, slug):
    url = reverse("wagtailsnippets_taggit_tag:edit", args=[tag.pk])
    response = client.post(url, {"name": name, "slug": slug})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_renamed_tag_page_and_feeds_redirect_and_renaming_back_does_not_loop(
    client, superuser_client
):
    tag = Tag.objects.get(slug="prevention")
    edit_tag(superuser_client, tag, "Preventing ill health", "preventing-ill-health")
    for route in ["", "feed/", "feed/atom/"]:
        assert_redirects(
            client, f"/news/tags/prevention/{route}", f"/news/tags/preventing-ill-health/{route}"
        )
    edit_tag(superuser_client, tag, "Prevention, again", "prevention-again")
    # No chain: the first address goes straight to the newest.
    assert_redirects(client, "/news/tags/prevention/", "/news/tags/prevention-again/")

    edit_tag(superuser_client, tag, "Prevention", "prevention")
    assert client.get("/news/tags/prevention/").status_code == 200
    assert_redirects(client, "/news/tags/prevention-again/feed/", "/news/tags/prevention/feed/")


def test_merged_tag_page_and_feeds_redirect_to_the_target(client):
    source, target = Tag.objects.get(slug="thrive-ldn"), Tag.objects.get(slug="mental-health")
    tags.merge_tags([source], target)
    for route in ["", "feed/", "feed/atom/"]:
        assert_redirects(
            client, f"/news/tags/thrive-ldn/{route}", f"/news/tags/mental-health/{route}"
        )


def test_an_unknown_tag_is_still_a_404(client):
    assert client.get("/news/tags/never-existed/").status_code == 404
