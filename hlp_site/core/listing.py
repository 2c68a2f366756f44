"""Pieces every listing page shares: pagination and query-string filters."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator

PER_PAGE = 12


def paginate(request, items, per_page=PER_PAGE):
    """A page of `items` for `?page=`; any odd value falls back to page 1 or the last page."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.elided_range = list(
        paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    )
    return page


class FilterForm(forms.Form):
    """A GET filter form: values must be one of the known choices, else `is_valid()` fails.

    Choice labels double as the options of the filter's <select>.
    """

    def __init__(self, data=None, **kwargs):
        # Only the fields we know; `page` and stray parameters are ignored, not errors.
        super().__init__(data=data, **kwargs)
        for field in self.fields.values():
            field.required = False

    def selected(self):
        """The cleaned, non-empty filter values, or None when a value is unknown."""
        if not self.is_valid():
            return None
        return {name: value for name, value in self.cleaned_data.items() if value}

    def query_string(self):
        """The current filters as a query string prefix for pagination links."""
        return urlencode(self.selected() or {})
