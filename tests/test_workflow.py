"""Roles and the "Comms sign-off" workflow: editors submit, moderators approve or reject."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowState

from hlp_site.publishing import roles
from tests.editing import GOOD_BODY, draft_post, edit_form, post_edit, set_body

pytestmark = pytest.mark.django_db

SIGNED_OFF_SECTIONS = ["/news/", "/resources/", "/our-work/"]


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "eddie", "eddie@example.org", "pw", first_name="Eddie", last_name="Editor"
    )
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        "mo", "mo@example.org", "pw", first_name="Mo", last_name="Moderator"
    )
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


def client_for(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


def test_roles_exist_with_their_rights(demo_page, editor, moderator):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editors",
        "Moderators",
        "Administrators",
    }
    post = demo_page("/news/blog/partners-working-together-to-improve-health-and-care-in-2018/")
    home = demo_page("/")
    editor_perms = post.permissions_for_user(editor)
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert not editor_perms.can_unpublish()
    # Editors work in the sections only, not on the home page or the tree root.
    assert not home.permissions_for_user(editor).can_edit()
    for path in ["/our-work/mental-health/", "/partners/greater-london-authority/", "/resources/"]:
        assert demo_page(path).permissions_for_user(editor).can_edit(), path
    moderator_perms = post.permissions_for_user(moderator)
    assert moderator_perms.can_publish() and moderator_perms.can_unpublish()
    assert home.permissions_for_user(moderator).can_publish()
    assert not GroupPagePermission.objects.filter(
        group__name="Editors", permission__codename="publish_page"
    ).exists()


def test_comms_sign_off_covers_the_three_sections(demo_page):
    for path in SIGNED_OFF_SECTIONS:
        section = demo_page(path)
        assert WorkflowPage.objects.get(page=section).workflow.name == "Comms sign-off"
    post = demo_page("/news/blog/partners-working-together-to-improve-health-and-care-in-2018/")
    workflow = post.get_workflow()
    assert workflow.name == "Comms sign-off"
    [task] = workflow.tasks
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Moderators"]


def test_a_section_made_by_hand_gets_roles_and_workflow():
    """The tree built in the admin (not by the demo loader) gets the same set-up."""
    from resources.models import ResourceIndexPage

    ResourceIndexPage.objects.all().delete()
    home = Page.objects.get(depth=2)
    section = home.add_child(instance=ResourceIndexPage(title="Library", slug="library"))
    assert WorkflowPage.objects.get(page=section).workflow.name == "Comms sign-off"
    assert GroupPagePermission.objects.filter(
        group__name="Editors", page=section, permission__codename="change_page"
    ).exists()


def test_editor_cannot_publish(client, editor):
    page = draft_post(owner=editor)
    editor_client = client_for(type(client), editor)
    data = set_body(edit_form(editor_client, page), GOOD_BODY)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    response = post_edit(editor_client, page, data, "publish")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url or "/news/blog/" + page.slug + "/").status_code == 404


def submit(editor_client, page):
    data = set_body(edit_form(editor_client, page), GOOD_BODY)
    response = post_edit(editor_client, page, data, "submit")
    assert response.status_code == 302, response.content.decode()[:3000]
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    return state


def act(moderator_client, page, state, action, comment):
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = moderator_client.post(url, {"comment": comment})
    assert response.status_code == 302


def test_submit_approve_publishes_and_tells_the_author(client, editor, moderator):
    page = draft_post(owner=editor, title="Thrive LDN’s new campaign")
    editor_client = client_for(type(client), editor)
    mail.outbox.clear()
    state = submit(editor_client, page)
    # Moderators hear of the submission.
    assert any("mo@example.org" in message.to for message in mail.outbox)
    mail.outbox.clear()

    act(client_for(type(client), moderator), page, state, "approve", "Lovely, thanks")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    to_author = [message for message in mail.outbox if message.to == ["eddie@example.org"]]
    assert len(to_author) == 1
    assert "approved" in to_author[0].subject.lower()
    assert "Thrive LDN’s new campaign" in to_author[0].body


def test_reject_returns_it_to_draft_with_the_comment(client, editor, moderator):
    page = draft_post(owner=editor, title="A post with a problem")
    editor_client = client_for(type(client), editor)
    state = submit(editor_client, page)
    mail.outbox.clear()

    comment = "Please check the figures in the second paragraph."
    act(client_for(type(client), moderator), page, state, "reject", comment)
    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.get_comment() == comment
    [to_author] = [message for message in mail.outbox if message.to == ["eddie@example.org"]]
    assert "rejected" in to_author.subject.lower()
    assert comment in to_author.body
    # The editor sees the comment on the page and can edit and resubmit.
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert comment in html
    assert page.permissions_for_user(editor).can_edit()
