from django.db import migrations


class Migration(migrations.Migration):
    """Every page's header, footer and breadcrumbs start from the site root's children
    (depth 3, hlp_site/core/templatetags/navigation_tags.py). Wagtail does not index
    `depth`, so PostgreSQL read the whole page table for them: 2.7 ms at 10,000 posts,
    0.1 ms with this index of the top of the tree. Partial, so that no query over deeper
    pages can choose it: SQLite, which keeps no statistics, took a plain index on `depth`
    for `depth >= 4` and read a programme's sub-programmes in 50 ms instead of 0.6."""

    dependencies = [
        ("core", "0009_alert_link_and_switch"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS hlp_page_sections_idx ON wagtailcore_page (path) "
            "WHERE depth <= 3",
            "DROP INDEX IF EXISTS hlp_page_sections_idx",
        ),
    ]
