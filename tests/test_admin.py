"""The admin offers editors the panels they need (the partner relation: test_partner_relation.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor-admin", "a@example.com", "pw")
    client.force_login(user)
    return client


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
