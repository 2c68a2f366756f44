"""RSS 2.0 and Atom feeds of posts (ArticlePage), served as routes of the pages that list them.

Every feed shows the latest posts of one listing queryset (all posts, a kind, a programme,
a tag): full titles, the intro as the summary, post date, authors, tags, and the hero image
as an enclosure and a Media RSS thumbnail, all with absolute URLs.

A programme's feed (`ProgrammeFeed`) also carries other apps' pages that belong to the
programme (its upcoming events), placed among the posts by when they were published. The
apps name their sources in settings.HLP_PROGRAMME_FEED_SOURCES; this module imports none.
"""

import datetime
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import path

from hlp_site.core.templatetags.navigation_tags import site_name
from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.absolute_urls import absolute_url

FEED_LENGTH = 20
FEED_MAX_AGE = 5 * 60
ENCLOSURE_SPEC = "fill-1200x630"  # the "share" format of hlp_site/core/images.py
MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"


def _add_thumbnail(handler, item):
    thumbnail = item.get("thumbnail")
    if thumbnail:
        handler.addQuickElement(
            "media:thumbnail",
            None,
            {k: str(thumbnail[k]) for k in ("url", "width", "height")},
        )


class RssPostFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with one dc:creator per author and a media:thumbnail."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.addQuickElement("dc:creator", author)
        _add_thumbnail(handler, item)


class AtomPostFeed(feedgenerator.Atom1Feed):
    """Atom 1.0 with one <author> per author and a media:thumbnail."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", author)
            handler.endElement("author")
        _add_thumbnail(handler, item)


class PostFeed(Feed):
    """A feed of `posts` (an ArticlePage.objects.for_listing("share") queryset), made per
    request."""

    def __init__(self, *, title, link, description, posts, atom=False):
        super().__init__()
        self.feed_title = title
        self.feed_link = link
        self.feed_description = description
        self.posts = posts
        self.feed_type = AtomPostFeed if atom else RssPostFeed
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def title(self):
        return f"{self.feed_title} | {site_name()}"

    def link(self):
        return absolute_url(self.request, self.feed_link)

    def feed_url(self):
        return absolute_url(self.request, self.request.path)

    def description(self):
        return self.feed_description

    def author_name(self):
        # Atom wants an author for every entry (RFC 4287 4.1.1; the W3C validator's error):
        # the feed's own, the site, stands for an entry without one (an event without an
        # organiser, a post without authors). RSS has no feed author; Django writes none.
        return site_name()

    def items(self):
        # `posts` comes from for_listing(), which already keeps to the public web: filtering
        # again repeated the view-restriction subquery in the feed's SQL.
        # Authors come in their editor-set order (Orderable's default ordering).
        posts = self.posts.prefetch_related("tags", "authors__author")
        return list(posts[:FEED_LENGTH])

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.intro

    def item_link(self, post):
        return absolute_url(self.request, post.get_url(request=self.request))

    def item_guid(self, post):
        # The permanent link: the same id wherever the post moves.
        return absolute_url(self.request, reverse("permalink", args=[post.pk]))

    item_guid_is_permalink = True

    def item_pubdate(self, post):
        return timezone.make_aware(datetime.datetime.combine(post.date, datetime.time.min))

    def item_updateddate(self, post):
        return post.last_published_at or self.item_pubdate(post)

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

    def _rendition(self, post):
        if not post.hero_image_id:
            return None
        if not hasattr(post, "_feed_rendition"):
            post._feed_rendition = post.hero_image.get_rendition(ENCLOSURE_SPEC)
        return post._feed_rendition

    def item_enclosures(self, post):
        rendition = self._rendition(post)
        if rendition is None:
            return []
        try:
            length = rendition.file.size
        except OSError:
            length = 0  # what RSS asks for when the size is unknown
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        url = absolute_url(self.request, rendition.url)
        return [feedgenerator.Enclosure(url, str(length), mime_type)]

    def _thumbnail(self, post):
        rendition = self._rendition(post)
        if rendition is None:
            return None
        return {
            "url": absolute_url(self.request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }

    def item_extra_kwargs(self, post):
        authors = post.author_names()  # published authors only
        return {"authors": authors, "thumbnail": self._thumbnail(post)}


class ProgrammeFeed(PostFeed):
    """A programme's posts and the pages other apps add to its feed, newest first, the
    FEED_LENGTH latest of them all.

    A source (a class named in settings.HLP_PROGRAMME_FEED_SOURCES) has:
    - `model()`: its page model;
    - `queryset(programme)`: the pages belonging to the programme, latest published first,
      with what the entries show fetched in the same few queries whatever their number
      (tags, hero image and its "share" rendition); the feed keeps only those
      `on_public_web` lets through, whatever the source asks for;
    - `pubdate(page)`, `description(page)` and `authors(page)`.
    Everything else about an entry is the posts': the title, the page's address as the
    link, its permanent link as the id, its tags, its hero image as the enclosure.
    """

    def __init__(self, *, programme, **kwargs):
        super().__init__(**kwargs)
        self.programme = programme
        self.sources = {}  # page model -> its source

    def items(self):
        entries = super().items()
        for dotted in getattr(settings, "HLP_PROGRAMME_FEED_SOURCES", ()):
            source = import_string(dotted)()
            self.sources[source.model()] = source
            entries += on_public_web(source.queryset(self.programme))[:FEED_LENGTH]
        # Stable: posts of the same date keep their listing order.
        entries.sort(key=self.item_pubdate, reverse=True)
        return entries[:FEED_LENGTH]

    def _source(self, item):
        return self.sources.get(type(item))

    def item_pubdate(self, item):
        source = self._source(item)
        return source.pubdate(item) if source else super().item_pubdate(item)

    def item_description(self, item):
        source = self._source(item)
        return source.description(item) if source else super().item_description(item)

    def item_extra_kwargs(self, item):
        source = self._source(item)
        if source is None:
            return super().item_extra_kwargs(item)
        return {"authors": source.authors(item), "thumbnail": self._thumbnail(item)}


def feed_response(request, *, title, link, description, posts, atom=False):
    feed = PostFeed(title=title, link=link, description=description, posts=posts, atom=atom)
    return feed(request)


def alternate_links(title, rss_url):
    """The <link rel="alternate"> entries for a feed at `rss_url` and its Atom twin."""
    if not rss_url:
        return []
    return [
        {"title": f"{title} (RSS)", "url": rss_url, "type": "application/rss+xml"},
        {"title": f"{title} (Atom)", "url": f"{rss_url}atom/", "type": "application/atom+xml"},
    ]


class FeedRoutesMixin:
    """RSS at `feed/` and Atom at `feed/atom/` for a routable page: its own
    `_feed(request, atom=False)` builds the response."""

    @path("feed/", name="feed")
    def feed_route(self, request):
        return self._feed(request)

    @path("feed/atom/", name="feed_atom")
    def atom_feed_route(self, request):
        return self._feed(request, atom=True)
