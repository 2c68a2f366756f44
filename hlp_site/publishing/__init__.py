"""How the comms team publishes: the admin's tools for editors, not pages.

Owns the roles and the "Comms sign-off" workflow (`roles.py`, granted by a data migration
and, for each new section index page, by the signal in `apps.py`), the dashboard's "Work in
progress" panel (`dashboard.py`), the tag vocabulary and its admin (`tags.py`,
`tag_admin.py`: usage, rename, merge, delete), the editorial checks in the userbar (the
WCAG 2.2 checker in `wagtail_hooks.py`), and the article importer (`importer.py`, the
`import_article` command, `stream_data.py` builders of StreamField raw data). The admin's
Posts and Resources listings are the news app's (news/admin_listings.py). It may import core and
the content apps (programmes, news); of the project's apps only the demo imports it, and
core's data migration calls `roles.create_roles`.
"""
