from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "hlp_site.caching"
    label = "caching"
    verbose_name = "Page cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the invalidation receivers in every process, management commands included.
        from hlp_site.caching import invalidation  # noqa: F401
