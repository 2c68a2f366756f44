"""Sign-off said plainly (issues 20.3-20.5, 21.5): editing a scheduled post as a new draft,
the moderator's comment in view, go-live times in messages and emails, one dashboard row."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from hlp_site.publishing import roles
from hlp_site.publishing.sign_off import uk_time
from news.models import ArticlePage
from tests.editing import GOOD_BODY, draft_post, edit_form, post_edit, set_body

pytestmark = pytest.mark.django_db


def make_user(django_user_model, username, group, first, last):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", first_name=first, last_name=last
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eddie", roles.EDITORS, "Eddie", "Editor")


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "mo", roles.MODERATORS, "Mo", "Moderator")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(django_user_model, moderator):
    from django.test import Client

    client = Client()
    client.force_login(moderator)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def submit(client, page, go_live_at=None, title=None):
    data = set_body(edit_form(client, page), GOOD_BODY)
    if go_live_at:
        data["go_live_at"] = local(go_live_at)
    if title:
        data["title"] = title
    response = post_edit(client, page, data, "submit")
    assert response.status_code == 302, response.content.decode()[:2000]
    return WorkflowState.objects.get(
        base_content_type__model="page",
        object_id=str(page.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )


def act_from_dashboard(client, page, state, action, comment=""):
    """What the dashboard's menu does: post to the action, back to the dashboard."""
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    return client.post(url, {"comment": comment, "next": reverse("wagtailadmin_home")}, follow=True)


def messages_in(response):
    return [str(message) for message in response.context["messages"]]


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


GO_LIVE = timezone.make_aware(datetime.datetime(2031, 7, 3, 9, 30))  # BST: 09:30 UK time


def scheduled_post(editor, editor_client, moderator_client, title="Summer heat advice"):
    page = draft_post(owner=editor, title=title)
    state = submit(editor_client, page, go_live_at=GO_LIVE)
    response = act_from_dashboard(moderator_client, page, state, "approve", "Good to go")
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.scheduled_revision.approved_go_live_at == GO_LIVE
    return page, response


# 20.5 Go-live times are said, with links to the admin


def test_approving_with_a_go_live_time_says_when_in_the_message_and_the_email(
    editor, editor_client, moderator_client
):
    mail.outbox.clear()
    page, response = scheduled_post(editor, editor_client, moderator_client)
    assert uk_time(GO_LIVE) == "09:30 on Thursday 3 July 2031 (UK time)"
    [confirmation] = [m for m in messages_in(response) if "approved" in m]
    assert "Summer heat advice" in confirmation and uk_time(GO_LIVE) in confirmation
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")

    [email] = [m for m in mail.outbox if m.to == ["eddie@example.org"]]
    assert uk_time(GO_LIVE) in email.subject
    assert uk_time(GO_LIVE) in email.body
    admin_link = f"http://testserver/admin/pages/{page.pk}/edit/"
    assert admin_link in email.body
    assert page.url not in email.body.replace(admin_link, "")  # not the future public address
    # The link works for the author.
    assert editor_client.get(admin_link.removeprefix("http://testserver")).status_code == 200


def test_approving_without_a_go_live_time_says_it_is_live(editor, editor_client, moderator_client):
    page = draft_post(owner=editor, title="Out today")
    state = submit(editor_client, page)
    mail.outbox.clear()
    response = act_from_dashboard(moderator_client, page, state, "approve")
    assert any("“Out today” approved and published." in m for m in messages_in(response))
    [email] = [m for m in mail.outbox if m.to == ["eddie@example.org"]]
    assert "is now live" in email.body and f"/admin/pages/{page.pk}/edit/" in email.body


def test_the_dashboard_lists_scheduled_pages_by_date(editor, editor_client, moderator_client):
    later, _ = scheduled_post(editor, editor_client, moderator_client, title="Later post")
    sooner = draft_post(owner=editor, title="Sooner post")
    sooner.go_live_at = GO_LIVE - datetime.timedelta(days=2)
    sooner.save_revision().publish()
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    scheduled = html[html.index('id="wip-scheduled"') : html.index('id="wip-drafts"')]
    assert scheduled.index("Sooner post") < scheduled.index("Later post")
    assert "Thursday 3 July 2031, 09:30" in text(scheduled)
    assert "Tuesday 1 July 2031, 09:30" in text(scheduled)


