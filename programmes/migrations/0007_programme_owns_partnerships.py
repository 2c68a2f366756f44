"""The programme page alone owns the programme-partner link.

Existing links (the table's rows) stay as they are. Two kinds of revision are brought in
line so that no old revision can restore a stale relation:
- partner pages' revisions lose their copy of the links (the partner page no longer
  edits them);
- a programme's pending revisions (its unpublished draft and any scheduled revision)
  gain the links that partner pages added since the programme was last published, so
  approving or going live later does not drop them. A link the programme's own draft
  removed stays removed.
"""

import django.db.models.deletion
from django.db import migrations, models


def bring_revisions_in_line(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ProgrammePage = apps.get_model("programmes", "ProgrammePage")
    ProgrammePartnership = apps.get_model("programmes", "ProgrammePartnership")

    partner_type = ContentType.objects.filter(
        app_label="programmes", model="partnerorganisationpage"
    ).first()
    if partner_type:
        for revision in Revision.objects.filter(content_type=partner_type).iterator():
            if "partnerships" in revision.content:
                del revision.content["partnerships"]
                revision.save(update_fields=["content"])

    for programme in ProgrammePage.objects.all():
        live_rows = {
            row.partner_id: row for row in ProgrammePartnership.objects.filter(programme=programme)
        }
        published = Revision.objects.filter(pk=programme.live_revision_id).first()
        published_ids = {
            item["partner"] for item in (published.content if published else {}).get(
                "partnerships", []
            )
        }
        added_by_partners = set(live_rows) - published_ids
        if not added_by_partners:
            continue
        pending = Revision.objects.filter(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id=str(programme.pk),
            approved_go_live_at__isnull=False,
        )
        if programme.has_unpublished_changes and programme.latest_revision_id:
            pending = pending | Revision.objects.filter(pk=programme.latest_revision_id)
        for revision in pending.exclude(pk=programme.live_revision_id or 0):
            items = revision.content.setdefault("partnerships", [])
            present = {item["partner"] for item in items}
            for partner_id in sorted(added_by_partners - present):
                items.append(
                    {
                        "pk": live_rows[partner_id].pk,
                        "sort_order": live_rows[partner_id].sort_order,
                        "programme": programme.pk,
                        "partner": partner_id,
                    }
                )
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_index_archived"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="programmepartnership",
            name="partner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="programme_links",
                to="programmes.partnerorganisationpage",
            ),
        ),
        migrations.RunPython(bring_revisions_in_line, migrations.RunPython.noop),
    ]
