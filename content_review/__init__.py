"""Content review: who owns each content page, when it was last reviewed and when it is due.

Owns the `ContentReviewMixin` (owner, owning team, review interval, last reviewed, next
review due; page-wide state that never travels in revisions), the `ArchiveMixin` for
programmes that have ended, the "Mark as reviewed" action and its audit-log entry, the
"Content review" report and dashboard panel, the `send_review_reminders` command, and the
public "Page last reviewed" line. Page apps (core, programmes, blog) import the mixins from
here; this app imports nothing from them at module level (it finds reviewed page models
through `apps.get_models()`), and may use `hlp_site.publishing.roles` and
`hlp_site.core.visibility`.
"""
