"""The search facet table, filled from the pages as they are (`sitesearch.facets`)."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    # The current code, not historical models: the rows are worked out from the page
    # types' tables by the same SQL the signal handlers run. An empty site has nothing.
    Page = apps.get_model("wagtailcore", "Page")
    if not Page.objects.filter(depth__gt=1).exists():
        return
    from sitesearch import facets

    facets.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0002_moderators_manage_promotions"),
        ("blog", "0010_move_resources_to_resources_app"),
        ("programmes", "0007_programme_owns_partnerships"),
        ("resources", "0001_move_resources_from_blog"),
        ("events", "0002_video_block_files_and_captions"),
        ("publications", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchFacet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("page_id", models.IntegerField()),
                ("programme_id", models.IntegerField(default=0)),
                ("direct", models.BooleanField(default=False)),
                ("content_type_id", models.IntegerField()),
                ("parent_id", models.IntegerField(null=True)),
                ("year", models.IntegerField(null=True)),
                ("visible", models.BooleanField(default=False)),
                ("expire_at", models.DateTimeField(null=True)),
            ],
            options={
                "indexes": [
                    models.Index(fields=["programme_id", "page_id"], name="search_facet_programme")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("page_id", "programme_id"), name="unique_search_facet"
                    )
                ],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
