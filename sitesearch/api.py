"""The API's `?search=`: the site's query parsing and ranking on the API's queryset."""

from django.db.models import Case, IntegerField, Value, When
from wagtail.models import Page

from sitesearch import types as result_types
from sitesearch.query import WORD, clean_search_query, parse
from sitesearch.ranking import CANDIDATES, SiteStructure, matching_ids, ranked_page


def search_queryset(queryset, raw_query, keep_order=False):
    """`queryset` narrowed to pages matching `raw_query`. Unless `keep_order` (the caller
    asked for an `order`), the site search's best CANDIDATES come first in its order, the
    other matches after them, newest first."""
    parsed = parse(raw_query)
    if not parsed:
        return queryset.none()
    pages = Page.objects.filter(pk__in=queryset.order_by().values("pk"))
    matches = queryset.filter(pk__in=matching_ids(pages, parsed.search_query()))
    if keep_order:
        return matches
    structure = SiteStructure.load()
    types = result_types.installed_types()
    best = [
        page.pk
        for page in ranked_page(pages, parsed, structure, types, total=0, start=0, stop=CANDIDATES)
    ]
    if not best:
        return matches.none()
    position = Case(
        *[When(pk=pk, then=Value(index)) for index, pk in enumerate(best)],
        default=Value(len(best)),
        output_field=IntegerField(),
    )
    return matches.order_by(position, "-pk")


def search_words(raw_query):
    """Only the words of a query (for Wagtail's own search of images and documents):
    no quotes, operators or control characters reach the full-text engine."""
    return " ".join(WORD.findall(clean_search_query(raw_query)))
