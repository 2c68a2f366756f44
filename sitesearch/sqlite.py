"""Scoring on SQLite in one pass over the full-text index.

Wagtail's SQLite backend scores each match with a correlated subquery that runs the whole
FTS5 match again for every row (FTS5 cannot seek a match to one rowid), so scoring grows
with the square of the matches: 470 ms for "asthma children" (98 matches) on the 10,000
post bench. Here the match runs once, joined to the pages by id, and is scored as the
backend scores it: bm25 combined over the query's parts as `build_tsrank` does, times
(title norm + 1) for the title and body vectors.
"""

import datetime

from django.db import connection
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page

# Defined by Wagtail only where the database is SQLite with FTS5: imported only there.
from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry
from wagtail.search.query import And, Or, Phrase, PlainText


def _quoted(text):
    return '"' + text.replace('"', '""') + '"'


def match_expression(query):
    """FTS5 MATCH syntax for Wagtail query objects (PlainText, Phrase, And, Or)."""
    if isinstance(query, PlainText):
        words = query.query_string.split()
        joiner = f" {query.operator.upper()} "
        return "(" + joiner.join(_quoted(word) for word in words) + ")"
    if isinstance(query, Phrase):
        return _quoted(query.query_string)
    if isinstance(query, And | Or):
        joiner = " AND " if isinstance(query, And) else " OR "
        return "(" + joiner.join(match_expression(q) for q in query.subqueries) + ")"
    raise TypeError(f"{type(query).__name__} is not used by site search")


def _rank(query, bm25):
    """The backend's rank (modelsearch's `build_tsrank`) as SQL over one bm25 value."""
    if isinstance(query, PlainText | Phrase):
        return bm25
    if isinstance(query, And):
        product = " * ".join(f"(1 + {_rank(q, bm25)})" for q in query.subqueries)
        return f"({product} - 1)"
    if isinstance(query, Or):
        total = " + ".join(_rank(q, bm25) for q in query.subqueries)
        return f"(({total}) / {len(query.subqueries) or 1}.0)"
    raise TypeError(f"{type(query).__name__} is not used by site search")


def _tables():
    qn = connection.ops.quote_name
    content_types = ", ".join(str(int(pk)) for pk in get_descendants_content_types_pks(Page))
    return qn(SQLiteFTSIndexEntry._meta.db_table), qn(IndexEntry._meta.db_table), content_types


def matching_ids(query):
    """SQL (and params) for the ids of the pages matching `query`."""
    fts, entry, content_types = _tables()
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) FROM {fts} JOIN {entry} e ON e.id = {fts}.rowid"
        f" WHERE {fts} MATCH %s AND e.content_type_id IN ({content_types})"
    )
    return sql, ["{title body} : " + match_expression(query)]


def scored(pages, query, start, stop, title_only=False):
    """Pages `start`..`stop` of `pages` matching `query` (in their titles only, with
    `title_only`), best first (bm25 is lower for better matches), each with `_score` (as
    `ranking.Candidate`s).
    `pages` may carry annotations: they come back as attributes, dates as dates."""
    fts, entry, content_types = _tables()
    pages_sql, params = pages.order_by().query.sql_with_params()
    ids_sql, ids_params = pages.order_by().values("pk").query.sql_with_params()
    # Matches are scored and cut to start..stop first; only those rows then get the
    # result fields (their programme is a subquery per row).
    sql = (
        f"SELECT r.*, s.score AS _score FROM ({pages_sql}) r JOIN ("
        f"SELECT CAST(e.object_id AS INTEGER) AS page_id,"
        f" {_rank(query, f'bm25({fts})')} * (e.title_norm + 1) AS score"
        f" FROM {fts} JOIN {entry} e ON e.id = {fts}.rowid"
        f" WHERE {fts} MATCH %s AND e.content_type_id IN ({content_types})"
        f" AND CAST(e.object_id AS INTEGER) IN ({ids_sql})"
        " ORDER BY score, page_id DESC LIMIT %s OFFSET %s"
        ") s ON s.page_id = r.id ORDER BY s.score, r.id DESC"
    )
    columns = "{title}" if title_only else "{title body}"
    match = f"{columns} : " + match_expression(query)
    from sitesearch.ranking import rows_as_candidates

    results = rows_as_candidates(sql, [*params, match, *ids_params, max(stop - start, 0), start])
    for page in results:
        # Rows read from the cursor are not converted: SQLite gives dates as text.
        date = getattr(page, "result_date", None)
        if isinstance(date, str):
            page.result_date = datetime.date.fromisoformat(date[:10])
    return results
