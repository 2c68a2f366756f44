"""The programme page alone owns its links to partners (issue 20.1).

Stale revisions, approvals, schedules and reverts on either page can no longer undo a
link made on the other, because only the programme's revisions hold the links."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from hlp_site.publishing import roles
from programmes.models import PartnerOrganisationPage, ProgrammePage, ProgrammePartnership
from tests.editing import edit_form, post_edit

pytestmark = pytest.mark.django_db

migration = importlib.import_module("programmes.migrations.0007_programme_owns_partnerships")


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("sam", "s@example.org", "pw"))
    return client


def user_in(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def add_inline(data, prefix, **values):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-id"] = ""
    data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    data[f"{prefix}-{index}-DELETE"] = ""
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = str(value)


def programme_form(client, programme):
    data = edit_form(client, programme)
    data["body-count"] = "0"  # the StreamField is built by JavaScript in a browser
    return data


def partner_ids(programme):
    return set(
        ProgrammePartnership.objects.filter(programme=programme).values_list("partner", flat=True)
    )


@pytest.fixture
def digital():
    return ProgrammePage.objects.get(slug="digital")


@pytest.fixture
def gla():  # not linked to Digital in the demo content
    return PartnerOrganisationPage.objects.get(slug="greater-london-authority")


def link(client, programme, partner, action="publish"):
    data = programme_form(client, programme)
    add_inline(data, "partnerships", partner=partner.pk)
    response = post_edit(client, programme, data, action)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_partner_edit_form_lists_programmes_read_only(superuser_client, digital):
    partner = PartnerOrganisationPage.objects.get(slug="nhs-england")
    html = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[partner.pk])).content
    html = html.decode()
    assert "partnerships-TOTAL_FORMS" not in html
    assert reverse("wagtailadmin_pages:edit", args=[digital.pk]) in html
    assert "Programmes it works on" in html


def test_partner_form_cannot_change_links(superuser_client, digital, gla):
    before = set(ProgrammePartnership.objects.values_list("programme", "partner"))
    data = edit_form(superuser_client, gla)
    data["partnerships-TOTAL_FORMS"] = "1"
    data["partnerships-INITIAL_FORMS"] = "0"
    data["partnerships-0-programme"] = str(digital.pk)
    assert post_edit(superuser_client, gla, data, "publish").status_code == 302
    assert set(ProgrammePartnership.objects.values_list("programme", "partner")) == before


def test_partner_approval_and_revert_keep_links(superuser_client, client, digital, gla):
    """The issue's scenario, partner side: a partner's old or pending revision, even one
    still holding the old copy of the links, goes live without touching them."""
    partner = PartnerOrganisationPage.objects.get(slug="nhs-england")
    old = partner.save_revision()
    old.content["partnerships"] = []  # as revisions made before the migration held them
    old.save(update_fields=["content"])
    link(superuser_client, digital, gla)
    links = set(ProgrammePartnership.objects.values_list("programme", "partner"))

    old.publish()  # a revert, or a scheduled revision going live
    assert set(ProgrammePartnership.objects.values_list("programme", "partner")) == links
    assert "Digital" in client.get(partner.url).content.decode()
    assert "Greater London Authority" in client.get(digital.url).content.decode()


def test_approving_an_older_submission_after_a_newer_publish(
    client, django_user_model, digital, gla
):
    editor = user_in(django_user_model, "eddie", roles.EDITORS)
    moderator = user_in(django_user_model, "mo", roles.MODERATORS)
    editor_client, moderator_client = type(client)(), type(client)()
    editor_client.force_login(editor)
    moderator_client.force_login(moderator)

    data = programme_form(editor_client, digital)
    data["summary"] = "Edited by the editor."
    assert post_edit(editor_client, digital, data, "submit").status_code == 302
    state = WorkflowState.objects.get(object_id=str(digital.pk), status="in_progress")

    # The moderator links a partner and publishes: Wagtail ends the older submission
    # (it can no longer be approved), so it cannot drop the new link.
    link(moderator_client, digital, gla)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert gla.pk in partner_ids(digital)
    assert "Greater London Authority" in client.get(digital.url).content.decode()


def test_a_scheduled_programme_revision_keeps_its_partners(client, digital, gla):
    """Scheduled with a new partner; the partner's page is published before go-live."""
    before = partner_ids(digital)
    digital.partnerships.add(ProgrammePartnership(partner=gla))
    scheduled = digital.save_revision()
    scheduled.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.save(update_fields=["approved_go_live_at"])
    assert partner_ids(digital) == before  # not live yet

    gla.description = "<p>Edited while the programme waits to go live.</p>"
    gla.save_revision().publish()
    call_command("publish_scheduled")
    assert partner_ids(digital) == before | {gla.pk}
    assert "Digital" in client.get(gla.url).content.decode()


def test_reverting_the_programme_restores_its_partners_of_then(superuser_client, digital, gla):
    before = partner_ids(digital)
    old = digital.save_revision()
    link(superuser_client, digital, gla)
    assert gla.pk in partner_ids(digital)
    old.publish()  # the programme's own history: visible in its compare view
    assert partner_ids(digital) == before


def test_choosing_a_partner_already_linked_is_not_an_error(superuser_client, digital):
    partner_id = next(iter(partner_ids(digital)))
    before = ProgrammePartnership.objects.filter(programme=digital).count()
    data = programme_form(superuser_client, digital)
    add_inline(data, "partnerships", partner=partner_id)
    response = post_edit(superuser_client, digital, data, "publish")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProgrammePartnership.objects.filter(programme=digital).count() == before


def test_a_deleted_partner_in_an_old_programme_revision(digital, gla):
    digital.partnerships.add(ProgrammePartnership(partner=gla))
    old = digital.save_revision()
    old.publish()
    gla.delete()
    old.publish()
    assert gla.pk not in partner_ids(digital)


def test_migration_carries_partner_made_links_into_pending_programme_revisions(digital, gla):
    partner = PartnerOrganisationPage.objects.get(slug="nhs-england")
    removed = ProgrammePartnership.objects.get(programme=digital, partner=partner)
    draft = digital.save_revision()
    draft.content["partnerships"] = [
        item for item in draft.content["partnerships"] if item["partner"] != partner.pk
    ]  # the programme's draft removes NHS England: that stays removed
    draft.save(update_fields=["content"])
    # A partner page added GLA after the programme's draft was made (the old way).
    ProgrammePartnership.objects.create(programme=digital, partner=gla, sort_order=9)
    partner_revision = gla.save_revision()
    partner_revision.content["partnerships"] = [{"programme": digital.pk, "partner": gla.pk}]
    partner_revision.save(update_fields=["content"])

    migration.bring_revisions_in_line(apps, None)

    partner_revision.refresh_from_db()
    assert "partnerships" not in partner_revision.content
    draft.refresh_from_db()
    in_draft = {item["partner"] for item in draft.content["partnerships"]}
    assert gla.pk in in_draft and partner.pk not in in_draft
    draft.publish()
    assert gla.pk in partner_ids(digital)
    assert not ProgrammePartnership.objects.filter(pk=removed.pk).exists()
