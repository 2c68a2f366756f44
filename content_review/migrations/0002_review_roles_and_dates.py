"""Moderators and Administrators may change owners, teams and intervals; pages that exist
already get a review date (last published, else today) and their next due date."""

from django.db import migrations
from django.utils import timezone

from content_review.dates import add_months

MODELS = {
    ("core", "standardpage"): 12,
    ("programmes", "programmeindexpage"): 12,
    ("programmes", "programmepage"): 12,
    ("programmes", "partnerindexpage"): 24,
    ("programmes", "partnerorganisationpage"): 24,
    ("blog", "newsindexpage"): 12,
    ("blog", "resourceindexpage"): 12,
    ("blog", "resourcepage"): 12,
}
GROUPS = ["Moderators", "Administrators"]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="content_review", model="reviewreminder"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_review_settings",
        defaults={"name": "Can change page owners, teams and review intervals"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)

    today = timezone.localdate()
    for (app_label, model_name), months in MODELS.items():
        model = apps.get_model(app_label, model_name)
        for page in model.objects.filter(next_review_due__isnull=True):
            page.review_interval_months = page.review_interval_months or months
            if page.last_reviewed is None and page.last_published_at:
                page.last_reviewed = timezone.localtime(page.last_published_at).date()
            page.next_review_due = add_months(
                page.last_reviewed or today, page.review_interval_months
            )
            page.save(update_fields=["review_interval_months", "last_reviewed", "next_review_due"])


class Migration(migrations.Migration):
    dependencies = [
        ("content_review", "0001_initial"),
        ("core", "0007_content_review"),
        ("core", "0005_editorial_roles"),
        ("programmes", "0004_content_review"),
        ("blog", "0005_content_review"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
