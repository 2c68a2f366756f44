"""The admin offers editors the panels they need, and the partner relation edits from both sides."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from programmes.models import PartnerOrganisationPage, ProgrammePage, ProgrammePartnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor-admin", "a@example.com", "pw")
    client.force_login(user)
    return client


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def publish(client, page, data):
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(
    "url",
    [
        "/our-work/",
        "/our-work/mental-health/",
        "/partners/greater-london-authority/",
        "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
        "/resources/",
        "/",
    ],
)
def test_edit_views_render(admin_client, demo_page, url):
    page = demo_page(url)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


def add_inline(data, prefix, **values):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-id"] = ""
    data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    data[f"{prefix}-{index}-DELETE"] = ""
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = str(value)


def test_partner_links_edit_from_either_side(admin_client, client):
    partner = PartnerOrganisationPage.objects.get(slug="greater-london-authority")
    programme = ProgrammePage.objects.get(slug="digital")
    ProgrammePartnership.objects.filter(programme=programme, partner=partner).delete()

    # From the partner's admin: add the programme.
    data = edit_form(admin_client, partner)
    add_inline(data, "partnerships", programme=programme.pk)
    publish(admin_client, partner, data)
    assert ProgrammePartnership.objects.filter(programme=programme, partner=partner).exists()
    assert "Greater London Authority" in client.get(programme.url).content.decode()

    # From the programme's admin: remove the partner again. (The body's StreamField is
    # built by JavaScript, so a plain form scrape has none: send it empty.)
    data = edit_form(admin_client, programme)
    data["body-count"] = "0"
    total = int(data["partnerships-TOTAL_FORMS"])
    for index in range(total):
        if data.get(f"partnerships-{index}-partner") == str(partner.pk):
            data[f"partnerships-{index}-DELETE"] = "1"
    publish(admin_client, programme, data)
    assert not ProgrammePartnership.objects.filter(programme=programme, partner=partner).exists()
    # Other partners of the programme are untouched.
    assert ProgrammePartnership.objects.filter(programme=programme).count() == total - 1
