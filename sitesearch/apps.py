from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sitesearch import facets, suggestions

        # The facet table and the "Did you mean" vocabulary follow the content.
        facets.connect()
        suggestions.connect()
