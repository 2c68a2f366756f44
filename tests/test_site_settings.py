"""Site-wide settings edited in the admin show on every page; the alert banner keeps its times."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from hlp_site.core.site_settings import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    """Settings are cached; the database rolls back after each test, so must the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user("mo", "mo@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def footer(html):
    return html[html.index('<footer class="nhsuk-footer"') : html.index("</footer>")]


def test_contact_social_newsletter_and_footer_links_show_in_the_footer(
    client, site_settings, demo_page
):
    partners = demo_page("/partners/")
    site_settings.contact_email = "hlp@example.nhs.uk"
    site_settings.contact_phone = "020 7946 0000"
    site_settings.contact_address = "Wellington House\nLondon SE1 8UG"
    site_settings.newsletter_url = "https://example.org/newsletter"
    site_settings.newsletter_text = "Sign up to the HLP bulletin"
    site_settings.social_links = [
        {"type": "link", "value": {"platform": "linkedin", "url": "https://linkedin.example/hlp"}}
    ]
    site_settings.footer_links = [
        {"type": "link", "value": {"text": "Our partners", "page": partners.pk, "url": ""}},
        {
            "type": "link",
            "value": {"text": "NHS England", "page": None, "url": "https://www.england.nhs.uk/"},
        },
    ]
    site_settings.save()
    for url in ["/", "/news/", "/our-work/prevention/"]:
        html = footer(client.get(url).content.decode())
        assert 'href="mailto:hlp@example.nhs.uk"' in html
        assert 'href="tel:02079460000"' in html
        assert "Wellington House<br>London SE1 8UG" in html
        assert '<a href="https://example.org/newsletter">Sign up to the HLP bulletin</a>' in html
        assert 'href="https://linkedin.example/hlp">LinkedIn</a>' in html
        assert 'href="/partners/">Our partners</a>' in html
        assert 'href="https://www.england.nhs.uk/">NHS England</a>' in html


def test_a_footer_link_to_a_deleted_page_is_left_out(client, site_settings, demo_page):
    page = demo_page("/partners/uclpartners/")
    site_settings.footer_links = [
        {"type": "link", "value": {"text": "UCLPartners", "page": page.pk, "url": ""}}
    ]
    site_settings.save()
    page.delete()
    html = footer(client.get("/").content.decode())
    assert "UCLPartners" not in html and 'href="None"' not in html


def alert_shown(client):
    return "site-alert-title" in client.get("/").content.decode()


def test_alert_banner_shows_only_between_its_start_and_end(client, site_settings):
    now = timezone.now()
    site_settings.alert_title = "Service disruption"
    site_settings.alert_message = "Our phone lines are down until 3pm."
    site_settings.alert_starts_at = now + datetime.timedelta(hours=1)
    site_settings.save()
    assert not alert_shown(client)

    site_settings.alert_starts_at = now - datetime.timedelta(hours=1)
    site_settings.alert_ends_at = now + datetime.timedelta(hours=1)
    site_settings.save()
    html = client.get("/news/").content.decode()
    assert "Service disruption" in html and "Our phone lines are down until 3pm." in html
    assert 'role="region" aria-labelledby="site-alert-title"' in html

    site_settings.alert_ends_at = now - datetime.timedelta(minutes=1)
    site_settings.save()
    assert not alert_shown(client)


def test_settings_are_read_once_a_page_and_show_when_saved(client, site_settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    # Footer and alert share one read (Wagtail's settings context processor).
    assert len([q for q in captured if "core_sitesettings" in q["sql"]]) == 1
    site_settings.contact_phone = "020 7946 0999"
    site_settings.save()
    assert "020 7946 0999" in client.get("/").content.decode()


def test_no_alert_and_no_empty_furniture_by_default(client):
    html = client.get("/").content.decode()
    assert "site-alert-title" not in html
    assert "<address" not in footer(html) and "Follow us" not in footer(html)


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])


def settings_form(**values):
    data = {
        "contact_email": "",
        "contact_phone": "",
        "contact_address": "",
        "social_links-count": "0",
        "footer_links-count": "0",
        "newsletter_url": "",
        "newsletter_text": "Sign up to our newsletter",
        "alert_enabled": "on",
        "alert_title": "",
        "alert_message": "",
        "alert_link-count": "0",
        "alert_starts_at": "",
        "alert_ends_at": "",
    }
    data.update(values)
    return data


def test_moderators_edit_settings_in_the_admin(moderator_client, site_settings):
    response = moderator_client.post(
        settings_url(), settings_form(contact_email="comms@example.nhs.uk")
    )
    assert response.status_code == 302
    site_settings.refresh_from_db()
    assert site_settings.contact_email == "comms@example.nhs.uk"


