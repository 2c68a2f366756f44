"""The chooser of a programme's "Partner organisations" panel does not offer the partners
the programme already has (issue 20; Wagtail's MultipleChooserPanel offers them all)."""

import json
import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from programmes.models import PartnerOrganisationPage, ProgrammePage
from tests.test_partner_relation import link, partner_ids

pytestmark = pytest.mark.django_db

PAGE_TYPE = "programmes.partnerorganisationpage"


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("sam", "s@example.org", "pw"))
    return client


def edit_page(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def panel_chooser_url(html):
    """The modal address of the panel's "Add partner organisations" button: the chooser
    widget definition (telepath) the editor's script opens it with."""
    match = re.search(r'id="id_partnerships-CHOOSER_WIDGET"[^>]*>(.*?)</script>', html, re.S)
    definition = json.loads(match.group(1))
    urls = set(re.findall(r'"modalUrl": "([^"]+)"', json.dumps(definition)))
    assert len(urls) == 1, urls
    return urls.pop()


def row_chooser_urls(html):
    """The modal addresses of the panel's rows ("Choose another page")."""
    return set(re.findall(r'data-chooser-url="(/admin/programme-partners/[^"]+)"', html))


def offered(client, url, **params):
    """Ids of the pages the chooser modal offers to choose, as the editor's script loads it
    (following the redirect to Wagtail's chooser)."""
    path, _, query = url.partition("?")
    response = client.get(path, {**parse_qs(query), "page_type": PAGE_TYPE, **params}, follow=True)
    assert response.status_code == 200
    body = response.json()["html"] if "json" in response["Content-Type"] else response.text
    # One choice: a link per page; several: a checkbox with a label per page.
    choices = re.findall(
        r'class="choose-page" href="#(\d+)"|<label for="chooser-modal-select-(\d+)"', body
    )
    return {int(single or multiple) for single, multiple in choices}


@pytest.fixture
def digital():
    return ProgrammePage.objects.get(slug="digital")


def test_panel_chooser_leaves_out_linked_partners(superuser_client, digital):
    linked = partner_ids(digital)
    all_partners = set(PartnerOrganisationPage.objects.values_list("pk", flat=True))
    assert linked and all_partners - linked  # the demo content has both kinds
    html = edit_page(superuser_client, digital)

    url = panel_chooser_url(html)
    assert superuser_client.get(url).status_code == 302  # to Wagtail's chooser
    assert offered(superuser_client, url, multiple=1) == all_partners - linked

    # Each row's own chooser too, also when the script appends the parent page's id.
    row_urls = row_chooser_urls(html)
    assert row_urls == {url}
    parent = PartnerOrganisationPage.objects.first().get_parent()
    assert offered(superuser_client, f"{url}{parent.pk}/") == all_partners - linked


def test_chooser_search_leaves_out_linked_partners(superuser_client, digital):
    linked = PartnerOrganisationPage.objects.filter(pk__in=partner_ids(digital))
    url = panel_chooser_url(edit_page(superuser_client, digital))
    # The search box's address keeps the chooser's query string (Wagtail's header template).
    browse = superuser_client.get(url, {"page_type": PAGE_TYPE, "multiple": 1}, follow=True)
    html = browse.json()["html"]
    action = unescape(re.search(r'action="([^"]*choose-page/search/[^"]*)"', html)[1])
    for partner in linked:
        assert offered(superuser_client, action, q=partner.title) == set()
    gla = PartnerOrganisationPage.objects.get(slug="greater-london-authority")
    assert offered(superuser_client, action, q=gla.title) == {gla.pk}


def test_a_new_link_is_left_out_of_the_next_chooser(superuser_client, digital):
    gla = PartnerOrganisationPage.objects.get(slug="greater-london-authority")
    url = panel_chooser_url(edit_page(superuser_client, digital))
    assert gla.pk in offered(superuser_client, url, multiple=1)

    link(superuser_client, digital, gla, action="save")  # a draft: the revision being edited
    assert gla.pk not in partner_ids(digital)
    url = panel_chooser_url(edit_page(superuser_client, digital))
    assert gla.pk not in offered(superuser_client, url, multiple=1)


def test_a_new_programme_offers_every_partner(superuser_client, digital):
    add = reverse(
        "wagtailadmin_pages:add",
        args=["programmes", "programmepage", digital.get_parent().pk],
    )
    url = panel_chooser_url(superuser_client.get(add).content.decode())
    assert url.endswith("/none/")
    every = set(PartnerOrganisationPage.objects.values_list("pk", flat=True))
    assert offered(superuser_client, url, multiple=1) == every


@pytest.mark.parametrize(
    "path",
    ["/admin/programme-partners/choose/abc/", "/admin/programme-partners/choose/1-/"],
)
def test_malformed_chooser_addresses_are_not_found(superuser_client, path):
    assert superuser_client.get(path).status_code == 404


def test_malformed_exclusions_are_ignored(superuser_client):
    url = reverse("wagtailadmin_choose_page")
    params = {"page_type": PAGE_TYPE, "exclude_partners": "x,²,99999999999999999999,-1"}
    response = superuser_client.get(url, params)
    assert response.status_code == 200


def test_the_chooser_address_is_for_editors_only(client, digital):
    url = reverse("programmes_choose_partner", kwargs={"linked": "none"})
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
