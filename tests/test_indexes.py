"""Indexes that keep routing, the news filters and search fast on a large site."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def index_columns(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name: info["columns"] for name, info in constraints.items() if info["index"]}


def test_pages_are_routed_by_an_indexed_url_path():
    assert index_columns("wagtailcore_page").get("hlp_page_url_path_idx") == ["url_path"]


def test_news_filter_indexes():
    articles = index_columns("blog_articlepage")
    assert articles["blog_article_date_idx"] == ["date"]
    assert articles["blog_article_date_pk_idx"] == ["date", "page_ptr_id"]
    assert index_columns("blog_articlepagetag")["blog_articletag_tag_idx"] == [
        "tag_id",
        "content_object_id",
    ]
    assert index_columns("programmes_programmepagetag")["programmes_tag_tag_idx"] == [
        "tag_id",
        "content_object_id",
    ]


def test_search_backend_has_a_full_text_index():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
            )
            definitions = [row[0].lower() for row in cursor.fetchall()]
        assert any("using gin" in d and "body" in d for d in definitions), definitions
    else:
        assert "wagtailsearch_indexentry_fts" in connection.introspection.table_names()


def test_the_top_of_the_page_tree_has_its_own_index():
    """The site's sections (header, footer, breadcrumbs on every page) by index, not by
    reading every page; partial, so queries over deeper pages never pick it."""
    assert index_columns("wagtailcore_page").get("hlp_page_sections_idx") == ["path"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'hlp_page_sections_idx'"
            )
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' "
                "AND name = 'hlp_page_sections_idx'"
            )
        (definition,) = cursor.fetchone()
    assert "where" in definition.lower() and "depth <= 3" in definition.lower()
