from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.learning import load_demo_learning
from demo.proposals import load_demo_proposals
from demo.rooms import load_demo_rooms
from demo.site import DEMO_ACCOUNTS, load_demo_content


class Command(BaseCommand):
    help = "Create the demo pages, communities, rooms, accounts and learning activity (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this looks like production. Pass --force to load demo content anyway.")
        changes = load_demo_content()
        changes += load_demo_rooms()  # after the accounts: the rooms' communities need their members
        changes += load_demo_learning()  # after the pages and accounts it is about
        changes += load_demo_proposals()  # a member's case study in review: after the pages and accounts
        for change in changes:
            self.stdout.write(f"  {change}")
        summary = f"{len(changes)} changes" if changes else "already up to date"
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({summary})."))
        if options["verbosity"] >= 2:
            for account in DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<13} {account.role}")
