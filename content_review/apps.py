from django.apps import AppConfig


class ContentReviewConfig(AppConfig):
    name = "content_review"
    label = "content_review"
    verbose_name = "Content review"

    def ready(self):
        from content_review import signals  # noqa: F401
