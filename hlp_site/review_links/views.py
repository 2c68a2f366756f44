"""The public view of a share link, and the admin's "Share for review" screen."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from hlp_site.review_links.models import DEFAULT_DAYS, MAX_DAYS, ReviewLink

CREATED = "review_links.create"
REVOKED = "review_links.revoke"


def shared_draft(request, token):
    """The shared revision, read-only. Unknown, expired, revoked and tampered tokens are
    one and the same plain 404."""
    link = ReviewLink.objects.for_token(token)
    if link is None:
        raise Http404
    page = link.revision.as_object()  # the shared revision, never a later one
    request.review_link = link  # base.html: the "Draft for review" banner and noindex meta
    # Rendered as Wagtail renders previews (anything that caches fragments skips drafts)...
    request.is_preview = True
    request.preview_mode = page.default_preview_mode
    response = page.serve_preview(request, page.default_preview_mode)
    if hasattr(response, "render"):
        response.render()
    # ...but served to outsiders under the public site's strict CSP, not the admin's.
    request.is_preview = False
    add_never_cache_headers(response)  # no-store, private: no browser or CDN keeps it
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token never leaves in a Referer
    return response


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="Days until the link expires",
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=f"From 1 to {MAX_DAYS}. You can revoke the link sooner.",
    )


def _editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


class PageReviewLinksView(WagtailAdminTemplateMixin, View):
    """Lists the page's share links; POST makes a new one and shows its address once."""

    template_name = "review_links/admin/page_links.html"
    header_icon = "link"
    page_title = "Share for review"

    def dispatch(self, request, page_id):
        self.page = _editable_page(request, page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def render_page(self, form, new_link_url=None):
        context = self.get_context_data(
            page=self.page,
            form=form,
            links=self.page.review_links.select_related("created_by", "revoked_by", "revision"),
            latest_revision=self.page.get_latest_revision(),
            new_link_url=new_link_url,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return self.render_to_response(context)

    def get(self, request, page_id):
        return self.render_page(ShareForm())

    def post(self, request, page_id):
        form = ShareForm(request.POST)
        if not form.is_valid() or self.page.get_latest_revision() is None:
            return self.render_page(form)
        link, token = ReviewLink.create_for(self.page, request.user, form.cleaned_data["days"])
        log(
            instance=self.page,
            action=CREATED,
            user=request.user,
            revision=link.revision,
            data={"link_id": link.pk, "expires_at": link.expires_at.isoformat()},
        )
        messages.success(request, "Share link created. Copy it now: it is shown only once.")
        return self.render_page(
            ShareForm(), request.build_absolute_uri(reverse("review_link", args=[token]))
        )


class RevokeReviewLinkView(View):
    def post(self, request, link_id):
        link = get_object_or_404(ReviewLink, pk=link_id)
        _editable_page(request, link.page_id)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.revoked_by = request.user
            link.save(update_fields=["revoked_at", "revoked_by"])
            log(
                instance=link.page.specific_deferred,
                action=REVOKED,
                user=request.user,
                data={"link_id": link.pk, "created_at": link.created_at.isoformat()},
            )
            messages.success(request, "Share link revoked: it no longer opens.")
        return redirect("review_links:page_links", link.page_id)
