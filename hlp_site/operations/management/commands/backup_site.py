from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hlp_site.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a restorable archive of the database and the uploaded media."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive path (default: backups/hlp-<time>.tar.gz)")

    def handle(self, *args, output=None, **options):
        output = output or f"backups/hlp-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            f"Backup written to {output} ({manifest['engine']}, {counts['pages']} pages, "
            f"{counts['revisions']} revisions)."
        )
