"""What partners, feed readers, crawlers and link previews read: the site as data.

Owns the RSS and Atom feeds (`feeds.py`: `FeedRoutesMixin` and the feed builder the page
models route to; a programme's feed adds the pages of the sources named in
settings.HLP_PROGRAMME_FEED_SOURCES, its events), the read-only JSON API (`api.py`, the /api/v2/ router and its filters;
`api_fields.py`, the serializer fields the page models' `api_fields` use), the <head> that
other sites read (`templatetags/head_tags.py`: canonical URL, Open Graph, Twitter card,
JSON-LD, feed autodiscovery), /sitemap.xml and /robots.txt (`search_engines.py`),
permanent links /p/<id>/ (`permalinks.py`), and the absolute URLs they all write
(`absolute_urls.py`). The programme embed is a route of ProgrammePage (programmes/models.py).
Everything here shows only what `hlp_site.core.visibility.on_public_web` lets through, and
which posts belong to a programme is the news app's `TaggedPageQuerySet.for_programme`. Imports:
openweb may import core; the content apps (programmes, news) import its feeds and API
fields, so of openweb's modules only `api.py`, wired from hlp_site/urls.py and imported by
nothing else, imports them.
"""
