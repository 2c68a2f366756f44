"""Moderators and Administrators manage promoted search results and read the report of
searches with no results (the groups come from hlp_site/publishing/roles.py)."""

from django.db import migrations

GROUPS = ["Moderators", "Administrators"]
PERMISSIONS = [
    ("wagtailsearchpromotions", "searchpromotion", "add_searchpromotion"),
    ("wagtailsearchpromotions", "searchpromotion", "change_searchpromotion"),
    ("wagtailsearchpromotions", "searchpromotion", "delete_searchpromotion"),
    ("sitesearch", "unansweredsearch", "view_unansweredsearch"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = []
    for app_label, model, codename in PERMISSIONS:
        # Permissions are normally made after migrating (post_migrate); make them now.
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )
        permissions.append(permission)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_initial"),
        ("core", "0005_editorial_roles"),
        ("wagtailsearchpromotions", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
