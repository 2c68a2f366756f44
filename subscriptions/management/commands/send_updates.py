"""Send email updates: what each confirmed subscription has not yet had.

    python manage.py send_updates

Run it every few minutes (the compose `mailer` service, or cron; see README). Each run
also deletes sign-ups left unconfirmed for 7 days and retries messages that failed.
"""

from django.core.management.base import BaseCommand

from subscriptions.sending import Run


class Command(BaseCommand):
    help = "Send new posts and events to confirmed subscribers (each one, or daily/weekly digests)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None, help="Addresses per batch.")

    def handle(self, *args, batch_size=None, **options):
        stats = Run(batch_size=batch_size).run()
        if options["verbosity"]:
            summary = ", ".join(f"{name}: {n}" for name, n in sorted(stats.items()) if n)
            self.stdout.write(f"Email updates: {summary or 'nothing to send'}.")
        if stats.get("messages failed") or stats.get("stopped early"):
            self.stderr.write("Some messages could not be sent; see the log and the admin report.")
