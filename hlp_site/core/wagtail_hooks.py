"""Admin furniture for the comms team: tags, the dashboard, the accessibility checker."""

from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.permissions import register_permission_policy
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.models import register_snippet

from hlp_site.core.dashboard import WorkInProgressPanel
from hlp_site.core.richtext import batch_pages, fetch_link_pages
from hlp_site.core.tag_admin import TagPermissionPolicy, TagViewSet

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


class BatchedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, reading the batch's pages; one plain query otherwise."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        int_ids = {int(id_) for id_ in ids if id_ and str(id_).isdigit()}
        pages = batch_pages()
        if pages is None or not int_ids <= pages.keys():
            pages = fetch_link_pages(int_ids)
        return [pages.get(int(id_)) if id_ and str(id_).isdigit() else None for id_ in ids]


# After Wagtail's own registration (order 0), so ours replaces its page link handler.
@hooks.register("register_rich_text_features", order=100)
def register_batched_page_links(features):
    features.register_link_type(BatchedPageLinkHandler)
