"""A page's first publication counts as its first review."""

from django.dispatch import receiver
from wagtail.signals import page_published

from content_review.dates import today
from content_review.models import ContentReviewMixin
from content_review.review import save_review_state


@receiver(page_published)
def first_publication_is_a_review(sender, instance, **kwargs):
    if isinstance(instance, ContentReviewMixin) and instance.last_reviewed is None:
        day = today()
        save_review_state(instance, last_reviewed=day, next_review_due=instance.due_after(day))
