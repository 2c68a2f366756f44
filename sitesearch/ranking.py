"""Finding and ordering pages for a query, with filters and counts, in a fixed number of
SQL queries whatever the size of the site.

1. `SiteStructure`: the public programmes with their tags and the article indexes' kinds
   (one query); the programme filter and the result's programme come from it.
2. `facet_counts`: every match counted by type, year and programme in one GROUP BY, from
   which each filter's counts (with the other filters applied) and the total are summed.
3. `ranked_page`: the page of results. Wagtail's database backend finds and scores the
   matches (PostgreSQL ts_rank with the search_fields' weights; SQLite FTS5 bm25); its
   best CANDIDATES are then ordered by `relevance()`: where the words are (title, then
   summary, then anywhere), the type's boost, the age of news, and the date to break
   ties. Both databases agree on that order because the same rule orders both.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape as unescape_entities

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from wagtail.models import Page

from hlp_site.core.visibility import on_public_web
from sitesearch import types as result_types
from sitesearch.models import SearchFacet
from sitesearch.query import STOPWORDS, WORD

# How many of the backend's best matches are ordered by `relevance()`; later pages follow
# the backend's own order.
CANDIDATES = 100
# Past this many matches the candidates are drawn from title matches (see `_candidates`).
BROAD = 1000
# News loses weight with age: full weight for a year, then down to this floor at 5 years.
AGE_FLOOR = 0.75


@dataclass
class Programme:
    pk: int
    slug: str
    title: str
    path: str
    url_path: str
    depth: int


@dataclass
class SiteStructure:
    programmes: list = field(default_factory=list)  # public Programmes, in tree order
    kinds_by_path: dict = field(default_factory=dict)  # article index path -> kind
    kinds_by_id: dict = field(default_factory=dict)  # article index id -> kind
    # What search may show: live, public, unexpired pages, the root excluded (for
    # promotions and other backends; search itself reads the facet table).
    searchable: object = None
    # (content type id, kind) -> ResultType, filled by type_of: a broad search's counts
    # come in some 2,000 rows, and each type's content type id costs a registry lookup.
    types_by_key: dict = field(default_factory=dict)

    @classmethod
    def load(cls):
        """Public programmes and article indexes, in one query (which pages belong to a
        programme is in the facet table)."""
        programme_type = result_types.by_slug().get("programme")
        kinds = ContentType.objects.get_by_natural_key("blog", "articleindexpage")
        content_types = [kinds.pk]
        if programme_type:
            content_types.append(programme_type.content_type_id)
        rows = (
            Page.objects.filter(content_type_id__in=content_types)
            .annotate(
                kind=F("articleindexpage__kind"),
                public=Exists(visible_facets().filter(page_id=OuterRef("pk"), programme_id=0)),
            )
            .order_by("path")
            .values_list("pk", "slug", "title", "path", "url_path", "depth", "kind", "public")
        )
        structure = cls(searchable=on_public_web(Page.objects.filter(depth__gt=1)))
        for pk, slug, title, path, url_path, depth, kind, is_public in rows:
            if kind:
                structure.kinds_by_path[path] = kind
                structure.kinds_by_id[pk] = kind
            elif is_public:
                structure.programmes.append(Programme(pk, slug, title, path, url_path, depth))
        return structure

    def programme(self, slug):
        return next((p for p in self.programmes if p.slug == slug), None)

    def top_depth(self):
        return min((p.depth for p in self.programmes), default=0)


def type_of(content_type_id, parent_path, structure, types):
    """The ResultType of a page from its content type (and parent, for articles)."""
    return _type_of_kind(
        content_type_id, structure.kinds_by_path.get(parent_path, ""), structure, types
    )


def _type_of_kind(content_type_id, kind, structure, types):
    key = (content_type_id, kind)
    if key not in structure.types_by_key:
        structure.types_by_key[key] = next(
            (
                result_type
                for result_type in types
                if result_type.content_type_id == content_type_id
                and (not result_type.kind or result_type.kind == kind)
            ),
            result_types.OTHER,
        )
    return structure.types_by_key[key]


def _parent_path(types):
    """The parent's path for pages of types told apart by their parent, else ""."""
    by_parent = {t.content_type_id for t in types if t.kind}
    if not by_parent:
        return Value("")
    return Case(
        When(
            content_type_id__in=by_parent,
            then=Substr("path", 1, Length("path") - Page.steplen),
        ),
        default=Value(""),
    )


