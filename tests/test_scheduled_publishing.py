"""Go-live and expiry times take effect when `publish_scheduled` runs, and only then."""

import datetime
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from news.models import ArticlePage
from programmes.models import ProgrammePage
from tests.editing import GOOD_BODY, draft_post, edit_form, post_edit, set_body

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user("mo", "mo@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_a_post_scheduled_for_the_future_waits_for_publish_scheduled(moderator_client, client):
    page = draft_post(title="Winter vaccines are here", tag_names=["prevention"])
    go_live = timezone.now() + datetime.timedelta(hours=2)
    data = set_body(edit_form(moderator_client, page), GOOD_BODY)
    data["go_live_at"] = local(go_live)
    response = post_edit(moderator_client, page, data, "publish")
    assert response.status_code == 302, response.content.decode()[:3000]

    page.refresh_from_db()
    assert not page.live
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert client.get(page.url).status_code == 404

    # Before its time, the command leaves it alone.
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live
    assert page.title not in client.get("/news/").content.decode()

    # Its time comes (the scheduled rows are moved into the past, as time passing would).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    ArticlePage.objects.filter(pk=page.pk).update(go_live_at=past)
    assert client.get(page.url).status_code == 404  # nothing happens until the command runs
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert page.title in client.get("/news/").content.decode()
    assert page.title in client.get("/our-work/prevention/").content.decode()


def listings_for(post):
    tags = [tag.slug for tag in post.tags.all()]
    programmes = ProgrammePage.objects.filter(tags__slug__in=tags).distinct()
    return [
        "/",
        "/news/",
        post.get_parent().url,
        *(f"/news/tags/{slug}/" for slug in tags),
        *(programme.url for programme in programmes),
        "/search/?q=" + quote(post.title),
    ]


def test_an_expired_post_disappears_from_every_listing(moderator_client, client):
    post = ArticlePage.objects.live().order_by("-date", "-pk").first()  # on the home page too
    link = f'href="{post.url}"'
    listings = listings_for(post)
    for url in listings:
        assert link in client.get(url).content.decode(), url

    # A moderator sets an expiry time; then the time passes and the command runs.
    post.expire_at = timezone.now() + datetime.timedelta(days=1)
    post.save_revision().publish()
    ArticlePage.objects.filter(pk=post.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled", verbosity=0)
    post.refresh_from_db()
    assert not post.live and post.expired
    assert client.get(post.url).status_code == 404
    for url in listings:
        response = client.get(url)
        assert response.status_code == 200, url
        assert link not in response.content.decode(), url


def test_compose_runs_publish_scheduled_every_minute():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    scheduler = services["scheduler"]
    command = " ".join(map(str, scheduler["command"]))
    assert "manage.py publish_scheduled" in command and "sleep 60" in command
    assert (
        scheduler["environment"]["DATABASE_URL"] == services["web"]["environment"]["DATABASE_URL"]
    )
    assert scheduler["depends_on"]["db"]["condition"] == "service_healthy"


def test_scheduled_pages_are_listed_for_moderators(moderator_client):
    page = draft_post(title="Scheduled for spring")
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision().publish()
    response = moderator_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Scheduled for spring" in response.content.decode()
