"""Admin furniture for the comms team: tags, the dashboard, the accessibility checker."""

from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from hlp_site.publishing import change_log
from hlp_site.publishing.dashboard import WorkInProgressPanel
from hlp_site.publishing.tag_admin import TagPermissionPolicy, TagViewSet

register_permission_policy(Tag, TagPermissionPolicy(Tag))
register_snippet(TagViewSet)


@hooks.register("construct_homepage_panels")
def add_work_in_progress(request, panels):
    panels.insert(0, WorkInProgressPanel())


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