def _matches(query):
    """The ids of the pages matching `query` as a subquery (PostgreSQL and SQLite), else
    None."""
    if connection.vendor == "postgresql":
        from sitesearch import postgres

        return postgres.matching_ids(query)
    if connection.vendor == "sqlite":
        from sitesearch import sqlite

        return RawSQL(*sqlite.matching_ids(query))
    return None


def matching_ids(pages, query):
    """A subquery of the ids of `pages` matching `query`, from the search index."""
    matches = _matches(query)
    if matches is not None:
        return pages.filter(pk__in=matches).order_by().values("pk")
    results = pages.search(query, order_by_relevance=False)
    return [page.pk for page in results]


@dataclass
class Facets:
    total: int = 0
    types: dict = field(default_factory=dict)  # slug -> count
    years: dict = field(default_factory=dict)  # year -> count
    programmes: dict = field(default_factory=dict)  # slug -> count


def visible_facets():
    """The facet rows of the pages search may show: live, public and not expired."""
    return SearchFacet.objects.filter(visible=True).exclude(expire_at__lte=timezone.now())


def facet_counts(query, structure, types, selected_type, selected_programme, year):
    """Counts for every filter value, each with the other filters applied, and the total
    with all of them, from one GROUP BY of the matches' facet rows: by programme (0: all
    of them), type and year."""
    # Every programme's rows are counted (a sequential read of the narrow table); the loop
    # below keeps the public programmes' only.
    rows = visible_facets()
    matches = _matches(query)
    if matches is None:
        matches = [page.pk for page in structure.searchable.search(query, order_by_relevance=False)]
    rows = (
        rows.filter(page_id__in=matches)
        .values_list("programme_id", "content_type_id", "parent_id", "year")
        .annotate(count=Count("*"))
        .order_by()
    )
    by_pk = {programme.pk: programme.slug for programme in structure.programmes}
    wanted = selected_programme.pk if selected_programme else 0
    kinds = structure.kinds_by_id
    slugs = {}  # (content type, parent) -> type slug, for the ~2,000 rows of a broad search
    facets = Facets()
    # Read from the cursor: the values need no converters, and there may be thousands.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for programme_id, content_type_id, parent_id, row_year, count in rows:
        if programme_id != wanted and programme_id not in by_pk:
            continue  # a programme that is not public
        key = (content_type_id, parent_id)
        slug = slugs.get(key)
        if slug is None:
            kind = kinds.get(parent_id, "")
            slug = slugs[key] = _type_of_kind(content_type_id, kind, structure, types).slug
        type_ok = selected_type is None or slug == selected_type.slug
        year_ok = year is None or row_year == year
        if programme_id == wanted:
            if year_ok:
                facets.types[slug] = facets.types.get(slug, 0) + count
            if type_ok and row_year:
                facets.years[row_year] = facets.years.get(row_year, 0) + count
            if type_ok and year_ok:
                facets.total += count
        if programme_id in by_pk and type_ok and year_ok:
            programme_slug = by_pk[programme_id]
            facets.programmes[programme_slug] = facets.programmes.get(programme_slug, 0) + count
    return facets


def filtered_ids(structure, types, selected_type, selected_programme, year):
    """The ids (page_id) of the pages search may show, with the filters applied, from the
    facet table."""
    rows = visible_facets().filter(programme_id=selected_programme.pk if selected_programme else 0)
    if selected_type is result_types.OTHER:
        rows = rows.exclude(content_type_id__in=[t.content_type_id for t in types])
    elif selected_type is not None:
        rows = rows.filter(content_type_id=selected_type.content_type_id)
        if selected_type.kind:
            indexes = [
                pk for pk, kind in structure.kinds_by_id.items() if kind == selected_type.kind
            ]
            rows = rows.filter(parent_id__in=indexes)
    if year is not None:
        rows = rows.filter(year=year)
    return rows.values("page_id")


def filtered_pages(structure, types, selected_type, selected_programme, year):
    return Page.objects.filter(
        pk__in=filtered_ids(structure, types, selected_type, selected_programme, year)
    )


def _first_programme(structure):
    """The id of a public programme (the first made) a page belongs to by its tags, or a
    partner by its partnerships (the facet table's `direct` rows): a subquery per result
    row, so no query of its own."""
    return Subquery(
        SearchFacet.objects.filter(
            page_id=OuterRef("pk"),
            direct=True,
            programme_id__in=[programme.pk for programme in structure.programmes],
        )
        .order_by("programme_id")
        .values("programme_id")[:1],
        output_field=IntegerField(),
    )


