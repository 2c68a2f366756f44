"""Editors, Moderators and Administrators, and the "Comms sign-off" workflow (see roles.py)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from hlp_site.publishing.roles import create_roles

    create_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_site_settings"),
        ("blog", "0002_initial"),
        ("programmes", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Reversing leaves the groups in place: people may have been added to them.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
