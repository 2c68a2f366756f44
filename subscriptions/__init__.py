"""Email updates: people subscribe to a programme (with its sub-programmes), a tag or
everything, confirm by email, and get each new post, or a daily or weekly digest.

Owns the subscribers, their subscriptions, the outbox of messages and what each address
has been sent; the /subscribe/ pages (form, confirm, manage, unsubscribe);
`manage.py send_updates`; delivery through GOV.UK Notify or Django's email backend; the
admin report and the data requests (export, erasure).

May import `hlp_site.core` (visibility, settings), `programmes` and `news` (to match posts
through their own tag rules, see sources.py). Nothing else imports it except the URLconf,
the one-line "Get email updates" tags in templates and the demo content loader.
"""
