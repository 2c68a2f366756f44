from django.apps import AppConfig


class ReviewLinksConfig(AppConfig):
    name = "hlp_site.review_links"
    label = "review_links"
    verbose_name = "Share links for review"
    default_auto_field = "django.db.models.BigAutoField"
