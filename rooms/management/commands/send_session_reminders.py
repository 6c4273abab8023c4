from django.core.management.base import BaseCommand

from rooms import schedule


class Command(BaseCommand):
    help = (
        "Send the reminders members asked for before scheduled sessions, in the app and by email (each once). "
        "Run it every few minutes; it is safe to run at any time and more than once."
    )

    def handle(self, *args, **options):
        sent, skipped = schedule.send_due_reminders()
        message = f"{sent} reminder{'s' if sent != 1 else ''} sent"
        if skipped:
            message += f"; {skipped} not sent to members who can no longer see the session"
        self.stdout.write(self.style.SUCCESS(message + "."))
