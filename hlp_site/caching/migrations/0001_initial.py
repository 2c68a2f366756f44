import uuid

from django.db import migrations, models

import hlp_site.caching.models


def create_the_row(apps, schema_editor):
    apps.get_model("caching", "ContentVersion").objects.create(pk=1, value=uuid.uuid4().hex)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.CharField(default=hlp_site.caching.models.new_version, max_length=32)),
            ],
            options={"verbose_name": "content version"},
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
