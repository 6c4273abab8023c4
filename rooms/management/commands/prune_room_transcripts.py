from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rooms import retention


class Command(BaseCommand):
    help = (
        "Delete live-room messages older than ROOM_TRANSCRIPT_RETENTION_DAYS (0 keeps them for ever). "
        "Run it daily; it is safe to run at any time and more than once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be deleted; delete nothing.")
        parser.add_argument("--days", type=int, help="Use this retention instead of the setting (for a one-off).")

    def handle(self, *args, dry_run=False, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 (keep everything) or more.")
        days = retention.retention_days() if days is None else days
        now = timezone.now()
        before = retention.cutoff(days, now)
        if before is not None:
            self.stdout.write(f"Looking for room messages from before {before:%Y-%m-%d %H:%M} UTC...")
        verb = "would delete" if dry_run else "deleted"

        def progress(room, count):
            self.stdout.write(f"  {room.slug}: {verb} {count} message{'s' if count != 1 else ''}")

        result = retention.prune_room_transcripts(days=days, dry_run=dry_run, now=now, progress=progress)
        self.stdout.write(self.style.SUCCESS(result.describe()))
