"""RSS and Atom of new and updated publications, for partners: /publications/feed/.

The post feeds' generator (hlp_site/openweb/feeds.py) with publication fields: the summary,
the owner organisation as author, the last update as the updated date, and the
alternative-format document, if any, as the enclosure.
"""

import datetime

from django.utils import feedgenerator, timezone

from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.absolute_urls import absolute_url
from hlp_site.openweb.feeds import FEED_LENGTH, PostFeed
from publications.models import PublicationPage

TITLE = "Publications"
DESCRIPTION = "Reports, standards and toolkits published by the partnership and its partners."


class PublicationFeed(PostFeed):
    def items(self):
        publications = on_public_web(self.posts).select_related(
            "owner_organisation", "alternative_format"
        )
        return list(publications.prefetch_related("tags")[:FEED_LENGTH])

    def item_description(self, publication):
        return publication.summary

    def item_updateddate(self, publication):
        if publication.last_updated:
            return timezone.make_aware(
                datetime.datetime.combine(publication.last_updated, datetime.time.min)
            )
        return super().item_updateddate(publication)

    def item_enclosures(self, publication):
        document = publication.alternative_format
        if document is None or publication.alternative_format_type is None:
            return []
        url = absolute_url(self.request, document.url)
        return [
            feedgenerator.Enclosure(url, str(document.get_file_size() or 0), document.content_type)
        ]

    def item_extra_kwargs(self, publication):
        return {"authors": [publication.owner_name()], "thumbnail": None}


def publications_feed(request, atom=False):
    feed = PublicationFeed(
        title=TITLE,
        link="/",  # the site's home: no one index holds them all (Resources and programmes)
        description=DESCRIPTION,
        posts=PublicationPage.objects.for_listing(),
        atom=atom,
    )
    return feed(request)


def feed_links():
    """<link rel="alternate"> entries for the publications feed (the pages' context)."""
    from django.urls import reverse

    from hlp_site.openweb.feeds import alternate_links

    return alternate_links(TITLE, reverse("publications_feed"))
