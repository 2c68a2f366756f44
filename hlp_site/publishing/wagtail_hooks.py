"""Admin furniture for the comms team: tags, the dashboard, the accessibility checker."""

from django.urls import path
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from hlp_site.publishing import change_log, tag_fields
from hlp_site.publishing.dashboard import WorkInProgressPanel
from hlp_site.publishing.sign_off import (
    changes_requested,
    describe_decision,
    describe_request_for_changes,
)
from hlp_site.publishing.tag_admin import TagPermissionPolicy, TagViewSet
from hlp_site.publishing.tag_bulk_actions import AddTagsBulkAction, RemoveTagsBulkAction

register_permission_policy(Tag, TagPermissionPolicy(Tag))
register_snippet(TagViewSet)
hooks.register("register_bulk_action", AddTagsBulkAction)
hooks.register("register_bulk_action", RemoveTagsBulkAction)


@hooks.register("register_admin_urls")
def register_tag_autocomplete_url():
    return [
        path("tag-suggestions/", tag_fields.autocomplete, name=tag_fields.AUTOCOMPLETE_URL_NAME)
    ]


@hooks.register("construct_homepage_panels")
def add_work_in_progress(request, panels):
    # Our panel lists the user's own submissions (with the moderator's comment when changes
    # are requested), so Wagtail's "Your pages in a workflow" would list them twice.
    panels[:] = [panel for panel in panels if panel.name != "user_objects_in_workflow_moderation"]
    panels.insert(0, WorkInProgressPanel())


@hooks.register("before_edit_page")
def show_request_for_changes(request, page):
    """The moderator's comment, its author and time, at the top of the page until resubmitted."""
    if request.method == "GET" and (task_state := changes_requested(page)):
        messages.warning(request, describe_request_for_changes(task_state))


@hooks.register("after_edit_page")
def confirm_sign_off_from_the_editor(request, page):
    """Approving or requesting changes on the edit page says what it did (go-live time too)."""
    state = page.workflow_states.order_by("-created_at").first()
    if not (request.POST.get("action-workflow-action") and state and state.current_task_state):
        return
    task_state = state.current_task_state
    message = describe_decision(page, task_state)
    if message and task_state.finished_by_id == request.user.pk:
        messages.success(request, message)


@hooks.register("after_publish_page")
def cancel_superseded_sign_off(request, page):
    """Publishing from the editor ends the page's sign-off, as Wagtail does by default.

    WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH is off so that a scheduled version going live (the
    `publish_scheduled` command) leaves a newer draft's sign-off alone; a moderator who
    publishes over a submission by hand has decided it, so it ends here.
    """
    if state := page.current_workflow_state:
        state.cancel(user=request.user)


class WCAG22Checker(ContentCheckerItem):
    """Wagtail's checker in the userbar, running axe's WCAG 2.0-2.2 A and AA rules.

    Wagtail's own content rules (alt text quality, heading order, empty headings, meta
    description) stay on: they are best practice rather than WCAG tags, so name them.
    """

    axe_run_only = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    axe_rules = {
        rule: {"enabled": True}
        for rule in [
            "alt-text-quality",
            "empty-meta-description",
            "heading-order",
            "empty-heading",
            "p-as-heading",
            "empty-table-header",
        ]
    }


@hooks.register("construct_wagtail_userbar")
def use_wcag22_checker(request, items, page):
    # Wagtail 8.0 still adds its deprecated AccessibilityItem (a ContentCheckerItem).
    items[:] = [WCAG22Checker() if isinstance(item, ContentCheckerItem) else item for item in items]


@hooks.register("register_log_actions")
def register_change_log_actions(actions):
    change_log.register_actions(actions)
