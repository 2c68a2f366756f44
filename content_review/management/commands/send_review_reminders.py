"""Email each page owner a digest of pages due for review; run it once a day (see README)."""

from django.core.management.base import BaseCommand, CommandError

from content_review.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email owners their pages due for review in 14 days or overdue, and the owning "
        "team's Moderators the pages that are long overdue or have nobody to look after "
        "them. Sends each address at most one email a day."
    )

    def handle(self, *args, **options):
        outcome = send_reminders()
        for address in outcome.sent:
            self.stdout.write(f"Sent a review reminder to {address}.")
        if outcome.already_sent:
            self.stdout.write(
                f"Already sent today, not sent again: {len(outcome.already_sent)} address(es)."
            )
        for team in sorted(outcome.teams_without_moderators):
            self.stderr.write(
                f"Team “{team}” has no Moderators with an email address: "
                "its late pages have nobody to escalate to. Add a Moderator to the team."
            )
        for title, why in outcome.unreachable:
            self.stderr.write(f"Nobody to remind about “{title}” ({why}).")
        for address, error in outcome.failed:
            self.stderr.write(f"Could not send to {address}: {error}")
        if not outcome.sent and not outcome.already_sent:
            if outcome.failed or outcome.unreachable:
                raise CommandError("No review reminder could be sent.")
            self.stdout.write("No pages are due for review in the next 14 days.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Review reminders sent: {len(outcome.sent)}."))
