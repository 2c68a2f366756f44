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
from html import unescape as unescape_entities

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear, Length, Substr
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from hlp_site.core.visibility import on_public_web
from sitesearch import types as result_types
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
    # The programme page's own rule (ProgrammePage.tag_ids): the tags of every programme
    # page under it, itself included, and those pages' ids.
    tag_ids: set = field(default_factory=set)
    subtree_ids: set = field(default_factory=set)


@dataclass
class SiteStructure:
    programmes: list = field(default_factory=list)  # public Programmes, in tree order
    kinds_by_path: dict = field(default_factory=dict)  # article index path -> kind
    # What search may show: live, public, unexpired pages, the root excluded. Built once a
    # request (Wagtail's .public() reads the view restrictions each time it is called).
    searchable: object = None
    # (content type id, kind) -> ResultType, filled by type_of: a broad search's counts
    # come in some 2,000 rows, and each type's content type id costs a registry lookup.
    types_by_key: dict = field(default_factory=dict)

    @classmethod
    def load(cls):
        """Programmes (with their tags) and article indexes, in one query."""
        programme_type = result_types.by_slug().get("programme")
        kinds = ContentType.objects.get_by_natural_key("blog", "articleindexpage")
        content_types = [kinds.pk]
        if programme_type:
            content_types.append(programme_type.content_type_id)
        searchable = on_public_web(Page.objects.filter(depth__gt=1))
        # Every programme page, public or not: an unpublished sub-programme's tags still
        # count for its parent, as on the programme page.
        rows = (
            Page.objects.filter(content_type_id__in=content_types)
            .annotate(
                kind=F("articleindexpage__kind"),
                tag=F("programmepage__tagged_items__tag_id"),
                public=Exists(searchable.filter(pk=OuterRef("pk"))),
            )
            .order_by("path")
            .values_list(
                "pk", "slug", "title", "path", "url_path", "depth", "kind", "tag", "public"
            )
        )
        structure = cls(searchable=searchable)
        tags_by_path, public = {}, {}
        for pk, slug, title, path, url_path, depth, kind, tag, is_public in rows:
            if kind:
                structure.kinds_by_path[path] = kind
                continue
            tags_by_path.setdefault((path, pk), set())
            if tag is not None:
                tags_by_path[(path, pk)].add(tag)
            if is_public and pk not in public:
                public[pk] = Programme(pk, slug, title, path, url_path, depth)
        for programme in public.values():
            for (path, pk), tags in tags_by_path.items():
                if path.startswith(programme.path):
                    programme.tag_ids |= tags
                    programme.subtree_ids.add(pk)
            structure.programmes.append(programme)
        return structure

    def programme(self, slug):
        return next((p for p in self.programmes if p.slug == slug), None)

    def top_depth(self):
        return min((p.depth for p in self.programmes), default=0)


def type_of(content_type_id, parent_path, structure, types):
    """The ResultType of a page from its content type (and parent, for articles)."""
    kind = structure.kinds_by_path.get(parent_path, "")
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


def type_q(result_type, structure):
    q = Q(content_type_id=result_type.content_type_id)
    if result_type.kind:
        under = Q(pk__in=[])
        for path, kind in structure.kinds_by_path.items():
            if kind == result_type.kind:
                under |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
        q &= under
    return q


def programme_q(programme):
    """Pages that belong to a programme: its page and its sub-programmes', posts and
    resources carrying their tags, and the partners working on them."""
    from programmes.models import ProgrammePartnership

    q = Q(pk__in=sorted(programme.subtree_ids))
    tags = sorted(programme.tag_ids)
    for through in result_types.tagged_through_models():
        q |= Q(pk__in=through.objects.filter(tag_id__in=tags).values("content_object_id"))
    q |= Q(
        pk__in=ProgrammePartnership.objects.filter(
            programme_id__in=sorted(programme.subtree_ids)
        ).values("partner_id")
    )
    return q


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


def _values(pairs):
    """A VALUES table of integer pairs (columns column1, column2 on both databases)."""
    return "(VALUES " + ", ".join(f"({int(a)}, {int(b)})" for a, b in sorted(pairs)) + ")"


