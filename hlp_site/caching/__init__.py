"""The whole-page cache for anonymous visitors, and when it must forget.

Owns one thing: storing the responses anonymous visitors get (``middleware.py``) under a
key made of the release, the content version, the host, the path and the query-string
parameters pages read, and the rules for when they go stale (``invalidation.py``): any
change that can show on a public page replaces the content version, a row in the database
written in the same transaction as the change (``models.py``), so no stored page outlives
a committed change even if the cache was unreachable when it was made; things that change
by the clock alone (a scheduled expiry, the site alert) bound how long a page is kept.

It may import Django, Wagtail and ``hlp_site.core`` (the site settings' alert times); no
page app imports it.
"""
