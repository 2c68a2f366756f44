from django.apps import AppConfig, apps
from django.db.models.signals import post_save


def grant_roles_on_new_section(sender, instance, created, raw=False, **kwargs):
    """A new section index page gets its Editors' rights and workflow (see roles.py)."""
    if created and not raw:
        from hlp_site.publishing.roles import grant_section_roles

        grant_section_roles(apps, instance.pk, sender._meta.app_label, sender._meta.model_name)


class PublishingConfig(AppConfig):
    name = "hlp_site.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from modelcluster.contrib.taggit import ClusterTaggableManager
        from wagtail.admin.forms.models import register_form_field_override

        from hlp_site.publishing import change_log
        from hlp_site.publishing.roles import SECTION_MODELS
        from hlp_site.publishing.tag_fields import VocabularyTagField

        # Every tagged page's tag field (Wagtail's own is registered for TaggableManager).
        register_form_field_override(
            ClusterTaggableManager,
            override=lambda db_field: {
                "form_class": VocabularyTagField,
                "tag_model": db_field.related_model,
            },
        )

        change_log.connect()
        for app_label, model_name in SECTION_MODELS:
            post_save.connect(
                grant_roles_on_new_section,
                sender=apps.get_model(app_label, model_name),
                dispatch_uid=f"hlp-section-roles-{app_label}-{model_name}",
            )
