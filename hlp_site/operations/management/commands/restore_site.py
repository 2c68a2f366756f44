from django.core.management.base import BaseCommand, CommandError

from hlp_site.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup_site archive into an empty database (and its media)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database-url", help="Target database (default: the configured one)")
        parser.add_argument("--media-root", help="Where to put media (default: MEDIA_ROOT)")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already has content"
        )

    def handle(self, *args, archive, database_url=None, media_root=None, force=False, **options):
        try:
            manifest = restore_backup(archive, database_url, media_root, force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            f"Restored {archive}: {counts['pages']} pages, {counts['revisions']} revisions "
            f"(taken {manifest['created']})."
        )
