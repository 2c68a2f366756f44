"""The admin's "Posts" listing: a flat list with the filters comms staff use (the status,
programme and date filters are shared with resources' listing)."""

import django_filters
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from taggit.models import Tag
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision, WorkflowState

from news.models import ArticleKind, ArticlePage
from programmes.models import ProgrammePage

STATUS_CHOICES = [
    ("live", "Live"),
    ("changed", "Live, with unpublished changes"),
    ("draft", "Draft, never published"),
    ("moderation", "Awaiting sign-off"),
    ("scheduled", "Scheduled"),
    ("expired", "Expired"),
]


def filter_status(queryset, name, value):
    if value == "live":
        return queryset.filter(live=True, has_unpublished_changes=False)
    if value == "changed":
        return queryset.filter(live=True, has_unpublished_changes=True)
    if value == "draft":
        return queryset.filter(live=False, first_published_at__isnull=True)
    if value == "moderation":
        return queryset.filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
    if value == "scheduled":
        scheduled = Revision.page_revisions.filter(
            approved_go_live_at__isnull=False,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        return queryset.filter(Exists(scheduled))
    if value == "expired":
        return queryset.filter(expired=True)
    return queryset


def filter_programme(queryset, name, value):
    """Posts carrying any tag of the programme (or of its sub-programmes)."""
    return queryset.for_programme(value) if value else queryset


def tags_used_by(model):
    return lambda request: Tag.objects.filter(
        pk__in=model.tags.through.objects.values("tag_id")
    ).order_by("name")


class TaggedPageFilterSet(PageFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method=filter_status, empty_label="Any"
    )
    programme = django_filters.ModelChoiceFilter(
        label="Programme",
        queryset=lambda request: ProgrammePage.objects.order_by("path"),
        method=filter_programme,
    )
    date = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)


class PostFilterSet(TaggedPageFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=ArticleKind.choices, method="filter_kind", empty_label="Any"
    )
    tag = django_filters.ModelChoiceFilter(
        label="Tag", field_name="tags", queryset=tags_used_by(ArticlePage)
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_kind(self, queryset, name, value):
        return queryset.filter(pk__in=ArticlePage.objects.of_kind(value).values("pk"))


class NewestFirstIndexView(IndexView):
    default_ordering = "-date"


class PostListingViewSet(PageListingViewSet):
    model = ArticlePage
    icon = "doc-full"
    menu_label = "Posts"
    menu_order = 110
    add_to_admin_menu = True
    filterset_class = PostFilterSet
    index_view_class = NewestFirstIndexView
    columns = [
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        ParentPageColumn("parent", label="Kind"),
        DateColumn("date", label="Date", sort_key="date", width="12%"),
        DateColumn(
            "latest_revision_created_at",
            label="Updated",
            sort_key="latest_revision_created_at",
            width="12%",
        ),
        PageStatusColumn("status", label="Status", sort_key="live", width="12%"),
    ]


post_listing_viewset = PostListingViewSet("posts")
