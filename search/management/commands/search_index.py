import sys

from django.core.management.base import BaseCommand, CommandError

from search.backends.base import BackendUnavailable
from search.indexing import retry_pending
from search.rebuild import rebuild, status


class Command(BaseCommand):
    help = "Rebuild the search index from the database, show its status, or retry failed updates."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "retry"])

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")()
        except BackendUnavailable as exc:
            raise CommandError(f"{exc}. Failed updates stay queued; run 'search_index retry' when it is back.") from exc

    def do_rebuild(self):
        result = rebuild(progress=self._progress)
        self.stdout.write("")
        where = f" into {result['index']} ({result['profile']} analysis)" if "index" in result else ""
        self.stdout.write(self.style.SUCCESS(f"Indexed {result['documents']} documents on {result['backend']}{where}."))
        seconds = dict(result["seconds"])
        total = seconds.pop("total")
        parts = ", ".join(f"{name} {value:.1f} s" for name, value in seconds.items())
        summed = f", summed over {result['workers']} worker processes" if result["workers"] > 1 else ""
        self.stdout.write(f"{total:.1f} s in all ({parts}{summed}).")

    def _progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if not sys.stdout.isatty() else "\r"
        self.stdout.write(f"[{bar}] {done}/{total}", ending=end)
        self.stdout.flush()

    def do_status(self):
        report = status()
        self.stdout.write(f"documents in the database that belong in the index: {report['expected']}")
        self.stdout.write(f"database backend holds: {report['database']}")
        if "elasticsearch" in report:
            self.stdout.write(
                f"elasticsearch holds: {report['elasticsearch']} in {', '.join(report['indices']) or 'no index'} "
                f"({report['profile']} analysis)"
            )
        in_step = (
            report["database"] == report["expected"]
            and report.get("elasticsearch", report["expected"]) == report["expected"]
        )
        self.stdout.write(f"pending retries: {len(report['pending'])}")
        for pending in report["pending"]:
            self.stdout.write(
                f"  {pending['action']} {pending['doc_id']} ({pending['attempts']} tries): {pending['last_error'][:90]}"
            )
        style = self.style.SUCCESS if in_step and not report["pending"] else self.style.WARNING
        self.stdout.write(
            style(
                "in step" if in_step and not report["pending"] else "out of step: run 'search_index rebuild' or 'retry'"
            )
        )

    def do_retry(self):
        succeeded, remaining = retry_pending()
        self.stdout.write(f"retried {succeeded} updates; {remaining} still pending")
