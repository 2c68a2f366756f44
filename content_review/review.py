"""Reviewing a page, and finding the pages that are due: one place for the report, the
dashboard and the reminders."""

import datetime
from dataclasses import dataclass

from wagtail.log_actions import log
from wagtail.models import Page

from content_review.dates import today

MARK_REVIEWED = "content_review.mark_reviewed"
DUE_SOON_DAYS = 30
REMINDER_DAYS = 14
ESCALATE_AFTER_DAYS = 30

ROW_FIELDS = (
    "id",
    "title",
    "content_type_id",
    "live",
    "content_owner_id",
    "owning_team_id",
    "last_reviewed",
    "next_review_due",
    "review_interval_months",
)


@dataclass
class ReviewStatus:
    key: str  # "overdue", "due-soon" or "ok"
    label: str
    days: int  # days until due (negative when overdue)


def review_status(next_due, on=None):
    if next_due is None:
        return ReviewStatus("ok", "no date", 0)
    days = (next_due - (on or today())).days
    if days < 0:
        return ReviewStatus("overdue", f"overdue by {-days} day{'s' if days != -1 else ''}", days)
    if days <= DUE_SOON_DAYS:
        return ReviewStatus("due-soon", "due today" if days == 0 else f"due in {days} days", days)
    return ReviewStatus("ok", "up to date", days)


def save_review_state(page, **values):
    """Write review state onto the page's own row (not a revision), through `save()` so
    signal receivers (the page cache) hear of it."""
    current = type(page).objects.get(pk=page.pk)
    for name, value in values.items():
        setattr(current, name, value)
    current.save(update_fields=list(values), clean=False)
    for name in values:
        setattr(page, name, getattr(current, name))
    return current


def mark_reviewed(page, user, *, on_publish=False):
    """Record a review today: moves the next date on by the interval; no new revision."""
    page = page.specific
    day = today()
    current = save_review_state(page, last_reviewed=day, next_review_due=page.due_after(day))
    log(
        instance=current,
        action=MARK_REVIEWED,
        user=user,
        data={
            "last_reviewed": day.isoformat(),
            "next_review_due": current.next_review_due.isoformat(),
            "on_publish": on_publish,
        },
    )
    return current


def review_rows(
    *,
    pages=None,
    due_by=None,
    due_from=None,
    owner=None,
    teams=None,
    live_only=True,
    include_archived=False,
):
    """One UNION query of review rows (dicts of ROW_FIELDS) across every reviewed type.

    `pages` limits to a Page queryset (e.g. what a user may edit); `due_by`/`due_from`
    bound the next review date; `owner` and `teams` select by ownership.
    """
    from content_review.models import not_archived, reviewed_page_models

    combined = None
    for model in reviewed_page_models():
        queryset = model.objects.all()
        if live_only:
            queryset = queryset.filter(live=True)
        if pages is not None:
            queryset = queryset.filter(pk__in=pages.values("pk"))
        if due_by is not None:
            queryset = queryset.filter(next_review_due__lte=due_by)
        if due_from is not None:
            queryset = queryset.filter(next_review_due__gte=due_from)
        if owner is not None:
            queryset = queryset.filter(content_owner=owner)
        if teams is not None:
            queryset = queryset.filter(owning_team__in=teams)
        if not include_archived:
            queryset = not_archived(queryset)
        values = queryset.order_by().values(*ROW_FIELDS)
        combined = values if combined is None else combined.union(values, all=True)
    return combined if combined is not None else Page.objects.none().values(*ROW_FIELDS)


def owned_due(user, days=DUE_SOON_DAYS):
    """The user's own live pages overdue or due within `days`, soonest first."""
    return review_rows(owner=user, due_by=today() + datetime.timedelta(days=days)).order_by(
        "next_review_due", "title"
    )


def section_filter_for(user):
    """Pages the user may edit (Editors: their sections), as a Page queryset."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    if user.is_superuser:
        return None
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


def can_mark_reviewed(user, page):
    return user.is_active and page.permissions_for_user(user).can_edit()
