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


class SearchFacet(models.Model):
    """What search filters and counts by, one row per page (`programme_id` 0) and one more
    per programme the page belongs to (`sitesearch.facets`). Kept up to date by signal
    handlers in the publish, unpublish, move, delete or privacy change's own transaction,
    so a search counts its matches in one indexed GROUP BY instead of working out each
    page's type, year, programmes and visibility from five tables every time.

    Not a foreign key to the page: rows are removed when the page is (`facets.py`), and
    a key would make the delete cascade's order matter to the handlers that rebuild rows.
    """

    page_id = models.IntegerField()
    programme_id = models.IntegerField(default=0)  # 0: the page's own row
    # The programme's own tags or partnership, not a sub-programme's: a result names the
    # first public programme it belongs to this way.
    direct = models.BooleanField(default=False)
    content_type_id = models.IntegerField()
    parent_id = models.IntegerField(null=True)  # the type of a post depends on its index
    year = models.IntegerField(null=True)
    # Live and outside any private section; `expire_at` is checked at search time.
    visible = models.BooleanField(default=False)
    expire_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page_id", "programme_id"], name="unique_search_facet")
        ]
        indexes = [models.Index(fields=["programme_id", "page_id"], name="search_facet_programme")]

    def __str__(self):
        return f"page {self.page_id} programme {self.programme_id}"


class SearchWord(models.Model):
    """A word of the site's own vocabulary for "Did you mean" (`suggestions.py`): kept
    here, rebuilt when pages are published, unpublished or deleted and when tags change,
    instead of read from every page's title on each search that finds little."""

    word = models.CharField(max_length=255, unique=True)

    def __str__(self):
        return self.word
