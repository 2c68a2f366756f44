from django.db import migrations


class Migration(migrations.Migration):
    """Pages are routed by url_path in one query (hlp_site/core/pages.py); Wagtail does not
    index that column."""

    dependencies = [
        ("core", "0005_editorial_roles"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS hlp_page_url_path_idx ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS hlp_page_url_path_idx",
        ),
    ]