def with_result_fields(pages, structure, types):
    """The fields a result shows, from the types' own tables in the same query."""
    return pages.annotate(
        result_parent=_parent_path(types),
        result_date=result_types.date_expression(types),
        result_summary=result_types.summary_expression(types),
        result_programme=_first_programme(structure),
    ).only(*PAGE_FIELDS)


class Candidate:
    """A scored match as a plain object (its fields as attributes): a search orders some
    100 of them and shows 10, and only those 10 become Page instances (`as_pages`)."""

    def __init__(self, names, values):
        self.__dict__.update(zip(names, values, strict=True))

    @property
    def pk(self):
        return self.id


def rows_as_candidates(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [Candidate(names, row) for row in cursor.fetchall()]


# The Page fields a result needs (`with_result_fields`), by attribute name.
PAGE_FIELDS = (
    "id",
    "title",
    "url_path",
    "path",
    "depth",
    "content_type_id",
    "search_description",
    "first_published_at",
    "locale_id",
)


def as_pages(results):
    """Candidates made Page instances, as Page.objects.raw makes them (the other fields
    deferred), with the attributes search added."""
    pages = []
    for result in results:
        if not isinstance(result, Candidate):
            pages.append(result)
            continue
        values = dict(result.__dict__)
        published = values.get("first_published_at")
        if isinstance(published, str):  # SQLite's text, which no converter read
            values["first_published_at"] = parse_datetime(published)
        # from_db takes the values in the model's field order.
        names = [f.attname for f in Page._meta.concrete_fields if f.attname in PAGE_FIELDS]
        page = Page.from_db(connection.alias, names, [values[name] for name in names])
        for name, value in values.items():
            if name not in PAGE_FIELDS:
                setattr(page, name, value)
        pages.append(page)
    return pages


def _stem(word):
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


class _Words:
    """A text's lower-case words, ready for `_matches_word`: each candidate's title and
    summary are matched against every alternative of every term, so their forms are
    worked out once, and only when needed (a summary only for terms not in the title)."""

    def __init__(self, text):
        self.text = text

    @cached_property
    def words(self):
        return {word.lower() for word in WORD.findall(self.text)}

    @cached_property
    def stems(self):
        return {_stem(word) for word in self.words}

    @cached_property
    def long(self):
        return [(word, _stem(word)) for word in self.words if len(word) >= 5]


def _matches_word(term_words, text):
    """Whether every word of a term alternative is found among the `_Words` text (a word
    matches its own forms: "child" and "children", "homeless" and "homelessness")."""
    for word in term_words:
        stem = _stem(word)
        if word in text.words or stem in text.stems:
            continue
        if len(stem) >= 5 and any(
            other.startswith(stem) or stem.startswith(other_stem) for other, other_stem in text.long
        ):
            continue
        return False
    return True


def _term_words(term):
    """Each alternative of a term as its words (stopwords dropped unless that is all)."""
    return [
        [w for w in WORD.findall(alternative) if w not in STOPWORDS] or WORD.findall(alternative)
        for alternative in term.alternatives
    ]


def _where(term_words, title_words, summary_words):
    """3 for a term in the title, 1.5 in the summary, 0.5 elsewhere (the backend matched it
    in the body or tags)."""
    if any(words and _matches_word(words, title_words) for words in term_words):
        return 3.0
    if any(words and _matches_word(words, summary_words) for words in term_words):
        return 1.5
    return 0.5


def _age_factor(date, today):
    if date is None:
        return 1.0
    years = (today - date).days / 365.25
    if years <= 1:
        return 1.0
    return max(AGE_FLOOR, 1.0 - (1.0 - AGE_FLOOR) * (years - 1) / 4)


def _query_words(parsed):
    """The terms' words and the query's, worked out once for all the candidates."""
    if getattr(parsed, "_relevance_words", None) is None:
        parsed._relevance_words = (
            [_term_words(term) for term in parsed.terms],
            [w.lower() for w in WORD.findall(parsed.text)],
        )
    return parsed._relevance_words


def relevance(result, parsed, position, today):
    """The score a candidate is ordered by (higher first)."""
    title_words = [w.lower() for w in WORD.findall(result.title)]
    summary_text = f"{result.snippet_source} {result.search_description}"
    title, summary = _Words(result.title), _Words(summary_text)
    title.words = set(title_words)
    terms, query_words = _query_words(parsed)
    score = sum(_where(words, title, summary) for words in terms) / max(len(terms), 1)
    if query_words and title_words == query_words:
        score += 2.0
    # The backend's own order (how often and how close the words are) as a small part.
    score += 0.5 * (1 - position / CANDIDATES)
    score *= result.result_type.boost
    if result.result_type.ages:
        score *= _age_factor(result.result_date, today)
    return score


@dataclass
class Ranked:
    """A page of results and what paging needs."""

    results: list
    total: int


def _date_sort_key(result):
    return result.result_date or datetime.date.min


def decorate(pages, structure, types):
    by_pk = {p.pk: p for p in structure.programmes}
    for page in pages:
        page.result_type = type_of(page.content_type_id, page.result_parent, structure, types)
        page.programme = by_pk.get(page.result_programme)
        summary = page.result_summary or ""
        if "<" in summary or "&" in summary:  # most summaries are plain text
            summary = unescape_entities(strip_tags(summary))
        page.snippet_source = " ".join(summary.split())
    return pages


def _scored(pages, query, start, stop, title_only=False):
    """Results start..stop of `pages` matching `query` (in their titles, with
    `title_only`), best first, with the backend's score in `_score`."""
    if connection.vendor == "postgresql":
        from sitesearch import postgres

        return postgres.scored(pages, query, start, stop, title_only)
    if connection.vendor == "sqlite":
        from sitesearch import sqlite

        return sqlite.scored(pages, query, start, stop, title_only)
    return list(pages.search(query).annotate_score("_score")[start:stop])


def _broad(total):
    """Whether a search has so many matches that its candidates come from its title
    matches (the backends this module scores itself can match titles alone)."""
    return connection.vendor in ("postgresql", "sqlite") and total > BROAD


def _rest(pages, query, best_ids):
    """The matches other than `best_ids`, newest first."""
    return (
        pages.filter(pk__in=_matches(query))
        .exclude(pk__in=best_ids)
        .order_by(F("result_date").desc(nulls_last=True), "-pk")
    )


def _candidates(pages, query, total):
    """The backend's best CANDIDATES (in its order) and, for a broad query, a function
    giving the queryset of the other matches (newest first), else None.

    Scoring every match of a word that is on nearly every page (ts_rank and bm25 read
    each page's whole index entry) is what makes a broad search slow; past BROAD matches,
    the candidates are the best of the pages with the words in their title (short
    entries, from the title's own index), and the rest follow newest first."""
    if _broad(total):
        best = _scored(pages, query, 0, CANDIDATES, title_only=True)
        return best, lambda: _rest(pages, query, [page.pk for page in best])
    return _scored(pages, query, 0, CANDIDATES), None


def ranked_page(pages, parsed, structure, types, total, start, stop, newest=False):
    """Results start..stop of `pages` matching `parsed`, in order, decorated."""
    pages = with_result_fields(pages, structure, types)
    query = parsed.search_query()
    rank = not newest
    if not rank:
        ordered = pages.filter(pk__in=matching_ids(pages, query)).order_by(
            F("result_date").desc(nulls_last=True), "-pk"
        )
        return decorate(list(ordered[start:stop]), structure, types)
    broad = _broad(total)
    if start >= CANDIDATES and not broad:
        return as_pages(decorate(_scored(pages, query, start, stop), structure, types))
    if start >= CANDIDATES:
        # The candidates come first; only their ids are needed to skip them.
        best_ids = [page.pk for page in _scored(pages, query, 0, CANDIDATES, title_only=True)]
        begin = start - len(best_ids)
        rest = _rest(pages, query, best_ids)
        return decorate(list(rest[begin : begin + (stop - start)]), structure, types)
    best, rest = _candidates(pages, query, total)
    candidates = decorate(best, structure, types)
    today = timezone.localdate()
    scored = [
        (relevance(result, parsed, position, today), _date_sort_key(result), result.pk, result)
        for position, result in enumerate(candidates)
    ]
    # Ties (to two decimals) go to the more recent page.
    scored.sort(key=lambda item: (-round(item[0], 2), -item[1].toordinal(), -item[2]))
    ordered = [item[3] for item in scored]
    if stop > len(ordered) and (rest is not None or len(best) == CANDIDATES):
        # A page that straddles the candidates' end continues in the order later pages use.
        if rest is not None:
            more = rest()[: stop - len(ordered)]
        else:
            more = _scored(pages, query, len(ordered), stop)
        ordered += decorate(list(more), structure, types)
    return as_pages(ordered[start:stop])