def test_alert_ending_before_it_starts_is_refused(moderator_client):
    response = moderator_client.post(
        settings_url(),
        settings_form(
            alert_title="Strike",
            alert_message="Clinics may close.",
            alert_starts_at="2030-01-02 09:00",
            alert_ends_at="2030-01-01 09:00",
        ),
    )
    assert response.status_code == 200
    assert "The alert must end after it starts." in response.content.decode()


def alert_link_fields(text, page="", url=""):
    """The admin form's fields for one alert link (a StreamField of one LinkBlock)."""
    return {
        "alert_link-count": "1",
        "alert_link-0-type": "link",
        "alert_link-0-deleted": "",
        "alert_link-0-order": "0",
        "alert_link-0-id": "",
        "alert_link-0-value-text": text,
        "alert_link-0-value-page": str(page),
        "alert_link-0-value-url": url,
    }


def alert_banner(html):
    start = html.index('<div class="nhsuk-notification-banner"')
    return html[start : html.index("</main>" if "</main>" in html else "</body>", start)]


def test_alert_banner_has_a_heading_and_a_link_set_in_the_admin(
    moderator_client, client, demo_page
):
    prevention = demo_page("/our-work/prevention/")
    response = moderator_client.post(
        settings_url(),
        settings_form(
            alert_title="Service disruption",
            alert_message="Our phone lines are down until 3pm.",
            **alert_link_fields("How to contact us meanwhile", page=prevention.pk),
        ),
    )
    assert response.status_code == 302
    banner = alert_banner(client.get("/news/").content.decode())
    # A real heading under the banner's own h2 title (not a <p> styled as one).
    assert '<h3 class="nhsuk-notification-banner__heading">Service disruption</h3>' in banner
    assert '<p class="nhsuk-notification-banner__heading' not in banner
    assert (
        '<a class="nhsuk-notification-banner__link" href="/our-work/prevention/">'
        "How to contact us meanwhile</a>"
    ) in banner


def test_alert_link_to_another_website(client, site_settings):
    site_settings.alert_message = "Strike action on Tuesday."
    site_settings.alert_link = [
        {
            "type": "link",
            "value": {"text": "NHS England guidance", "page": None, "url": "https://nhs.example/"},
        }
    ]
    site_settings.save()
    banner = alert_banner(client.get("/").content.decode())
    assert 'href="https://nhs.example/">NHS England guidance</a>' in banner


@pytest.mark.parametrize(
    "link, field_error",
    [
        (alert_link_fields("Click here", url="https://nhs.example/"), "does not say where"),
        (alert_link_fields("NHS England guidance"), "Choose a page or enter a URL"),
    ],
)
def test_a_bad_alert_link_is_refused_and_nothing_is_saved(
    moderator_client, site_settings, link, field_error
):
    response = moderator_client.post(
        settings_url(), settings_form(alert_message="Strike action on Tuesday.", **link)
    )
    assert response.status_code == 200
    assert field_error in response.content.decode()
    site_settings.refresh_from_db()
    assert site_settings.alert_message == "" and not site_settings.alert_link


def test_the_alert_switch_hides_and_shows_the_banner(moderator_client, client):
    alert = {"alert_title": "Strike", "alert_message": "Clinics may close."}
    switched_off = settings_form(**alert)
    del switched_off["alert_enabled"]  # an unticked checkbox is not sent
    assert moderator_client.post(settings_url(), switched_off).status_code == 302
    assert not alert_shown(client)
    assert SiteSettings.objects.get().alert_message == "Clinics may close."  # kept

    assert moderator_client.post(settings_url(), settings_form(**alert)).status_code == 302
    assert alert_shown(client)


def test_editors_cannot_change_site_settings(client, django_user_model):
    user = django_user_model.objects.create_user("eddie", "e@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    client.post(settings_url(), settings_form(contact_email="x@example.org"))
    assert SiteSettings.objects.filter(contact_email="x@example.org").count() == 0


def test_userbar_checker_runs_wcag_2_2_a_and_aa_rules(admin_client):
    html = admin_client.get("/news/").content.decode()
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        html,
        re.DOTALL,
    )
    assert match, "the userbar's content checker is missing"
    config = json.loads(match.group(1))
    assert config["options"]["runOnly"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    # Wagtail's editorial rules keep running beside the WCAG ones.
    for rule in ["alt-text-quality", "heading-order", "empty-heading"]:
        assert config["options"]["rules"][rule] == {"enabled": True}
    assert "body" in config["context"]["include"]
