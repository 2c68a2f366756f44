"""Site search: the /search/ page, its ranking, filters, spelling suggestions and promotions.

Owns how a visitor's words become results: cleaning and parsing the query (phrases in
quotes, the maintained list of abbreviations in `synonyms.py`), ranking on Wagtail's
database search backend (PostgreSQL full-text, SQLite FTS5) with field, type and recency
boosts (`ranking.py`), the result types and their filters (`types.py`: add a type there),
"Did you mean" from the site's own vocabulary (`suggestions.py`), highlighted snippets,
promoted results (wagtail.contrib.search_promotions) and the log of searches that found
nothing. The API's `search` parameter ranks through `ranking.py` too.

May import Django, Wagtail, taggit, `hlp_site.core.visibility` and the page models of
`news` and `programmes` (read-only); nothing imports it but the URLconf and the API.
"""
