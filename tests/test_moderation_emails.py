"""Sign-off emails say "post" for a post and "page" for any other page (issue 21.1).

Posts go through the real edit view and the dashboard's workflow action; the other page
type through Wagtail's workflow API (Workflow.start, Task.on_action), which fires the
same signals and so sends the same emails. Django's locmem backend collects them.
"""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from hlp_site.publishing import roles
from tests.editing import draft_post
from tests.test_sign_off import act_from_dashboard, make_user, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def html_emails(settings):
    """Wagtail adds the HTML version only with this setting: check both templates."""
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True


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
def moderator_client(moderator):
    from django.test import Client

    client = Client()
    client.force_login(moderator)
    return client


def emails_to(user):
    return [email for email in mail.outbox if email.to == [user.email]]


def words(email):
    """Subject, plain text and HTML of one email, for checking the words in all three."""
    [(html, _mime)] = email.alternatives
    return [email.subject, email.body, html]


def assert_says(email, noun, other):
    for part in words(email):
        assert f"The {noun} " in part, part
        assert f"The {other} " not in part and f"the {other} here" not in part, part


def test_a_posts_submitted_rejected_and_approved_emails_say_post(
    editor, moderator, editor_client, moderator_client
):
    page = draft_post(owner=editor, title="Winter pressures update")
    mail.outbox.clear()
    state = submit(editor_client, page)
    [submitted] = emails_to(moderator)
    assert_says(submitted, "post", "page")
    assert "Winter pressures update" in submitted.subject
    assert "You can edit the post here:" in submitted.body
    assert f"/admin/pages/{page.pk}/edit/" in submitted.body

    mail.outbox.clear()
    act_from_dashboard(moderator_client, page, state, "reject", "Please add a date")
    [rejected] = emails_to(editor)
    assert_says(rejected, "post", "page")
    assert 'The following comment was left: "Please add a date"' in rejected.body
    assert "by Mo Moderator" in rejected.body

    mail.outbox.clear()
    state = submit(editor_client, page)
    act_from_dashboard(moderator_client, page, state, "approve")
    [approved] = emails_to(editor)
    assert_says(approved, "post", "page")
    assert "is now live" in approved.body


def test_other_pages_emails_still_say_page(editor, moderator, demo_page):
    programme = demo_page("/our-work/mental-health/").specific
    workflow = programme.get_workflow()
    assert workflow is not None  # Our work goes through sign-off
    programme.save_revision(user=editor)

    mail.outbox.clear()
    state = workflow.start(programme, editor)
    [submitted] = emails_to(moderator)
    assert_says(submitted, "page", "post")

    mail.outbox.clear()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Not yet")
    [rejected] = emails_to(editor)
    assert_says(rejected, "page", "post")

    mail.outbox.clear()
    state.refresh_from_db()
    state.resume(editor)  # resubmitted after the request for changes
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    [approved] = emails_to(editor)
    assert_says(approved, "page", "post")
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
