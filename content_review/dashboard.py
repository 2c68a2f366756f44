"""The dashboard panel: the signed-in person's own pages overdue or due within 30 days."""

from wagtail.admin.ui.components import Component

from content_review.review import DUE_SOON_DAYS, owned_due

PANEL_ROWS = 10


class ReviewDuePanel(Component):
    name = "content_review_due"
    template_name = "content_review/admin/review_due_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        from content_review.views import decorate_rows

        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        rows = list(owned_due(request.user)[: PANEL_ROWS + 1])
        context.update(
            {
                "rows": decorate_rows(rows[:PANEL_ROWS]),
                "more": len(rows) > PANEL_ROWS,
                "days": DUE_SOON_DAYS,
                "request": request,
            }
        )
        return context
