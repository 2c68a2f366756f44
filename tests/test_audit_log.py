"""The audit log records slug changes, tag renames and merges, and site-settings changes,
each with old and new values (20.8)."""

import pytest
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from hlp_site.core.site_settings import SiteSettings
from hlp_site.publishing import change_log, tags
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sam", "s@example.org", "pw")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def test_slug_change_is_logged_with_old_and_new(
    superuser_client, django_capture_on_commit_callbacks
):
    programme = ProgrammePage.objects.get(slug="digital")
    programme.slug = "digital-health"
    with django_capture_on_commit_callbacks(execute=True):
        programme.save_revision().publish()
    entry = PageLogEntry.objects.get(page=programme, action=change_log.SLUG_CHANGED)
    assert entry.data["old"] == {"slug": "digital", "url_path": "/home/our-work/digital/"}
    assert entry.data["new"]["slug"] == "digital-health"
    history = superuser_client.get(reverse("wagtailadmin_pages:history", args=[programme.pk]))
    assert "Changed the slug from “digital” to “digital-health”" in history.content.decode()


def test_tag_rename_is_logged_with_who_and_old_and_new(superuser_client, superuser):
    tag = Tag.objects.get(slug="prevention")
    old_name = tag.name
    url = reverse("wagtailsnippets_taggit_tag:edit", args=[tag.pk])
    response = superuser_client.post(url, {"name": "Preventing ill health", "slug": "prevention"})
    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(action=change_log.TAG_RENAMED, object_id=str(tag.pk))
    assert entry.user == superuser
    assert entry.data["old"]["name"] == old_name
    assert entry.data["new"]["name"] == "Preventing ill health"
    report = superuser_client.get(reverse("wagtailadmin_reports:site_history"))
    assert f"Renamed the tag “{old_name}” to “Preventing ill health”" in report.content.decode()


def test_tag_merge_is_logged_on_the_target():
    source, target = Tag.objects.get(slug="thrive-ldn"), Tag.objects.get(slug="mental-health")
    tags.merge_tags([source], target)
    entry = ModelLogEntry.objects.get(action=change_log.TAGS_MERGED, object_id=str(target.pk))
    assert entry.data["sources"] == [{"id": source.pk, "name": source.name, "slug": "thrive-ldn"}]
    assert entry.data["target"]["slug"] == "mental-health"
    assert entry.data["posts"] >= 1  # what moved, by kind (tags.tagged_counts)


def test_site_settings_change_is_logged_with_old_and_new(superuser_client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    old_email = settings.contact_email
    settings.contact_email = "press@example.org"
    settings.save()
    entry = ModelLogEntry.objects.get(action=change_log.SITE_SETTINGS_CHANGED)
    assert entry.data["changes"] == {
        "contact_email": {"old": old_email, "new": "press@example.org"}
    }
    settings.save()  # nothing changed: nothing logged
    assert ModelLogEntry.objects.filter(action=change_log.SITE_SETTINGS_CHANGED).count() == 1
