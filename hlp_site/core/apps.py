from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hlp_site.core"
    label = "core"
    verbose_name = "Site core"
