"""The admin's "Posts" listing: a flat list with the filters comms staff use (the status,
programme and date filters are shared with resources' listing)."""

import django_filters
from django import forms
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django_filters.widgets import SuffixedMultiWidget
from taggit.models import Tag
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision, WorkflowState

from news.models import ArticleKind, ArticlePage
from programmes.models import ProgrammePage, ProgrammePageTag

ISO_DATE = "%Y-%m-%d"  # the only format a date input's value may take

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


class NativeDateRangeWidget(SuffixedMultiWidget):
    """ "From" and "to" as the browser's own date inputs (`type="date"`), in `date_from` and
    `date_to` as Wagtail's range widget names them.

    Wagtail's date picker pops up over the field below it in the narrow filter panel; a
    native input takes typed digits and arrow keys, and the browser draws its calendar
    outside the page, so it covers nothing.
    """

    template_name = "wagtailadmin/widgets/range_input.html"
    suffixes = ["from", "to"]

    def __init__(self, attrs=None):
        super().__init__(
            [
                forms.DateInput(attrs={"type": "date", "aria-label": "Date from"}, format=ISO_DATE),
                forms.DateInput(attrs={"type": "date", "aria-label": "Date to"}, format=ISO_DATE),
            ],
            attrs,
        )

    def decompress(self, value):
        return [value.start, value.stop] if value else [None, None]


class TaggedPageFilterSet(PageFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method=filter_status, empty_label="Any"
    )
    programme = django_filters.ModelChoiceFilter(
        label="Programme",
        queryset=lambda request: ProgrammePage.objects.order_by("path"),
        method=filter_programme,
        # A list of radio buttons, as Wagtail's own choice filters: long programme names
        # wrap inside the filter panel, which a drop-down <select> overflows.
        widget=forms.RadioSelect,
        empty_label="Any",
        blank=True,  # keeps "Any" among the radio buttons, to clear the filter
    )
    date = django_filters.DateFromToRangeFilter(label="Date", widget=NativeDateRangeWidget)


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


class TaggedPageIndexView(NewestFirstIndexView):
    """Lists each page's tags and the programmes they link it to, in two queries per page
    of results (tags prefetched; every programme tag link at once), not two per row."""

    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).prefetch_related("tags")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = list(object_list)
        tag_ids = {tag.pk for item in object_list for tag in item.tags.all()}
        programmes_by_tag = {}
        links = ProgrammePageTag.objects.filter(tag__in=tag_ids).select_related("content_object")
        for link in links.order_by("content_object__path").only(
            "tag_id", "content_object__title", "content_object__path"
        ):
            programmes_by_tag.setdefault(link.tag_id, []).append(link.content_object.title)
        for item in object_list:
            item.programme_titles = list(
                dict.fromkeys(
                    title for tag in item.tags.all() for title in programmes_by_tag.get(tag.pk, [])
                )
            )
        return paginator, page, object_list, is_paginated


def tag_names(page):
    return ", ".join(sorted(tag.name for tag in page.tags.all()))


def programme_names(page):
    return ", ".join(page.programme_titles)


class AbsoluteDateColumn(Column):
    """A date as editors write it ("18 December 2018"), not "7 years ago"."""

    cell_template_name = "blog/admin/absolute_date_cell.html"


def updated_and_status_columns():
    """The last two columns of the Posts and Resources listings ("Updated" stays relative:
    how fresh an edit is)."""
    return [
        DateColumn(
            "latest_revision_created_at",
            label="Updated",
            sort_key="latest_revision_created_at",
            width="12%",
        ),
        PageStatusColumn("status", label="Status", sort_key="live", width="12%"),
    ]


class PostListingViewSet(PageListingViewSet):
    model = ArticlePage
    icon = "doc-full"
    menu_label = "Posts"
    menu_order = 110
    add_to_admin_menu = True
    filterset_class = PostFilterSet
    index_view_class = TaggedPageIndexView
    columns = [
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        ParentPageColumn("parent", label="Kind"),
        AbsoluteDateColumn("date", label="Date", sort_key="date", width="12%"),
        Column("tags", label="Tags", accessor=tag_names, width="16%"),
        Column("programmes", label="Programmes", accessor=programme_names, width="16%"),
        *updated_and_status_columns(),
    ]


post_listing_viewset = PostListingViewSet("posts")
