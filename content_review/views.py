"""Admin views: "Mark as reviewed" and the "Content review" report."""

import datetime
from types import SimpleNamespace

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from content_review.dates import today
from content_review.models import ContentReviewMixin
from content_review.review import (
    DUE_SOON_DAYS,
    can_mark_reviewed,
    mark_reviewed,
    review_rows,
    review_status,
    section_filter_for,
)


def _reviewed_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ContentReviewMixin):
        raise Http404("This type of page is not reviewed.")
    return page


class MarkReviewedView(WagtailAdminTemplateMixin, View):
    """GET asks to confirm; POST records the review (no new revision) and logs who did it."""

    template_name = "content_review/admin/confirm_mark_reviewed.html"
    header_icon = "calendar-check"

    def dispatch(self, request, page_id):
        self.page = _reviewed_page(page_id)
        if not can_mark_reviewed(request.user, self.page):
            raise PermissionDenied
        self.next_url = get_valid_next_url_from_request(request) or reverse(
            "wagtailadmin_pages:edit", args=[self.page.pk]
        )
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return "Mark as reviewed"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get(self, request, page_id):
        day = today()
        context = self.get_context_data(
            page=self.page,
            next_url=self.next_url,
            today=day,
            new_due=self.page.due_after(day),
            status=review_status(self.page.next_review_due),
        )
        return self.render_to_response(context)

    def post(self, request, page_id):
        page = mark_reviewed(self.page, request.user)
        messages.success(
            request,
            f"“{page.get_admin_display_title()}” marked as reviewed. "
            f"Next review due {page.next_review_due:%-d %B %Y}.",
        )
        return redirect(self.next_url)


class ContentReviewFilterSet(WagtailFilterSet):
    """Read by ContentReviewReport.get_queryset (a UNION of page types can't be .filter()ed)."""

    due = django_filters.ChoiceFilter(
        label="Review",
        choices=[("overdue", "Overdue"), ("soon", f"Due in {DUE_SOON_DAYS} days")],
        empty_label="Any date",
        method="leave_alone",
    )
    whose = django_filters.ChoiceFilter(
        label="Owned by",
        choices=[("mine", "Me"), ("team", "My teams")],
        empty_label="Anyone",
        method="leave_alone",
    )

    class Meta:
        model = Page  # not queried: see ContentReviewReport.get_base_queryset
        fields = []

    def leave_alone(self, queryset, name, value):
        return queryset


class ContentReviewReport(ReportView):
    page_title = "Content review"
    header_icon = "calendar-check"
    index_url_name = "content_review:report"
    index_results_url_name = "content_review:report_results"
    filterset_class = ContentReviewFilterSet
    paginate_by = 50
    default_ordering = "next_review_due"
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit", sort_key="title"),
        Column("type_label", label="Type"),
        Column("owner_name", label="Owner"),
        Column("team_name", label="Team"),
        DateColumn("last_reviewed", label="Last reviewed", sort_key="last_reviewed"),
        DateColumn("next_review_due", label="Next review due", sort_key="next_review_due"),
        Column("status_label", label="Status"),
    ]
    list_export = [
        "title",
        "type_label",
        "owner_name",
        "owner_email",
        "team_name",
        "last_reviewed",
        "next_review_due",
        "status_label",
        "admin_url",
    ]
    export_headings = {
        "title": "Page",
        "type_label": "Type",
        "owner_name": "Owner",
        "owner_email": "Owner’s email",
        "team_name": "Team",
        "last_reviewed": "Last reviewed",
        "next_review_due": "Next review due",
        "status_label": "Status",
        "admin_url": "Edit at",
    }

    def dispatch(self, request, *args, **kwargs):
        policy = PagePermissionPolicy()
        if not policy.user_has_any_permission(request.user, ["add", "change", "publish"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"content-review-{today():%Y-%m-%d}"

    def filter_queryset(self, queryset):
        return queryset  # filters are applied per page type in get_base_queryset

    def get_base_queryset(self):
        user = self.request.user
        choice = {}
        if self.filters is not None and self.filters.is_valid():
            choice = self.filters.form.cleaned_data
        day = today()
        kwargs = {"pages": section_filter_for(user)}
        if choice.get("due") == "overdue":
            kwargs["due_by"] = day - datetime.timedelta(days=1)
        elif choice.get("due") == "soon":
            kwargs["due_from"] = day
            kwargs["due_by"] = day + datetime.timedelta(days=DUE_SOON_DAYS)
        if choice.get("whose") == "mine":
            kwargs["owner"] = user
        elif choice.get("whose") == "team":
            kwargs["teams"] = list(user.groups.values_list("pk", flat=True))
        return review_rows(**kwargs)

    def order_queryset(self, queryset):
        ordering = self.ordering or self.default_ordering
        # A tiebreaker, so pages with the same date keep one order across pages of results.
        return queryset.order_by(ordering, "title" if ordering.lstrip("-") != "title" else "id")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = decorate_rows(list(object_list), self.request)
        return paginator, page, page.object_list, is_paginated

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        if rows and isinstance(rows[0], dict):
            rows = decorate_rows(rows, self.request)
        return rows


def decorate_rows(rows, request=None):
    """Review rows (dicts) as objects with names, labels and links: two queries for any
    number of rows (users, groups; content types come from Django's cache)."""
    User = get_user_model()
    users = User.objects.in_bulk({row["content_owner_id"] for row in rows} - {None})
    teams = Group.objects.in_bulk({row["owning_team_id"] for row in rows} - {None})
    day = today()
    decorated = []
    for row in rows:
        owner = users.get(row["content_owner_id"])
        team = teams.get(row["owning_team_id"])
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        status = review_status(row["next_review_due"], on=day)
        admin_url = reverse("wagtailadmin_pages:edit", args=[row["id"]])
        decorated.append(
            SimpleNamespace(
                **row,
                pk=row["id"],
                owner=owner,
                owner_name=(owner.get_full_name() or owner.get_username()) if owner else "",
                owner_email=owner.email if owner else "",
                team_name=team.name if team else "",
                type_label=model._meta.verbose_name.capitalize() if model else "",
                status=status,
                status_label=status.label.capitalize(),
                admin_url=request.build_absolute_uri(admin_url) if request else admin_url,
                mark_reviewed_url=reverse("content_review:mark_reviewed", args=[row["id"]]),
            )
        )
    return decorated