def _membership_sql(programmes):
    """SQL for (page_id, programme_id) of the pages in CTE `m` that belong to each
    programme: the rules of `programme_q`, for all programmes at once, with each
    programme's tags and sub-programmes inlined (integers from the structure query)."""
    from programmes.models import ProgrammePartnership

    qn = connection.ops.quote_name
    # `+column IN (SELECT page_id FROM m)`: the unary plus (a no-op on both databases)
    # keeps SQLite from probing the (tag, page) index once per tag for every match (134
    # tags x 10,000 matches: 1.5 s for "health" on the bench) instead of reading each
    # tag's pages and checking them against m (0.2 s).
    tag_pairs = {(tag, p.pk) for p in programmes for tag in p.tag_ids}
    subtree_pairs = {(page, p.pk) for p in programmes for page in p.subtree_ids}
    parts = []
    if tag_pairs:
        for through in result_types.tagged_through_models():
            meta = through._meta
            page_column = qn(meta.get_field("content_object").column)
            tag_column = qn(meta.get_field("tag").column)
            parts.append(
                f"SELECT t.{page_column} AS page_id, c.column2 AS programme_id FROM {qn(meta.db_table)} t"
                f" JOIN {_values(tag_pairs)} c ON c.column1 = t.{tag_column}"
                f" WHERE +t.{page_column} IN (SELECT page_id FROM m)"
            )
    if subtree_pairs:
        parts.append(
            f"SELECT s.column1 AS page_id, s.column2 AS programme_id FROM {_values(subtree_pairs)} s"
            " WHERE s.column1 IN (SELECT page_id FROM m)"
        )
        meta = ProgrammePartnership._meta
        partner = qn(meta.get_field("partner").column)
        parts.append(
            f"SELECT pp.{partner} AS page_id, s.column2 AS programme_id FROM {qn(meta.db_table)} pp"
            f" JOIN {_values(subtree_pairs)} s"
            f" ON s.column1 = pp.{qn(meta.get_field('programme').column)}"
            f" WHERE +pp.{partner} IN (SELECT page_id FROM m)"
        )
    return " UNION ALL ".join(parts)


def facet_counts(matches, structure, types, selected_type, selected_programme, year):
    """Counts for every filter value, each with the other filters applied, and the total
    with all of them, from one query: the matches grouped by programme (0: all of them),
    type and year, each page counted once a group."""
    matched = (
        Page.objects.filter(pk__in=matches)
        .annotate(
            page_id=F("pk"),
            ct=F("content_type_id"),
            parent=_parent_path(types),
            year=ExtractYear(result_types.date_expression(types)),
        )
        .values("page_id", "ct", "parent", "year")
        .order_by()
    )
    m_sql, m_params = matched.query.sql_with_params()
    # Every match counts for "all programmes" (0) once; only the programmes' own
    # memberships, where a page may come in by several tags, need DISTINCT.
    sql = f"WITH m AS ({m_sql}) SELECT 0, ct, parent, year, COUNT(*) FROM m GROUP BY 2, 3, 4"
    programme_membership = _membership_sql(structure.programmes)
    if programme_membership:
        sql += (
            " UNION ALL SELECT mem.programme_id, m.ct, m.parent, m.year, COUNT(*) FROM m JOIN ("
            f"SELECT DISTINCT page_id, programme_id FROM ({programme_membership}) u"
            ") mem ON mem.page_id = m.page_id "
            "GROUP BY mem.programme_id, m.ct, m.parent, m.year"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, m_params)
        rows = cursor.fetchall()

    by_pk = {programme.pk: programme for programme in structure.programmes}
    wanted = selected_programme.pk if selected_programme else 0
    facets = Facets()
    for programme_id, content_type_id, parent, row_year, count in rows:
        row_year = int(row_year) if row_year is not None else None
        row_type = type_of(content_type_id, parent or "", structure, types)
        type_ok = selected_type is None or row_type.slug == selected_type.slug
        year_ok = year is None or row_year == year
        if programme_id == wanted:
            if year_ok:
                facets.types[row_type.slug] = facets.types.get(row_type.slug, 0) + count
            if type_ok and row_year:
                facets.years[row_year] = facets.years.get(row_year, 0) + count
            if type_ok and year_ok:
                facets.total += count
        if programme_id in by_pk and type_ok and year_ok:
            slug = by_pk[programme_id].slug
            facets.programmes[slug] = facets.programmes.get(slug, 0) + count
    return facets


