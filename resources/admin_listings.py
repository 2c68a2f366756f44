"""The admin's "Resources" listing: a flat list with the filters comms staff use."""

import django_filters
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.viewsets.pages import PageListingViewSet

from news.admin_listings import (
    AbsoluteDateColumn,
    NewestFirstIndexView,
    TaggedPageFilterSet,
    tags_used_by,
)
from resources.models import ResourcePage, ResourceType


class ResourceFilterSet(TaggedPageFilterSet):
    resource_type = django_filters.ChoiceFilter(
        label="Type", choices=ResourceType.choices, empty_label="Any"
    )
    tag = django_filters.ModelChoiceFilter(
        label="Tag", field_name="tags", queryset=tags_used_by(ResourcePage)
    )

    class Meta:
        model = ResourcePage
        fields = []


class ResourceListingViewSet(PageListingViewSet):
    model = ResourcePage
    icon = "doc-full-inverse"
    menu_label = "Resources"
    menu_order = 120
    add_to_admin_menu = True
    filterset_class = ResourceFilterSet
    index_view_class = NewestFirstIndexView
    columns = [
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        Column("get_resource_type_display", label="Type", width="14%"),
        AbsoluteDateColumn("date", label="Date", sort_key="date", width="12%"),
        DateColumn(
            "latest_revision_created_at",
            label="Updated",
            sort_key="latest_revision_created_at",
            width="12%",
        ),
        PageStatusColumn("status", label="Status", sort_key="live", width="12%"),
    ]


resource_listing_viewset = ResourceListingViewSet("resources")
