"""The dashboard's "Work in progress" panel: the team's drafts, sign-offs and schedule.

Each submission appears once on the dashboard: those the user can sign off are in Wagtail's
"Awaiting your review" panel (with its Approve / Request changes menu), so this panel lists
the others; it replaces Wagtail's "Your pages in a workflow" (see wagtail_hooks.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, TaskState, WorkflowState

PANEL_ROWS = 10


def _pages_for(states):
    pages = Page.objects.in_bulk([int(state.object_id) for state in states])
    return [
        (pages[int(state.object_id)], state) for state in states if int(state.object_id) in pages
    ]


def awaiting_sign_off(user=None):
    """(page, workflow state) pairs in moderation, oldest (re)submission first.

    Leaves out what `user` can sign off: Wagtail's "Awaiting your review" lists those.
    """
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("requested_by", "workflow", "current_task_state__task")
        # A resubmission starts a new task state: its time is the one that counts.
        .order_by("current_task_state__started_at")
    )
    if user is not None:
        states = states.exclude(
            current_task_state__in=TaskState.objects.reviewable_by(user).values("pk")
        )
    return _pages_for(list(states[:PANEL_ROWS]))


def changes_requested():
    """(page, workflow state) pairs sent back by a moderator, most recent first."""
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("requested_by", "current_task_state__finished_by")
        .order_by("-current_task_state__finished_at")[:PANEL_ROWS]
    )
    return _pages_for(states)


def scheduled():
    """(page, what, when) for pages going live or expiring, soonest first."""
    page_type = ContentType.objects.get_for_model(Page)
    going_live = list(
        Revision.objects.filter(approved_go_live_at__isnull=False, base_content_type=page_type)
        .select_related("user")
        .order_by("approved_go_live_at")[:PANEL_ROWS]
    )
    pages = Page.objects.in_bulk([int(revision.object_id) for revision in going_live])
    rows = [
        (pages[int(revision.object_id)], "Goes live", revision.approved_go_live_at)
        for revision in going_live
        if int(revision.object_id) in pages
    ]
    expiring = Page.objects.filter(live=True, expire_at__gt=timezone.now()).order_by("expire_at")
    rows += [(page, "Expires", page.expire_at) for page in expiring[:PANEL_ROWS]]
    return sorted(rows, key=lambda row: row[2])[:PANEL_ROWS]


def drafts(exclude_ids):
    """Pages with unsaved-to-live changes that are neither in moderation nor scheduled."""
    return (
        Page.objects.filter(has_unpublished_changes=True, depth__gt=1)
        .exclude(pk__in=exclude_ids)
        .select_related("latest_revision__user")
        .order_by("-latest_revision_created_at")[:PANEL_ROWS]
    )


class WorkInProgressPanel(Component):
    name = "work_in_progress"
    template_name = "publishing/admin/work_in_progress_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context.get("request")
        moderation = awaiting_sign_off(request.user if request else None)
        sent_back = changes_requested()
        schedule = scheduled()
        in_sign_off = WorkflowState.objects.active().filter(
            base_content_type=ContentType.objects.get_for_model(Page)
        )
        busy = {int(pk) for pk in in_sign_off.values_list("object_id", flat=True)} | {
            page.pk for page, what, _when in schedule if what == "Goes live"
        }
        context.update(
            {
                "drafts": drafts(busy),
                "awaiting_sign_off": moderation,
                "changes_requested": sent_back,
                "scheduled": schedule,
                "request": request,
            }
        )
        return context
