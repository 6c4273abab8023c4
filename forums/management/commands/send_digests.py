from django.core.management.base import BaseCommand

from forums import notifications


class Command(BaseCommand):
    help = (
        "Email the weekly digest (new pages in members' themes, new threads in their communities) to members "
        "who asked for it and have not visited since their last one. Safe to run more than once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would get a digest; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        sent = skipped = 0
        for user in notifications.digest_candidates().iterator():
            content, reason = notifications.digest_for(user)
            if content is None:
                skipped += 1
                if options["verbosity"] >= 2:
                    self.stdout.write(f"  skipped {user.username}: {reason}")
                continue
            if not dry_run:
                notifications.send_digest(user, content)
            sent += 1
            self.stdout.write(
                f"  {'would send' if dry_run else 'sent'} {user.username} ({user.email}): "
                f"{len(content['pages'])} new pages, {len(content['threads'])} new threads"
            )
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(self.style.SUCCESS(f"{verb} {sent} digest{'s' if sent != 1 else ''}; skipped {skipped}."))
