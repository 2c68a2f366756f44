"""The "Did you mean" vocabulary table, filled from the content (`sitesearch.suggestions`)."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    # The current code, as for the facet table: the words of live titles, tags and
    # programme summaries.
    Page = apps.get_model("wagtailcore", "Page")
    if not Page.objects.filter(depth__gt=1).exists():
        return
    from sitesearch import suggestions

    suggestions.rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ('sitesearch', '0003_search_facets'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=255, unique=True)),
            ],
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
