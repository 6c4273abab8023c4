"""The dashboard's datasets as CSV: the same numbers as the tables, for editors' own spreadsheets.

Page titles and search queries are typed by editors and visitors, so a cell that a spreadsheet
would read as a formula (=, +, -, @, or a leading tab/carriage return) is prefixed with a quote.
"""

import csv
import io

from insights import reports

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell a spreadsheet shows as text, never runs: text that looks like a formula gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _published(months):
    data = reports.published_per_month(months)
    keys = [s["key"] for s in data["series"]]
    header = ["month", *[s["label"] for s in data["series"]], "total"]
    rows = [[row["month"].isoformat(), *[row["counts"][k] for k in keys], row["total"]] for row in data["months"]]
    return header, rows


def _pages(rows, name):
    header = ["title", "type", "url", name]
    return header, [[row["title"], row["type_label"], row["url"], row[name]] for row in rows]


def _participation(months, place):
    data = reports.participation_by_level(months)
    keys = [s["key"] for s in data["series"]]
    header = ["month", "level", "count", "share (%)"]
    rows = []
    for row in data[place]:
        for series, key in zip(data["series"], keys, strict=True):
            rows.append([row["month"].isoformat(), series["label"], row["counts"][key], row["shares"][key]])
    return header, rows


DATASETS = {
    "published": _published,
    "most-read": lambda months: _pages(reports.most_read(months), "reads"),
    "most-discussed": lambda months: _pages(reports.most_discussed(months), "posts"),
    "searches-without-results": lambda months: (
        ["query", "searches", "last searched"],
        [[r["query"], r["searches"], r["last"].isoformat()] for r in reports.searches_without_results(months)["gaps"]],
    ),
    "participation-forums": lambda months: _participation(months, "forums"),
    "participation-rooms": lambda months: _participation(months, "rooms"),
}


def dataset_csv(name, months):
    """The dataset as CSV text; KeyError for a name not in DATASETS."""
    header, rows = DATASETS[name](months)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
