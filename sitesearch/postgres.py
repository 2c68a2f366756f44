"""Matching and scoring on PostgreSQL through the search index's GIN indexes.

Wagtail's PostgreSQL backend matches `(title || body) @@ query`: a concatenation no index
can serve, so every search reads every index entry (about 0.5 s on 10,000 posts).
Here the same index entries are matched with `title @@ query OR body @@ query`, which
PostgreSQL answers from the GIN indexes on each column, and scored as the backend scores
them (ts_rank with the search_fields' weights, the title's by its length norm).

The query is given as `(SELECT <tsquery>)`, computed once per statement. Written inline,
`plainto_tsquery(...)` (without a configuration it is only STABLE) is recomputed for
every row a sequential scan reads, and PostgreSQL, which does not count the cost of
reading each body vector either, prefers that scan for a word on most pages: 57 ms for
"health" (10,000 matches on the bench) where the GIN indexes answer in 5 ms. Not knowing
the query, the planner takes the indexes, which are the fast way for rare and common
words alike.
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db.models import BooleanField, F, Func, IntegerField, Q
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, Phrase, PlainText


def tsquery(query):
    """A django.contrib.postgres SearchQuery for Wagtail query objects (PlainText, Phrase,
    And, Or), in the backend's text search configuration."""
    config = getattr(get_search_backend(), "config", None)
    if isinstance(query, PlainText):
        return SearchQuery(query.query_string, search_type="plain", config=config)
    if isinstance(query, Phrase):
        return SearchQuery(query.query_string, search_type="phrase", config=config)
    if isinstance(query, And):
        return reduce(lambda a, b: a & b, (tsquery(q) for q in query.subqueries))
    if isinstance(query, Or):
        return reduce(lambda a, b: a | b, (tsquery(q) for q in query.subqueries))
    raise TypeError(f"{type(query).__name__} is not used by site search")


class _Once(Func):
    """`(SELECT <tsquery>)`: the query computed once, not for each row."""

    template = "(SELECT %(expressions)s)"
    output_field = SearchQueryField()


class _Matches(Func):
    """`vector @@ query` as a condition."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _entries(query, title_only=False):
    search_query = _Once(tsquery(query))
    condition = Q(_Matches(F("title"), search_query))
    if not title_only:
        condition |= Q(_Matches(F("body"), search_query))
    return (
        IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(Page))
        .filter(condition)
        .annotate(page_id=Cast("object_id", IntegerField()))
    ), search_query


def matching_ids(query, title_only=False):
    entries, _ = _entries(query, title_only)
    return entries.values("page_id")


def _best(pages, query, title_only=False):
    """The ids of `pages` matching `query` (page_id) with their score, best first."""
    entries, search_query = _entries(query, title_only)
    weights = get_sql_weights()
    rank = SearchRank(F("title"), search_query, weights=weights) * F("title_norm") + SearchRank(
        F("body"), search_query, weights=weights
    )
    return (
        entries.filter(page_id__in=pages.order_by().values("pk"))
        .annotate(score=rank)
        .order_by(F("score").desc(nulls_last=True), F("page_id").desc())
        .values("page_id", "score")
    )


def scored(pages, query, start, stop, title_only=False):
    """Pages `start`..`stop` of `pages` matching `query`, best first, with the backend's
    score in `_score` (as `ranking.Candidate`s). The index entries are matched, scored and cut to start..stop on
    their own, and only those rows are joined to `pages` for the result fields: joining
    first (Wagtail's `index_entries` relation) builds every page's fields and compares
    ids as text: 160 ms for "health" on the 10,000 post bench, 25 ms this way."""
    best = _best(pages, query, title_only)[start:stop]
    best_sql, best_params = best.query.sql_with_params()
    pages_sql, params = pages.order_by().query.sql_with_params()
    # `r.id = ANY(ARRAY(...))` hands the planner the few ids up front: joined as a
    # subquery alone, `pages` (a page and its seven type tables, more joins than
    # PostgreSQL reorders) would be built for every page and then joined.
    sql = (
        f"WITH s AS MATERIALIZED ({best_sql}) "
        f"SELECT r.*, s.score AS _score FROM ({pages_sql}) r JOIN s ON s.page_id = r.id"
        " WHERE r.id = ANY(ARRAY(SELECT page_id FROM s))"
        " ORDER BY s.score DESC NULLS LAST, r.id DESC"
    )
    from sitesearch.ranking import rows_as_candidates

    return rows_as_candidates(sql, [*best_params, *params])
