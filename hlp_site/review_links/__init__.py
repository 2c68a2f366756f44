"""Share links: one revision of a draft, read-only, for reviewers outside the CMS.

Clinical leads and partners' press offices sign off drafts without an admin account. A
Moderator or Editor who may edit a page makes a link to its latest revision from the
page's action menu ("Share for review"); the link expires (7 days by default), can be
revoked, is listed on the page's "Share for review" screen with who made it and when, and
is logged in the page's history (wagtail.log_actions). The public view (`/review/<token>/`)
renders exactly the shared revision, marked "Draft for review", never indexed (noindex
header and meta) or stored (no-store; the whole-page cache skips `/review/`).

Why our own app and not wagtaildraftsharing (its per-revision model was the brief's
choice): its latest release, 0.3.0 (PyPI, May 2025), declares Wagtail 5 and 6 and Django up
to 5.1 only, not Wagtail 8; and it keeps each link's key in the database as it is, so a
database dump hands out working links. Here only a SHA-256 of a 256-bit random token is
stored: the full link is shown once, to the person who made it.

Imports core's Wagtail models only; nothing in the project imports it except settings,
urls.py and the base template's banner include.
"""
