"""Admin wiring: "Share for review" in the page's action menu, the admin URLs and the
history entries."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from hlp_site.review_links import urls, views


@hooks.register("register_admin_urls")
def register_review_link_urls():
    return [path("review-links/", include(urls, namespace="review_links"))]


@hooks.register("register_log_actions")
def register_review_link_actions(actions):
    actions.register_action(views.CREATED, "Share link created", "Share link for review created")
    actions.register_action(views.REVOKED, "Share link revoked", "Share link for review revoked")


class ShareForReviewMenuItem(ActionMenuItem):
    label = "Share for review"
    name = "action-share-for-review"
    icon_name = "link"

    def is_shown(self, context):
        # Whoever may edit the page (Editors in their sections, Moderators) may share it.
        return (
            context["view"] == "edit" and self.get_user_page_permissions_tester(context).can_edit()
        )

    def get_url(self, context):
        return reverse("review_links:page_links", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_share_for_review_menu_item():
    return ShareForReviewMenuItem(order=46)
