"""Admin wiring: the action menu item, the log action, the report, the dashboard panel, the
review columns in the page explorer, and "I have reviewed the whole page" on publish."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from content_review import urls
from content_review.dashboard import ReviewDuePanel
from content_review.explorer import review_page_viewset
from content_review.models import ContentReviewMixin
from content_review.review import MARK_REVIEWED, can_mark_reviewed, mark_reviewed


@hooks.register("register_admin_urls")
def register_content_review_urls():
    return [path("content-review/", include(urls, namespace="content_review"))]


@hooks.register("register_admin_viewset")
def register_review_page_viewset():
    """The page explorer with owner, team and review dates (content_review/explorer.py)."""
    return review_page_viewset


@hooks.register("register_log_actions")
def register_review_actions(actions):
    actions.register_action(MARK_REVIEWED, "Mark as reviewed", "Marked as reviewed")


class MarkReviewedMenuItem(ActionMenuItem):
    label = "Mark as reviewed"
    name = "action-mark-reviewed"
    icon_name = "calendar-check"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, ContentReviewMixin)
            and can_mark_reviewed(context["request"].user, page)
        )

    def get_url(self, context):
        return reverse("content_review:mark_reviewed", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_mark_reviewed_menu_item():
    return MarkReviewedMenuItem(order=45)


class ContentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_content_review_report():
    return ContentReviewMenuItem(
        "Content review",
        reverse("content_review:report"),
        name="content-review",
        icon_name="calendar-check",
        order=1050,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


def _review_on_publish(request, page):
    """The editor ticked "I have reviewed the whole page" and the page went live."""
    page = page.specific
    if (
        request.method == "POST"
        and request.POST.get("reviewed_whole_page")
        and "action-publish" in request.POST
        and isinstance(page, ContentReviewMixin)
        and page.live
        and not page.has_unpublished_changes
    ):
        mark_reviewed(page, request.user, on_publish=True)


@hooks.register("after_edit_page")
def review_on_publish_after_edit(request, page):
    _review_on_publish(request, page)


@hooks.register("after_create_page")
def review_on_publish_after_create(request, page):
    _review_on_publish(request, page)
