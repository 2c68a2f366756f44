"""Create or update the local superuser "admin" (development only).

    python manage.py ensure_dev_superuser

The password is $DEV_ADMIN_PASSWORD, or a fixed development password. Refuses to run
unless settings.DEBUG is True, so it can never plant a known password in production.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

USERNAME = "admin"
DEFAULT_PASSWORD = "hlp-local-admin-2026"
EMAIL = "admin@localhost"


class Command(BaseCommand):
    help = "Create or update the development superuser 'admin' (only when DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_superuser only runs with DEBUG = True (development settings). "
                "In production use `manage.py createsuperuser`."
            )
        password = os.environ.get("DEV_ADMIN_PASSWORD") or DEFAULT_PASSWORD
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: USERNAME}).first()
        created = user is None
        if created:
            user = User(**{User.USERNAME_FIELD: USERNAME})
            if hasattr(user, "email") and not user.email:
                user.email = EMAIL
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()
        action = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{action} superuser '{USERNAME}'."))
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000{reverse('wagtailadmin_home')}  "
            f"user: {USERNAME}  password: {password}"
        )