# 21.5 The dashboard confirms and lists each submission once


def test_requesting_changes_from_the_dashboard_confirms_it(editor, editor_client, moderator_client):
    page = draft_post(owner=editor, title="Needs work")
    state = submit(editor_client, page)
    response = act_from_dashboard(moderator_client, page, state, "reject", "Add a source")
    assert any("Changes requested on “Needs work”" in m for m in messages_in(response))
    assert any("Eddie Editor has been told" in m for m in messages_in(response))


def test_the_workflow_action_address_is_ours():
    # If Wagtail moves its URL, hlp_site/urls.py's override would silently stop applying.
    url = reverse("wagtailadmin_pages:workflow_action", args=[1, "approve", 1])
    assert resolve(url).url_name == "sign_off_workflow_action"


def sign_off_panels(html):
    """The dashboard without the flash messages and "Your most recent edits" (edits, not
    submissions)."""
    html = html[html.index("<main") :]
    if 'id="recent-edits-section"' in html:
        recent = html.index('id="recent-edits-section"')
        html = html[:recent] + html[html.index("</section>", recent) :]
    return html[html.index("w-panel--dashboard") :]


def test_a_submission_appears_once_on_each_dashboard(editor, editor_client, moderator_client):
    page = draft_post(owner=editor, title="Counted once")
    submit(editor_client, page)
    editor_client.get(reverse("wagtailadmin_home"))  # shows (and so clears) "has been submitted"
    for client in (editor_client, moderator_client):
        panels = sign_off_panels(client.get(reverse("wagtailadmin_home")).content.decode())
        # Moderators see it in "Awaiting your review" (with its menu), editors in ours.
        assert text(panels).count("Counted once") == 1


def test_a_resubmission_shows_its_own_time(
    editor, editor_client, moderator_client, django_user_model
):
    page = draft_post(owner=editor, title="Second go")
    state = submit(editor_client, page)
    act_from_dashboard(moderator_client, page, state, "reject", "Shorter, please")
    first_time = state.created_at
    # The resubmission comes a day later.
    WorkflowState.objects.filter(pk=state.pk).update(
        created_at=first_time - datetime.timedelta(days=1)
    )
    state = submit(editor_client, page)
    started = state.current_task_state.started_at
    colleague = make_user(django_user_model, "cole", roles.EDITORS, "Cole", "League")
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    html = text(other.get(reverse("wagtailadmin_home")).content.decode())
    assert f"Resubmitted {timezone.localtime(started):%-d %B %Y %H:%M}" in html


# 20.4 The moderator's comment is in view until resubmission


def test_a_request_for_changes_is_shown_on_the_edit_page_and_dashboard(
    editor, editor_client, moderator_client
):
    page = draft_post(owner=editor, title="Figures to check")
    state = submit(editor_client, page)
    comment = "Please check the figures in the second paragraph."
    act_from_dashboard(moderator_client, page, state, "reject", comment)
    state.refresh_from_db()
    when = uk_time(state.current_task_state.finished_at)

    html = editor_client.get(edit_url(page)).content.decode()
    messages_area = text(html[: html.index('id="page-edit-form"')])
    assert f"Changes requested by Mo Moderator at {when}: “{comment}”" in messages_area
    status = text(html[html.index("status-sidebar") :])
    assert "In Moderation" not in status
    assert "Changes requested" in status and "by Mo Moderator" in status and comment in status

    dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    section = text(
        dashboard[
            dashboard.index('id="wip-changes-requested"') : dashboard.index('id="wip-awaiting"')
        ]
    )
    assert "Figures to check" in section and comment in section and "Mo Moderator" in section
    # Wagtail's own "Your pages in a workflow" (status only, no comment) is gone.
    assert "Your pages and snippets in a workflow" not in dashboard

    # Resubmitted: the request is history.
    submit(editor_client, page)
    html = editor_client.get(edit_url(page)).content.decode()
    assert comment not in text(html[: html.index('id="page-edit-form"')])
    dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No changes requested." in dashboard


