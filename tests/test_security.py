"""Security headers, admin sign-in protection and the audit trail."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, PageLogEntry

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/our-work/mental-health/",
    "/news/?type=blog",
    "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
    "/news/tags/mental-health/",
    "/resources/",
    "/partners/greater-london-authority/",
    "/search/?q=health",
    "/no-such-page/",
]
PASSWORD = "a-long-enough-passphrase-2026"


def csp(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_carry_security_headers(client, url):
    response = client.get(url)
    policy = csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_fonts_may_come_from_the_nhs_asset_host_and_nowhere_else_new(client, url):
    # The NHS.UK stylesheet loads Frutiger from https://assets.nhs.uk; nothing else may.
    policy = csp(client.get(url))
    assert policy["font-src"] == ["'self'", "https://assets.nhs.uk"]
    others = [name for name, sources in policy.items() if "https://assets.nhs.uk" in sources]
    assert others == ["font-src"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_have_no_inline_script_or_style(client, url):
    html = client.get(url).content.decode()
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        # Data blocks (JSON, JSON-LD) are never executed, so CSP does not govern them.
        is_data = re.search(r'type="application/(ld\+)?json"', attributes)
        assert "src=" in attributes or is_data, body[:200]
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    assert not re.search(r"\sstyle=", html)
    assert "<style" not in html


def test_every_page_type_is_served_under_the_policy(client):
    for page in Page.objects.live().exclude(depth=1).specific():
        response = client.get(page.url)
        assert "script-src 'self';" in response["Content-Security-Policy"] + ";", page.url


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("sec-editor", "e@example.com", PASSWORD)


def test_admin_works_under_its_own_policy(client, editor):
    client.force_login(editor)
    review = Page.objects.get(slug="partners-working-together-to-improve-health-and-care-in-2018")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    assert response.status_code == 200
    policy = csp(response)
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail starts its widgets inline
    assert policy["frame-ancestors"] == ["'self'"]  # the live preview frames the admin
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def sign_in(client, username, password, address="10.0.0.1", **extra):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, **extra},
        REMOTE_ADDR=address,
    )


def test_sign_in_sets_secure_session_cookie(client, editor):
    response = sign_in(client, "sec-editor", PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # ends with the browser session
    assert client.session.get_expiry_age() <= 8 * 60 * 60
    remembered = sign_in(Client(), "sec-editor", PASSWORD, remember="on")
    assert 0 < int(remembered.cookies["sessionid"]["max-age"]) <= 8 * 60 * 60


def test_lockout_per_user_after_repeated_failures(editor, settings):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "sec-editor", "wrong", address=f"10.0.1.{attempt}")
        assert response.status_code == 200  # the form again, with its error
    assert sign_in(client, "sec-editor", "wrong", address="10.0.1.99").status_code == 429
    # From yet another address, even the right password is refused now.
    response = sign_in(client, "sec-editor", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429


def test_lockout_per_address_after_repeated_failures(editor, settings):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong", address="10.0.3.1")
    response = sign_in(client, "sec-editor", PASSWORD, address="10.0.3.1")
    assert response.status_code == 429
    # The same user from a clean address still gets in.
    assert sign_in(Client(), "sec-editor", PASSWORD, address="10.0.4.1").status_code == 302


def test_audit_log_records_sign_ins(client, editor):
    sign_in(client, "sec-editor", "wrong", address="10.0.5.1")
    sign_in(client, "sec-editor", PASSWORD, address="10.0.5.1")
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(editor.pk)).values_list("action", flat=True)
    )
    assert "hlp.login_failed" in actions
    assert "hlp.login" in actions


def test_audit_log_records_who_published_and_when(client, editor):
    client.force_login(editor)
    page = Page.objects.get(url_path="/home/about-us/").specific
    page.save_revision(user=editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish").latest("timestamp")
    assert entry.user == editor
    assert entry.timestamp is not None
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert history.status_code == 200
