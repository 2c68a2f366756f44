import pytest
from django.core.management import call_command
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from news.models import Author

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    counts = (Page.objects.count(), get_image_model().objects.count(), Author.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (
        Page.objects.count(),
        get_image_model().objects.count(),
        Author.objects.count(),
    ) == counts


def test_site_root_is_the_home_page():
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert site.root_page.get_children().live().in_menu().count() == 6  # Events included


def test_demo_tags_have_readable_names_and_slug_urls(client):
    tag = Tag.objects.get(slug="children-and-young-people")
    assert tag.name == "Children and young people"
    assert not Tag.objects.filter(name__regex=r"^[a-z0-9]+(-[a-z0-9]+)+$").exists()
    response = client.get("/news/tags/children-and-young-people/")
    assert response.status_code == 200
    assert "Posts tagged “Children and young people”" in response.text


def test_loading_again_renames_slug_style_tags_and_keeps_slugs():
    tag = Tag.objects.get(slug="mental-health")
    tag.name = "mental-health"
    tag.save()
    tag_count = Tag.objects.count()
    call_command("load_demo_content", verbosity=0)
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Mental health", "mental-health")
    assert Tag.objects.count() == tag_count