# 20.3 Editors can fix a scheduled post as a new draft


def test_an_editor_fixes_a_scheduled_post_as_a_new_draft(
    editor, editor_client, moderator_client, client
):
    page, _ = scheduled_post(editor, editor_client, moderator_client, title="Heatwave tips")
    approved = page.scheduled_revision

    html = editor_client.get(edit_url(page)).content.decode()
    top = text(html[: html.index('id="page-edit-form"')])
    assert "Page locked" not in html.replace("page-locked", "")
    assert f"goes live at {uk_time(GO_LIVE)}" in top
    assert "new draft" in top

    # The typo fix goes back to sign-off; the approved version keeps its go-live time.
    state = submit(editor_client, page, title="Heatwave tips (corrected)")
    page.refresh_from_db()
    assert page.scheduled_revision == approved
    assert approved.approved_go_live_at == GO_LIVE
    top = text(editor_client.get(edit_url(page)).content.decode())
    assert "A newer draft is awaiting sign-off" in top

    # Approving the fix replaces the scheduled version (same go-live time).
    act_from_dashboard(moderator_client, page, state, "approve")
    scheduled = ArticlePage.objects.get(pk=page.pk).scheduled_revision
    assert scheduled != approved and scheduled.approved_go_live_at == GO_LIVE
    assert scheduled.as_object().title == "Heatwave tips (corrected)"


def test_the_approved_version_goes_live_while_the_fix_waits(
    editor, editor_client, moderator_client, client
):
    page, _ = scheduled_post(editor, editor_client, moderator_client, title="Flu clinics open")
    approved = page.scheduled_revision
    submit(editor_client, page, title="Flu clinics open (new times)")

    # Go-live comes before the fix is signed off.
    past = timezone.now() - datetime.timedelta(minutes=1)
    Revision.objects.filter(pk=approved.pk).update(approved_go_live_at=past)
    approved.refresh_from_db()
    approved.content["go_live_at"] = past.isoformat()
    approved.save(update_fields=["content"])
    call_command("publish_scheduled", verbosity=0)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.live_revision_id == approved.pk
    assert client.get(page.url).status_code == 200
    assert "Flu clinics open (new times)" not in client.get(page.url).content.decode()
    # The fix is still awaiting sign-off.
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_moderator_can_withdraw_the_schedule(editor, editor_client, moderator_client):
    page, _ = scheduled_post(editor, editor_client, moderator_client, title="Withdrawn")
    html = moderator_client.get(edit_url(page)).content.decode()
    unschedule = reverse(
        "wagtailadmin_pages:revisions_unschedule", args=[page.pk, page.scheduled_revision.pk]
    )
    assert unschedule in html and "Cancel scheduled publish" in html
    assert moderator_client.post(unschedule).status_code == 302
    assert ArticlePage.objects.get(pk=page.pk).scheduled_revision is None


def test_publishing_by_hand_still_ends_the_sign_off(editor, editor_client, moderator_client):
    page = draft_post(owner=editor, title="Published by hand")
    submit(editor_client, page)
    data = set_body(edit_form(moderator_client, page), GOOD_BODY)
    assert post_edit(moderator_client, page, data, "publish").status_code == 302
    page.refresh_from_db()
    assert page.live and page.current_workflow_state is None


@pytest.mark.parametrize(
    "model_label",
    [
        "blog.ArticlePage",
        "resources.ResourcePage",
        "events.EventPage",
        "programmes.ProgrammePage",
        "publications.PublicationPage",
    ],
)
def test_every_dated_page_type_stays_editable_while_scheduled(model_label):
    from django.apps import apps

    from hlp_site.publishing.sign_off import EditableWhileScheduledMixin

    model = apps.get_model(model_label)
    assert issubclass(model, EditableWhileScheduledMixin)
    # The mixin comes before Page, so its get_lock is the one Wagtail calls.
    assert model.get_lock is EditableWhileScheduledMixin.get_lock
