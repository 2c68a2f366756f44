"""The resource models now live in the resources app (see resources.0001, which renamed
their tables): forget them here without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0009_author_drafts_and_kind"),
        ("resources", "0001_move_resources_from_blog"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="resourceindexpage",
                    name="content_owner",
                ),
                migrations.RemoveField(
                    model_name="resourceindexpage",
                    name="owning_team",
                ),
                migrations.RemoveField(
                    model_name="resourceindexpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="resourceindexpage",
                    name="share_image",
                ),
                migrations.RemoveField(
                    model_name="resourcepage",
                    name="content_owner",
                ),
                migrations.RemoveField(
                    model_name="resourcepage",
                    name="owning_team",
                ),
                migrations.RemoveField(
                    model_name="resourcepage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="resourcepage",
                    name="share_image",
                ),
                migrations.RemoveField(
                    model_name="resourcepage",
                    name="tags",
                ),
                migrations.RemoveField(
                    model_name="resourcepagetag",
                    name="content_object",
                ),
                migrations.RemoveField(
                    model_name="resourcepagetag",
                    name="tag",
                ),
                migrations.DeleteModel(
                    name="ResourceDocument",
                ),
                migrations.DeleteModel(
                    name="ResourceIndexPage",
                ),
                migrations.DeleteModel(
                    name="ResourcePage",
                ),
                migrations.DeleteModel(
                    name="ResourcePageTag",
                ),
            ],
            database_operations=[],
        ),
    ]
