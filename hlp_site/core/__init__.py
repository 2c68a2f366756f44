"""What every page of the site shares (in the manner of bakerydemo's `base` app).

Owns the HomePage and StandardPage models (`models.py`), the shared StreamField blocks and
rich-text features (`blocks.py`, with page links in one query per body: `richtext.py`),
the site settings editors change (`site_settings.py`: footer, alert banner) and the site's
chrome: header menu, footer and breadcrumbs (`templatetags/navigation_tags.py`), the
image formats pages show (`images.py`, `templatetags/image_tags.py`), what every page
tells search engines (`seo.py`: `SeoMixin`, the share image), site search and the 404
page (`views.py`), listings' pagination and filters (`listing.py`), serving a page in few
queries (`pages.py`: routing, view restrictions) and "visible on the public web"
(`visibility.on_public_web`). Core imports none of the project's other apps: it names the
content models by label ("blog.NewsIndexPage", `apps.get_model`) where the home page and
the menu list them; every other app may import core. The page cache is its own app,
`hlp_site.caching`.
"""
