from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hlp_site.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        # Connect the page cache's invalidation signals in every process, commands included.
        from hlp_site.core import page_cache  # noqa: F401
