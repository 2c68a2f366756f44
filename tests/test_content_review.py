"""Content review: owners, review dates outside revisions, Mark as reviewed, the rules."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from content_review.dates import add_months, today
from content_review.models import REVIEW_STATE_FIELDS, inherited_owner_and_team
from content_review.review import MARK_REVIEWED, mark_reviewed, save_review_state
from hlp_site.core.models import StandardPage
from programmes.models import PartnerOrganisationPage, ProgrammePage
from resources.models import ResourcePage
from tests.editing import edit_form, post_edit
from tests.factories import ProgrammePageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

PROGRAMME = "/our-work/mental-health/thrive-ldn/"
# Edited through the admin form in these tests: no StreamField for the form to rebuild.
SECTION = "/our-work/"


def make_user(django_user_model, name, *groups, **fields):
    fields.setdefault("email", f"{name}@example.org")
    user = django_user_model.objects.create_user(name, password="pw", **fields)
    user.groups.add(*[Group.objects.get_or_create(name=group)[0] for group in groups])
    return user


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "mona", "Moderators", "Programmes team")


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eddie", "Editors", "Programmes team")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# The rules of the model --------------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime.date(2026, 3, 3), 12) == datetime.date(2027, 3, 3)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), -14) == datetime.date(2025, 9, 30)


def test_each_type_has_its_default_interval_and_pages_have_a_due_date(demo_page):
    assert ProgrammePage.default_review_interval_months == 12
    assert ResourcePage.default_review_interval_months == 12
    assert StandardPage.default_review_interval_months == 12
    assert PartnerOrganisationPage.default_review_interval_months == 24
    partner = PartnerOrganisationPage.objects.live().first()
    assert partner.review_interval_months == 24
    assert partner.next_review_due == add_months(partner.last_reviewed, 24)
    assert demo_page(PROGRAMME).next_review_due is not None


def test_review_state_is_not_in_revisions_and_an_old_revision_does_not_bring_it_back(
    demo_page, moderator
):
    page = demo_page(PROGRAMME)
    old = page.save_revision(user=moderator)
    assert not set(REVIEW_STATE_FIELDS) & set(old.content)

    other = make_user(type(moderator), "oscar", "Moderators")
    save_review_state(page, content_owner=other, review_interval_months=6)
    page = mark_reviewed(page, moderator)
    expected = {name: getattr(page, name) for name in REVIEW_STATE_FIELDS}

    old.publish(user=moderator)  # publishing (or reverting to) an older revision
    page.refresh_from_db()
    assert {name: getattr(page, name) for name in REVIEW_STATE_FIELDS} == expected
    assert page.get_latest_revision_as_object().content_owner == other


def test_a_new_page_inherits_owner_and_team_from_the_nearest_ancestor(demo_page, moderator, editor):
    parent = demo_page("/our-work/mental-health/")
    team = Group.objects.get(name="Programmes team")
    save_review_state(parent, content_owner=editor, owning_team=team)
    child = ProgrammePageFactory(parent=demo_page(PROGRAMME))
    # Thrive LDN has the demo's owner; its child takes Thrive LDN's (the nearest).
    thrive = demo_page(PROGRAMME)
    assert (child.content_owner_id, child.owning_team_id) == (
        thrive.content_owner_id,
        thrive.owning_team_id,
    )
    save_review_state(thrive, content_owner=None, owning_team=None)
    grandchild = ProgrammePageFactory(parent=thrive)
    assert grandchild.content_owner == editor and grandchild.owning_team == team
    assert inherited_owner_and_team(grandchild) == (editor.pk, team.pk)


def test_the_create_form_offers_the_inherited_owner(moderator_client, demo_page, editor):
    parent = demo_page("/our-work/mental-health/")
    save_review_state(parent, content_owner=editor)
    url = reverse("wagtailadmin_pages:add", args=["programmes", "programmepage", parent.pk])
    response = moderator_client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["content_owner"] == editor.pk


# The Review panel and its rules ------------------------------------------------------


def test_a_moderator_changes_owner_and_interval_without_a_new_revision_bringing_them_back(
    moderator_client, demo_page, editor
):
    page = demo_page(SECTION)
    data = edit_form(moderator_client, page)
    data["content_owner"] = str(editor.pk)
    data["review_interval_months"] = "6"
    data["last_reviewed"] = "2026-01-10"
    data["next_review_due"] = ""
    response = post_edit(moderator_client, page, data, "publish")
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.content_owner == editor
    assert page.review_interval_months == 6
    assert page.next_review_due == datetime.date(2026, 7, 10)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"review_interval_months": "0"}, "review_interval_months", "greater than or equal to 1"),
        ({"review_interval_months": "-3"}, "review_interval_months", "greater than or equal to"),
        (
            {"last_reviewed": "2026-05-01", "next_review_due": "2026-04-30"},
            "next_review_due",
            "can’t be due before",
        ),
    ],
)
def test_bad_review_settings_are_form_errors_and_nothing_is_saved(
    moderator_client, demo_page, changes, field, message
):
    page = demo_page(SECTION)
    before = {name: getattr(page, name) for name in REVIEW_STATE_FIELDS}
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    data = edit_form(moderator_client, page)
    data.update(changes)
    response = post_edit(moderator_client, page, data, "save")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    page.refresh_from_db()
    assert {name: getattr(page, name) for name in REVIEW_STATE_FIELDS} == before
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions


@pytest.mark.parametrize("kind", ["no access", "deactivated"])
def test_an_owner_must_be_able_to_edit_the_page(
    moderator_client, demo_page, django_user_model, kind
):
    if kind == "no access":
        owner = make_user(django_user_model, "visitor")  # no group: no page permissions
        message = "can’t edit this page"
    else:
        owner = make_user(django_user_model, "gone", "Moderators", is_active=False)
        message = "deactivated"
    page = demo_page(SECTION)
    owner_before = page.content_owner_id
    data = edit_form(moderator_client, page)
    data["content_owner"] = str(owner.pk)
    response = post_edit(moderator_client, page, data, "save")
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["content_owner"])
    page.refresh_from_db()
    assert page.content_owner_id == owner_before


def test_editors_cannot_change_owner_or_interval(editor_client, demo_page, moderator):
    page = demo_page(SECTION)
    save_review_state(page, content_owner=moderator, review_interval_months=12)
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    form = response.context["form"]
    for name in ("content_owner", "owning_team", "review_interval_months", "next_review_due"):
        assert name not in form.fields
    assert "reviewed_whole_page" in form.fields
    assert "Only Moderators change" in response.content.decode()
    data = edit_form(editor_client, page)
    data["content_owner"] = "999"
    data["review_interval_months"] = "1"
    post_edit(editor_client, page, data, "save")
    page.refresh_from_db()
    assert page.content_owner == moderator and page.review_interval_months == 12


def test_only_moderators_and_administrators_hold_the_review_settings_permission():
    permission = Permission.objects.get(codename="change_review_settings")
    holders = set(permission.group_set.values_list("name", flat=True))
    assert holders == {"Moderators", "Administrators"}


# Mark as reviewed ----------------------------------------------------------------------


def test_a_moderator_marks_a_page_reviewed_from_the_action_menu(
    moderator_client, moderator, demo_page
):
    page = demo_page(PROGRAMME)
    save_review_state(page, last_reviewed=datetime.date(2024, 1, 1), next_review_due=None)
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    edit = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    url = reverse("content_review:mark_reviewed", args=[page.pk])
    assert url in edit.content.decode() and "Mark as reviewed" in edit.content.decode()

    confirm = moderator_client.get(url)
    assert confirm.status_code == 200
    assert "Yes, mark as reviewed" in confirm.content.decode()
    response = moderator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])

    page.refresh_from_db()
    assert page.last_reviewed == today()
    assert page.next_review_due == add_months(today(), page.review_interval())
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions
    entry = PageLogEntry.objects.filter(page=page, action=MARK_REVIEWED).latest("timestamp")
    assert entry.user == moderator
    assert entry.data["next_review_due"] == page.next_review_due.isoformat()
    assert entry.message == "Marked as reviewed"
    history = moderator_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "Marked as reviewed" in history.content.decode()


def test_an_editor_marks_pages_in_their_sections_only(editor_client, demo_page):
    resource = ResourcePage.objects.live().first()
    assert (
        editor_client.post(reverse("content_review:mark_reviewed", args=[resource.pk])).status_code
        == 302
    )
    about = demo_page("/about-us/")  # outside the Editors' sections
    response = editor_client.post(reverse("content_review:mark_reviewed", args=[about.pk]))
    # Wagtail's admin answers PermissionDenied with a redirect home and a message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    about_before = about.last_reviewed
    about.refresh_from_db()
    assert about.last_reviewed == about_before


def test_posts_are_not_reviewed(moderator_client):
    from news.models import ArticlePage

    post = ArticlePage.objects.live().first()
    response = moderator_client.get(reverse("content_review:mark_reviewed", args=[post.pk]))
    assert response.status_code == 404
    edit = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    assert "Mark as reviewed" not in edit.content.decode()


def test_ticking_reviewed_the_whole_page_on_publish_counts_as_a_review(
    moderator_client, moderator, demo_page
):
    page = demo_page(SECTION)
    save_review_state(page, last_reviewed=datetime.date(2024, 1, 1), next_review_due=None)
    data = edit_form(moderator_client, page)
    data["intro"] = "Our programmes of work, updated."
    data["reviewed_whole_page"] = "on"
    response = post_edit(moderator_client, page, data, "publish")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.intro == "Our programmes of work, updated."
    assert page.last_reviewed == today()
    entry = PageLogEntry.objects.filter(page=page, action=MARK_REVIEWED).latest("timestamp")
    assert entry.user == moderator and entry.data["on_publish"] is True


def test_publishing_without_the_tick_is_not_a_review(moderator_client, demo_page):
    page = demo_page(SECTION)
    save_review_state(page, last_reviewed=datetime.date(2024, 1, 1), next_review_due=None)
    data = edit_form(moderator_client, page)
    data["intro"] = "Our programmes of work, again."
    post_edit(moderator_client, page, data, "publish")
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2024, 1, 1)


def test_a_new_page_counts_as_reviewed_when_first_published(demo_page, moderator):
    page = ResourcePageFactory(parent=demo_page("/resources/"), live=False)
    assert page.last_reviewed is None
    page.save_revision(user=moderator).publish(user=moderator)
    page.refresh_from_db()
    assert page.last_reviewed == today()
    assert page.next_review_due == add_months(today(), 12)


def test_a_copy_starts_its_own_review_clock(demo_page, moderator):
    page = demo_page(PROGRAMME)
    save_review_state(
        page, last_reviewed=datetime.date(2020, 1, 1), next_review_due=datetime.date(2021, 1, 1)
    )
    copy = page.copy(
        update_attrs={"slug": "thrive-ldn-copy", "title": "Thrive LDN copy"},
        keep_live=False,
        user=moderator,
    ).specific
    assert copy.last_reviewed is None
    assert copy.next_review_due == add_months(today(), 12)
    assert copy.content_owner_id == page.content_owner_id
