from django.conf import settings
from django.core.management.base import BaseCommand

from cop_site.env import email_goes_to_the_terminal
from cop_site.health import platform_status
from demo.site import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Say which services the platform uses and whether each one answers; print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="The address the site is about to be served on.")

    def handle(self, *args, url=None, **options):
        status = platform_status()
        db, layer, search = status["database"], status["channel_layer"], status["search"]
        self.stdout.write("")
        if url:
            self.stdout.write(self.style.SUCCESS(f"Serving Communities of Practice Scotland on {url}"))
        self.stdout.write(f"  database       {db['vendor']}{_problem(db)}")
        self.stdout.write(f"  live updates   {layer['backend']} channel layer{_problem(layer)}")
        self.stdout.write(f"  search         {search['backend']} {search.get('version', '')}{_problem(search)}")
        if email_goes_to_the_terminal(settings.EMAIL_BACKEND):
            self.stdout.write("  email          printed here, in this terminal, not sent (EMAIL_URL sends it)")
            self.stdout.write("                 a newcomer's link to confirm their address appears here when they join")
        else:
            self.stdout.write(f"  email          sent through {_email_server()}")
        self.stdout.write(f"Demo accounts, password '{settings.COP_DEMO_PASSWORD}' (set COP_DEMO_PASSWORD to change):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<13} {account.role}")
        self.stdout.write("Editors and reviewers sign in at /admin/. Press Ctrl+C to stop.")


def _email_server():
    if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        return f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return settings.EMAIL_BACKEND


def _problem(part):
    return "" if part["available"] else f"  UNAVAILABLE: {part.get('detail', '')}"
