"""Who may sign in to the admin, and what the site lets browsers and uploads do.

Owns two-step sign-in for the admin (`two_factor.py`: TOTP through django-otp, its admin
pages and the middleware that asks for the code), the audit of sign-ins in Wagtail's log
(`audit.py`), the content check on uploaded documents (`uploads.py`) and the security
headers on every response (`headers.py`: Content-Security-Policy, Permissions-Policy, the
admin's framing rules). The lockout after failed sign-ins is django-axes, configured in
settings (`AXES_*` in hlp_site/settings/base.py). It imports no other app of the project.
"""
