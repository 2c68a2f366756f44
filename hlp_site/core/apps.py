from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hlp_site.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        # Signal receivers, log actions and admin hooks.
        from hlp_site.core import audit, two_factor  # noqa: F401
