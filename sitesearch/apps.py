from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"
