"""Admin: the "Searches with no results" report, for Moderators and Administrators (the
comms team adds content or a promoted result for them; Wagtail's own "Search terms"
report, under Reports too, shows every search and is for superusers)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from sitesearch.models import UnansweredSearch

VIEW_PERMISSION = "sitesearch.view_unansweredsearch"


class UnansweredSearchesReport(ReportView):
    page_title = "Searches with no results"
    header_icon = "search"
    model = UnansweredSearch
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-searches"
    index_url_name = "sitesearch_unanswered"
    index_results_url_name = "sitesearch_unanswered_results"
    columns = [
        Column("query_string", label="Search term(s)", sort_key="query_string"),
        NumberColumn("searches", label="Searches", sort_key="searches"),
        DateColumn("last_searched_at", label="Last searched", sort_key="last_searched_at"),
    ]
    list_export = ["query_string", "searches", "last_searched_at"]
    export_headings = {
        "query_string": "Search term(s)",
        "searches": "Searches",
        "last_searched_at": "Last searched",
    }

    def get_queryset(self):
        return UnansweredSearch.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/searches-with-no-results/",
            UnansweredSearchesReport.as_view(),
            name="sitesearch_unanswered",
        ),
        path(
            "reports/searches-with-no-results/results/",
            UnansweredSearchesReport.as_view(results_only=True),
            name="sitesearch_unanswered_results",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        "Searches with no results",
        reverse("sitesearch_unanswered"),
        name="searches-with-no-results",
        icon_name="search",
        order=1310,
    )
