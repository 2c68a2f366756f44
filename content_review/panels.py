"""A read-only summary of a page's review state at the top of its "Review" panel."""

from wagtail.admin.panels import Panel


class ReviewStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "content_review/admin/review_status_panel.html"

        def get_context_data(self, parent_context=None):
            from content_review.models import CHANGE_REVIEW_SETTINGS
            from content_review.review import review_status

            context = super().get_context_data(parent_context)
            page = self.instance
            context["page"] = page
            context["status"] = review_status(page.next_review_due) if page.pk else None
            context["can_change"] = self.request.user.has_perm(CHANGE_REVIEW_SETTINGS)
            return context
