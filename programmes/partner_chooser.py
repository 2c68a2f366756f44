"""The partner chooser of a programme's "Partner organisations" panel leaves out the
partners the programme already has (Wagtail's MultipleChooserPanel offers them all:
wagtail#10496).

The widget's chooser address carries the linked partners' ids in its path, because
Wagtail's page chooser script appends the parent page's id to that address
(`<address><parent id>/`), which a query string would not survive. The view redirects to
Wagtail's own page chooser with the ids as `exclude_partners`; Wagtail keeps its query
string on every link inside the chooser (browse, search, pages of results), and the
`construct_page_chooser_queryset` hook (wagtail_hooks.py) drops those pages."""

import re

from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.widgets import AdminPageChooser

EXCLUDE_PARAM = "exclude_partners"
NO_PARTNERS = "none"
# Page ids in the path: "12-40-7", or "none". Longer numbers are not page ids.
LINKED_PATH = r"(?P<linked>\d{1,9}(?:-\d{1,9})*|none)"


class PartnerChooser(AdminPageChooser):
    def __init__(self, linked_partners=(), **kwargs):
        super().__init__(target_models=["programmes.PartnerOrganisationPage"], **kwargs)
        self.linked_partners = sorted(set(linked_partners))

    def get_chooser_modal_url(self):
        linked = "-".join(str(pk) for pk in self.linked_partners) or NO_PARTNERS
        return reverse("programmes_choose_partner", kwargs={"linked": linked})


def choose_partner(request, linked, parent_page_id=None):
    if parent_page_id is None:
        url = reverse("wagtailadmin_choose_page")
    else:
        url = reverse("wagtailadmin_choose_page_child", args=[parent_page_id])
    params = request.GET.copy()
    if linked != NO_PARTNERS:
        params[EXCLUDE_PARAM] = linked.replace("-", ",")
    return redirect(f"{url}?{params.urlencode()}" if params else url)


def excluded_partners(request):
    """The page ids an `exclude_partners` query parameter names; malformed ones are ignored."""
    value = request.GET.get(EXCLUDE_PARAM, "")
    return [int(pk) for pk in value.split(",") if re.fullmatch(r"\d{1,9}", pk)]


def without_excluded_partners(pages, request):
    excluded = excluded_partners(request)
    return pages.exclude(pk__in=excluded) if excluded else pages
