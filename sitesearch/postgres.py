"""Matching and scoring on PostgreSQL through the search index's GIN indexes.

Wagtail's PostgreSQL backend matches `(title || body) @@ query`: a concatenation no index
can serve, so every search reads every index entry (about 0.5 s on 10,000 posts).
Here the same index entries are matched with `title @@ query OR body @@ query`, which
PostgreSQL answers from the GIN indexes on each column, and scored as the backend scores
them (ts_rank with the search_fields' weights, the title's by its length norm).
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, IntegerField, Q
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


def _entries(query, title_only=False):
    search_query = tsquery(query)
    condition = (
        Q(title=search_query) if title_only else Q(title=search_query) | Q(body=search_query)
    )
    return (
        IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(Page))
        .filter(condition)
        .annotate(page_id=Cast("object_id", IntegerField()))
    ), search_query


def matching_ids(query, title_only=False):
    entries, _ = _entries(query, title_only)
    return entries.values("page_id")


def scored(pages, query, title_only=False):
    """`pages` matching `query`, with the backend's score in `_score`, best first: one join
    to the index entries (Wagtail's own `index_entries` relation)."""
    search_query = tsquery(query)
    condition = Q(index_entries__title=search_query)
    if not title_only:
        condition |= Q(index_entries__body=search_query)
    weights = get_sql_weights()
    rank = SearchRank(F("index_entries__title"), search_query, weights=weights) * F(
        "index_entries__title_norm"
    ) + SearchRank(F("index_entries__body"), search_query, weights=weights)
    return (
        pages.filter(condition)
        .annotate(_score=rank)
        .order_by(F("_score").desc(nulls_last=True), "-pk")
    )