def filtered_pages(structure, types, selected_type, selected_programme, year):
    pages = structure.searchable
    if selected_type is not None:
        if selected_type is result_types.OTHER:
            known = Q(pk__in=[])
            for result_type in types:
                known |= Q(content_type_id=result_type.content_type_id)
            pages = pages.filter(pk__in=Page.objects.exclude(known).values("pk"))
        else:
            pages = pages.filter(
                pk__in=Page.objects.filter(type_q(selected_type, structure)).values("pk")
            )
    if selected_programme is not None:
        pages = pages.filter(
            pk__in=Page.objects.filter(programme_q(selected_programme)).values("pk")
        )
    if year is not None:
        pages = pages.filter(
            pk__in=Page.objects.annotate(_date=result_types.date_expression(types))
            .filter(_date__year=year)
            .values("pk")
        )
    return pages


def _first_programme(structure):
    """The id of a public programme (the first made) a page belongs to by its tags, or a
    partner by its partnerships: a subquery per result row, so no query of its own. (Not
    ordered by path: a join to the page table would shadow the outer row's.)"""
    from programmes.models import ProgrammePageTag, ProgrammePartnership

    public_programmes = [programme.pk for programme in structure.programmes]
    options = []
    for through in result_types.tagged_through_models():
        tags = through.objects.filter(content_object_id=OuterRef(OuterRef("pk"))).values("tag_id")
        options.append(
            Subquery(
                ProgrammePageTag.objects.filter(
                    tag_id__in=tags, content_object_id__in=public_programmes
                )
                .order_by("content_object_id")
                .values("content_object_id")[:1]
            )
        )
    options.append(
        Subquery(
            ProgrammePartnership.objects.filter(
                partner_id=OuterRef("pk"), programme_id__in=public_programmes
            )
            .order_by("programme_id")
            .values("programme_id")[:1]
        )
    )
    return Coalesce(*options, output_field=IntegerField())


def with_result_fields(pages, structure, types):
    """The fields a result shows, from the types' own tables in the same query."""
    return pages.annotate(
        result_parent=_parent_path(types),
        result_date=result_types.date_expression(types),
        result_summary=result_types.summary_expression(types),
        result_programme=_first_programme(structure),
    ).only(
        "pk",
        "title",
        "url_path",
        "path",
        "depth",
        "content_type_id",
        "search_description",
        "first_published_at",
        "locale",
    )


def _stem(word):
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


class _Words:
    """A text's lower-case words, ready for `_matches_word`: each candidate's title and
    summary are matched against every alternative of every term, so their forms are
    worked out once."""

    def __init__(self, words):
        self.words = set(words)
        self.stems = {_stem(word) for word in self.words}
        self.long = [(word, _stem(word)) for word in self.words if len(word) >= 5]


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


def relevance(result, parsed, position, today):
    """The score a candidate is ordered by (higher first)."""
    title_words = [w.lower() for w in WORD.findall(result.title)]
    summary_text = f"{result.snippet_source} {result.search_description}"
    title, summary = _Words(title_words), _Words(w.lower() for w in WORD.findall(summary_text))
    terms = [_term_words(term) for term in parsed.terms]
    score = sum(_where(words, title, summary) for words in terms) / max(len(terms), 1)
    query_words = [w.lower() for w in WORD.findall(parsed.text)]
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
        page.snippet_source = " ".join(
            unescape_entities(strip_tags(page.result_summary or "")).split()
        )
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
    """The backend's best CANDIDATES (in its order) and, for a broad query, the queryset
    of the other matches (newest first), else None.

    Scoring every match of a word that is on nearly every page (ts_rank and bm25 read
    each page's whole index entry) is what makes a broad search slow; past BROAD matches,
    the candidates are the best of the pages with the words in their title (short
    entries, from the title's own index), and the rest follow newest first."""
    if _broad(total):
        best = _scored(pages, query, 0, CANDIDATES, title_only=True)
        return best, _rest(pages, query, [page.pk for page in best])
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
        return decorate(_scored(pages, query, start, stop), structure, types)
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
            more = rest[: stop - len(ordered)]
        else:
            more = _scored(pages, query, len(ordered), stop)
        ordered += decorate(list(more), structure, types)
    return ordered[start:stop]
