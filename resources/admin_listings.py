"""The admin's "Resources" listing: a flat list with the filters comms staff use."""

import django_filters
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageTitleColumn
from wagtail.admin.viewsets.pages import PageListingViewSet

from news.admin_listings import (
    AbsoluteDateColumn,
    NewestFirstIndexView,
    TaggedPageFilterSet,
    tags_used_by,
    updated_and_status_columns,
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
        *updated_and_status_columns(),
    ]


resource_listing_viewset = ResourceListingViewSet("resources")
