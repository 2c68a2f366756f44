from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hlp_site.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from hlp_site.core import audit  # noqa: F401  (signal receivers, log actions)
