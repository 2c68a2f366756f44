"""/search/: the site search page (no JavaScript needed: filters are a GET form)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import render
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string

from sitesearch import types as result_types
from sitesearch.models import UnansweredSearch
from sitesearch.query import parse
from sitesearch.ranking import (
    SiteStructure,
    facet_counts,
    filtered_pages,
    ranked_page,
    type_of,
    visible_facets,
)
from sitesearch.suggestions import suggest

PER_PAGE = 10
# Fewer results than this and "Did you mean" is offered.
FEW_RESULTS = 3
SORTS = {"relevance": "Relevance", "newest": "Newest first"}
YEARS = range(1900, 2101)


class Results:
    """The ranked results as a sequence for Django's Paginator: its length is the total
    from the counts query, and a slice runs the ranking for that page only."""

    def __init__(self, total, fetch):
        self.total = total
        self.fetch = fetch

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.fetch(key.start or 0, key.stop)


def _selected_filters(request, structure, types):
    """(type, programme, year, sort, problems): unknown values are problems, not errors."""
    problems = []
    by_slug = {t.slug: t for t in types}
    by_slug[result_types.OTHER.slug] = result_types.OTHER
    type_slug = request.GET.get("type", "")
    selected_type = by_slug.get(type_slug) if type_slug else None
    if type_slug and selected_type is None:
        problems.append("type")
    programme_slug = request.GET.get("programme", "")
    programme = structure.programme(programme_slug) if programme_slug else None
    if programme_slug and programme is None:
        problems.append("programme")
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isascii() and year_text.isdigit() else None
    if year_text and year not in YEARS:
        problems.append("year")
        year = None
    sort = request.GET.get("sort", "") or "relevance"
    if sort not in SORTS:
        problems.append("sort")
        sort = "relevance"
    return selected_type, programme, year, sort, problems


def _log(query_text, found_nothing):
    """Count the search for the admin's "Search terms" report (one UPDATE a search, more
    only for the first search of a term each day) and, when nothing was found, for
    "Searches with no results"."""
    query_string = normalise_query_string(query_text)
    today = timezone.localdate()
    updated = QueryDailyHits.objects.filter(query__query_string=query_string, date=today).update(
        hits=F("hits") + 1
    )
    if not updated:
        Query.get(query_string).add_hit(date=today)
    if found_nothing:
        UnansweredSearch.record(query_string)


def _promotions(query_text, structure, types):
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query_text))
        .filter(
            Q(page__isnull=True)
            | Q(page__in=visible_facets().filter(programme_id=0).values("page_id"))
        )
        .select_related("page")
        .order_by("sort_order")
    )
    for promotion in promotions:
        if promotion.page is not None:
            page = promotion.page
            promotion.result_type = type_of(
                page.content_type_id, page.path[: -page.steplen], structure, types
            )
    return promotions


def _filter_choices(facets, structure, types, selected_type, programme, year):
    type_choices = [
        (t.slug, t.plural, facets.types.get(t.slug, 0))
        for t in [*types, result_types.OTHER]
        if facets.types.get(t.slug) or t == selected_type
    ]
    top = structure.top_depth()
    programme_choices = [
        (p.slug, p.title, facets.programmes.get(p.slug, 0), p.depth > top)
        for p in structure.programmes
        if facets.programmes.get(p.slug) or p == programme
    ]
    years = sorted(set(facets.years) | ({year} if year else set()), reverse=True)
    year_choices = [(y, facets.years.get(y, 0)) for y in years]
    return type_choices, programme_choices, year_choices


def search(request):
    parsed = parse(request.GET.get("q", ""))
    context = {"search_query": parsed.text, "sorts": SORTS}
    if not parsed:
        return render(request, "sitesearch/search_results.html", context)

    structure = SiteStructure.load()
    types = result_types.installed_types()
    selected_type, programme, year, sort, problems = _selected_filters(request, structure, types)
    context.update(
        selected_type=selected_type, selected_programme=programme, selected_year=year, sort=sort
    )
    if problems:
        context["filter_problems"] = problems
        return render(request, "sitesearch/search_results.html", context)

    facets = facet_counts(
        parsed.search_query(),
        structure,
        types,
        selected_type,
        programme,
        year,
    )
    shown = parsed
    suggestion = suggest(parsed.text) if facets.total < FEW_RESULTS else None
    if suggestion and facets.total == 0:
        corrected = parse(suggestion)
        corrected_facets = facet_counts(
            corrected.search_query(),
            structure,
            types,
            selected_type,
            programme,
            year,
        )
        if corrected_facets.total:
            shown, facets = corrected, corrected_facets
            context["corrected"] = True
        else:
            suggestion = None
    if facets.total == 0 and shown is parsed and len(parsed.terms) > 1:
        # Nothing has every word: show what has some of them, best first.
        loosened = parsed.loosened()
        loosened_facets = facet_counts(
            loosened.search_query(),
            structure,
            types,
            selected_type,
            programme,
            year,
        )
        if loosened_facets.total:
            shown, facets = loosened, loosened_facets
            context["loosened"] = True
    found_nothing = facets.total == 0

    pages = filtered_pages(structure, types, selected_type, programme, year)
    results = Results(
        facets.total,
        lambda start, stop: ranked_page(
            pages, shown, structure, types, facets.total, start, stop, newest=sort == "newest"
        ),
    )
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    page.elided_range = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    )

    first_look = page.number == 1 and not (selected_type or programme or year)
    promotions = _promotions(parsed.text, structure, types) if first_look else []
    promoted_ids = {p.page_id for p in promotions if p.page_id}
    if first_look and "page" not in request.GET:
        _log(parsed.text, found_nothing)

    params = {"q": parsed.text}
    for name, value in [
        ("type", selected_type and selected_type.slug),
        ("programme", programme and programme.slug),
        ("year", year),
        ("sort", sort if sort != "relevance" else ""),
    ]:
        if value:
            params[name] = value
    type_choices, programme_choices, year_choices = _filter_choices(
        facets, structure, types, selected_type, programme, year
    )
    context.update(
        results=page,
        result_list=[r for r in page.object_list if r.pk not in promoted_ids],
        total=facets.total,
        promotions=promotions,
        suggestion=suggestion,
        shown_query=shown.text,
        highlight_words=shown.highlight_words(),
        query_string=urlencode(params),
        type_choices=type_choices,
        programme_choices=programme_choices,
        year_choices=year_choices,
    )
    return render(request, "sitesearch/search_results.html", context)
