"""What every page of the site shares (in the manner of bakerydemo's `base` app).

Owns the HomePage and StandardPage models (`models.py`), the shared StreamField blocks and
rich-text features (`blocks.py`), the site settings editors change (`site_settings.py`:
footer, alert banner) and the site's chrome: header menu, footer and breadcrumbs
(`templatetags/navigation_tags.py`, `site_settings_tags.py`), what every page tells search
engines (`seo.py`: `SeoMixin`, the share image), site search and the 404 page
(`views.py`), and "visible on the public web" (`visibility.on_public_web`). It also holds,
for now, the render path and its caches (`page_cache.py`, `generation_cache.py`,
`site_lookup.py`, `pages.py`, `richtext.py`, `resilience.py`, `listing.py`,
`templatetags/fragment_cache_tags.py`). Core imports none of the project's other apps: it
names the content models by label ("blog.NewsIndexPage", `apps.get_model`) where the home
page and the menu list them; every other app may import core.
"""
