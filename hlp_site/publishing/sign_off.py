"""Sign-off, said plainly: which version goes live when, what a moderator asked for, and
what an approval or a request for changes just did.

Wagtail locks a page whose approved version is scheduled (`ScheduledForPublishLock`), so an
editor cannot fix a typo before go-live. `EditableWhileScheduledMixin` (on the page models
that go through "Comms sign-off") keeps the schedule but not the lock: the editor's changes
are a new draft that goes back to sign-off, while the approved version keeps its go-live
time until the new draft is approved (it then replaces the scheduled version) or a moderator
cancels the schedule. Locks by a person or by the workflow still apply.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.utils import get_user_display_name
from wagtail.locks import BasicLock, ScheduledForPublishLock
from wagtail.models import WorkflowState


def uk_time(moment):
    """ "09:30 on Thursday 5 March 2026 (UK time)": what the comms team reads and writes."""
    local = timezone.localtime(moment)  # TIME_ZONE is Europe/London
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y} (UK time)"


def admin_edit_url(page):
    """The page's edit view as an absolute link (for emails), from WAGTAILADMIN_BASE_URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )


def page_noun(page):
    """What the comms team calls the page in a sign-off email: "post" for a post, "page" for
    every other page type."""
    from news.models import ArticlePage  # imported here: news.models imports this module

    return "post" if issubclass(page.specific_class, ArticlePage) else "page"


def scheduled_go_live(page):
    """When the page's approved, scheduled version goes live (None if nothing is scheduled)."""
    revision = page.scheduled_revision
    return revision.approved_go_live_at if revision else None


class ScheduledVersionNotice(ScheduledForPublishLock):
    """Says which version goes live when; locks only as much as `workflow_lock` does.

    A subclass of Wagtail's lock so the edit view shows its message at the top of the page
    and offers moderators "Cancel scheduled publish" beside it.
    """

    def __init__(self, object, workflow_lock=None):
        super().__init__(object)
        self.workflow_lock = workflow_lock

    def for_user(self, user):
        return bool(self.workflow_lock and self.workflow_lock.for_user(user))

    def get_message(self, user):
        scheduled = self.object.scheduled_revision
        latest = self.object.latest_revision
        approved = format_html(
            "The version approved on {approved} goes live at <b>{go_live}</b>.",
            approved=uk_time(scheduled.created_at),
            go_live=uk_time(scheduled.approved_go_live_at),
        )
        if latest and latest.pk != scheduled.pk:
            state = self.object.current_workflow_state
            if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
                newer = "A newer draft is awaiting sign-off"
            else:
                newer = "A newer draft has not been submitted for sign-off yet"
            return format_html(
                "{approved} {newer}: if it is approved first, it replaces the scheduled "
                "version; otherwise the scheduled version goes live and the draft stays a "
                "draft.",
                approved=approved,
                newer=newer,
            )
        return format_html(
            "{approved} Changes you save here are a new draft: submit it for sign-off and, "
            "once approved, it replaces the scheduled version.",
            approved=approved,
        )

    def get_locked_by(self, user):
        return "Scheduled" if not self.for_user(user) else super().get_locked_by(user)

    def get_description(self, user):
        if self.for_user(user):
            return super().get_description(user)
        return "The approved version goes live on the scheduled date; edits are a new draft"


class EditableWhileScheduledMixin:
    """Page models whose scheduled pages stay editable as a new draft (see module docstring)."""

    def get_lock(self):
        lock = super().get_lock()
        if not isinstance(lock, ScheduledForPublishLock):
            return lock
        # Wagtail's scheduled lock hides the others; keep them.
        if self.locked:
            return BasicLock(self)
        workflow_lock = None
        if task := self.current_workflow_task:
            workflow_lock = task.lock_class(self, task)
        return ScheduledVersionNotice(self, workflow_lock)


def changes_requested(page):
    """The moderator's request for changes still waiting for a resubmission, or None.

    Returns the rejected task state: its `comment`, `finished_by` and `finished_at`.
    """
    state = page.workflow_states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).first()
    return state.current_task_state if state else None


def describe_request_for_changes(task_state):
    return format_html(
        "<b>Changes requested</b> by {who} at {when}: “{comment}” Edit the page, then "
        "submit it for sign-off again.",
        who=get_user_display_name(task_state.finished_by)
        if task_state.finished_by
        else "a moderator",
        when=uk_time(task_state.finished_at),
        comment=task_state.get_comment() or "(no comment)",
    )


def describe_decision(page, task_state):
    """What a moderator's approval or request for changes did, for the confirmation message."""
    title = page.get_admin_display_title()
    if task_state.status == task_state.STATUS_REJECTED:
        author = task_state.workflow_state.requested_by
        return format_html(
            "Changes requested on “{title}”. {author} has been told, with your comment; it "
            "stays a draft until they submit it again.",
            title=title,
            author=get_user_display_name(author) if author else "Its author",
        )
    if task_state.status == task_state.STATUS_APPROVED:
        page.refresh_from_db()
        if go_live := scheduled_go_live(page):
            return format_html(
                "“{title}” approved: it goes live at {go_live}. Until then the public site "
                "shows {now}.",
                title=title,
                go_live=uk_time(go_live),
                now="the current live version" if page.live else "nothing (a 404)",
            )
        if page.live:
            return format_html("“{title}” approved and published.", title=title)
    return None
