from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "hlp_site.publishing"
    label = "publishing"
    verbose_name = "Publishing"
