from django.db import models
from django.db.models import F
from django.utils import timezone
from wagtail.search.utils import normalise_query_string


class UnansweredSearch(models.Model):
    """A search that found nothing, for the comms team: add content or a promotion."""

    query_string = models.CharField(max_length=255, unique=True)
    searches = models.PositiveIntegerField(default=0)
    last_searched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_searched_at"]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string):
        """Count one more search for it: one UPDATE, and an INSERT the first time."""
        query_string = normalise_query_string(query_string)[:255]
        now = timezone.now()
        updated = cls.objects.filter(query_string=query_string).update(
            searches=F("searches") + 1, last_searched_at=now
        )
        if not updated:
            cls.objects.get_or_create(
                query_string=query_string, defaults={"searches": 1, "last_searched_at": now}
            )
