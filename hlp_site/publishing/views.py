"""Sign-off from the dashboard's menu, with a message saying what happened.

Wagtail's workflow action view (the dashboard's "Approve" / "Request changes" menu) acts
and redirects without a word; this subclass adds the confirmation. hlp_site/urls.py mounts
it at Wagtail's own address, ahead of the admin's URLs, so every link to
`wagtailadmin_pages:workflow_action` reaches it.
"""

from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView

from hlp_site.publishing.sign_off import describe_decision


class ConfirmingWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.finished_by_id == request.user.pk:
            message = describe_decision(self.object.specific, self.task_state)
            if message:
                edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
                messages.success(request, message, buttons=[messages.button(edit_url, "Edit")])
        return response
