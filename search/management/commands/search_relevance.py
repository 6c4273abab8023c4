import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.backends.base import BackendUnavailable
from search.relevance import DEFAULT_JUDGEMENTS, ENGINES, K, available_engines, evaluate, load_judgements, report


class Command(BaseCommand):
    help = (
        "Report nDCG@10 over judged queries for the database backend, the Elasticsearch backend (when "
        "ELASTICSEARCH_URL is set) and Wagtail's default search as the baseline. Each runs over a fresh "
        "index of this database; the live indexes are left as they are. The held-out set is "
        "--judgements tests/search/judgements_holdout.py: report it, never tune on it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--judgements",
            default=str(DEFAULT_JUDGEMENTS),
            help="A Python file defining JUDGEMENTS (and KINDS); a relative path may be from the project's directory.",
        )
        parser.add_argument(
            "--engine",
            action="append",
            choices=ENGINES,
            dest="engines",
            help="Run only this engine (repeatable). Default: every available one.",
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print the figures as JSON.")
        parser.add_argument("--per-query", action="store_true", help="Show every query's nDCG, not only the means.")
        parser.add_argument("--by-kind", action="store_true", help="Show the mean nDCG of each kind of query too.")

    def handle(self, *args, judgements, engines, as_json, per_query, by_kind=False, **options):
        judgements = _resolve(judgements)
        try:
            judged = load_judgements(judgements)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"cannot read judgements from {judgements}: {exc}") from exc
        engines = engines or available_engines()
        progress = None if as_json else (lambda name: self.stderr.write(f"indexing and querying: {name}"))
        try:
            results = evaluate(judged, engines, progress=progress)
        except BackendUnavailable as exc:
            raise CommandError(str(exc)) from exc
        figures = report(results, judged)
        if as_json:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        if per_query:
            self._table(
                ["query", *engines],
                [[q, *(f"{v:.3f}" for v in row.values())] for q, row in figures["per_query"].items()],
            )
            self.stdout.write("")
        if by_kind:
            self._table(
                ["kind", "queries", *engines],
                [
                    [kind, str(count), *(f"{figures['mean_ndcg_by_kind'][name][kind]:.3f}" for name in engines)]
                    for kind, count in figures["queries_by_kind"].items()
                ],
            )
            self.stdout.write("")
        self._table(
            ["engine", f"mean nDCG@{K}", "queries"],
            [[name, f"{mean:.3f}", str(figures["queries"])] for name, mean in figures["mean_ndcg"].items()],
        )
        self._verdict(figures["mean_ndcg"])

    def _table(self, header, rows):
        widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
        line = "| " + " | ".join(f"{{:{w}}}" for w in widths) + " |"
        self.stdout.write(line.format(*header))
        self.stdout.write("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in rows:
            self.stdout.write(line.format(*row))

    def _verdict(self, means):
        baseline = means.get("wagtail")
        if baseline is None:
            return
        for name in ("database", "elasticsearch"):
            if name in means:
                beats = means[name] > baseline
                style = self.style.SUCCESS if beats else self.style.WARNING
                word = "beats" if beats else "does not beat"
                self.stdout.write(style(f"{name} {word} the Wagtail baseline ({means[name]:.3f} vs {baseline:.3f})"))


def _resolve(path):
    """The judgements file as given, or else relative to the project's directory (so that
    `--judgements tests/search/judgements_holdout.py` works from anywhere)."""
    given = Path(path)
    if given.is_absolute() or given.exists():
        return given
    return Path(settings.BASE_DIR) / given
