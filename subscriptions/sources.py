"""What subscribers get: one source per page type (posts and events).

A source answers, with the page type's own rules (the ones its listings use):
- which of its pages the open web shows that were first published since a moment,
- which of those belong to a programme (its tags and its sub-programmes' tags) or a tag,
- how each appears in an email.

Its answers are querysets, not lists: send_updates puts every source's answers into one
statement (a UNION), so a new source adds no query to a run (sending.Run.new_pages).

To add a page type, write a source like PostSource and add its dotted path to the
SUBSCRIPTIONS_SOURCES setting.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string

from hlp_site.core.visibility import on_public_web

DEFAULT_SOURCES = ["subscriptions.sources.PostSource", "subscriptions.sources.EventSource"]


@dataclass(frozen=True)
class Item:
    """A page as an email shows it."""

    page_id: int
    title: str
    url: str  # path on the site; the email adds the site's address
    summary: str
    label: str  # "Blog", "News", "Event"...
    date: object
    published_at: object
    noun: str = "post"  # what a digest's subject counts: "1 new event and 2 new posts"


class PostSource:
    """News, blogs and videos (blog.ArticlePage)."""

    def model(self):
        return apps.get_model("blog", "ArticlePage")

    def published_since(self, since):
        """(id, first published at) of the public pages first published after `since`."""
        return (
            on_public_web(self.model().objects.all())
            .filter(first_published_at__gt=since)
            .values_list("pk", "first_published_at")
        )

    def for_programme(self, programme):
        # The programme page's own rule (the news app's TaggedPageQuerySet.for_programme; events
        # add those placed under the programme, EventPageQuerySet.for_programme).
        return self.model().objects.for_programme(programme)

    def for_tag(self, tag_id):
        # The tag page's rule: pages carrying the tag.
        return self.model().objects.tagged([tag_id])

    def items(self, page_ids):
        posts = self.model().objects.for_listing().filter(pk__in=page_ids)
        return [
            Item(
                page_id=post.pk,
                title=post.title,
                url=_path(post),
                summary=post.intro,
                label=_kind(post),
                date=post.date,
                published_at=post.first_published_at,
            )
            for post in posts
        ]


class EventSource(PostSource):
    """Events (events.EventPage): the same visibility, programme and tag rules as their
    listings; an event placed under a programme page belongs to it too."""

    def model(self):
        return apps.get_model("events", "EventPage")

    def items(self, page_ids):
        events = self.model().objects.for_listing().filter(pk__in=page_ids)
        return [
            Item(
                page_id=event.pk,
                title=event.title,
                url=_path(event),
                summary=event.summary,
                label="Event",
                date=event.start_at,  # the day it takes place, London time
                published_at=event.first_published_at,
                noun="event",
            )
            for event in events
        ]


def _kind(post):
    from news.models import ArticleKind

    return dict(ArticleKind.choices).get(post.kind, "Post")


def _path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else page.url_path


def get_sources():
    paths = getattr(settings, "SUBSCRIPTIONS_SOURCES", DEFAULT_SOURCES)
    return [import_string(path)() for path in paths]
