from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "hlp_site.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        # Sign-in signal receivers, log actions and the two-step admin hooks.
        from hlp_site.security import audit, two_factor  # noqa: F401
