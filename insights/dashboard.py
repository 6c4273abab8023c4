"""The dashboard's sections: each report's data with its chart, ready for the template."""

from insights import charts, reports

DATASET_NAMES = {
    "published": "content published per month",
    "most-read": "most read pages",
    "most-discussed": "most discussed pages",
    "searches-without-results": "searches with no results",
    "participation-forums": "participation in forums by level",
    "participation-rooms": "participation in rooms by level",
}


def build(months):
    """Everything the template shows for a period of `months`: data for the tables, SVG for the charts."""
    published = reports.published_per_month(months)
    read = reports.most_read(months)
    discussed = reports.most_discussed(months)
    searches = reports.searches_without_results(months)
    participation = reports.participation_by_level(months)
    period = f"the last {months} months"
    return {
        "proposals_waiting": reports.proposals_waiting(),
        "published": published,
        "published_chart": charts.stacked_bar_chart(
            "chart-published",
            "Content published per month, by type",
            f"Stacked bars: pages first published in each month of {period}, split into case studies, "
            "evidence summaries, practice guides and learning pathways. The table below gives the numbers.",
            [row["label"] for row in published["months"]],
            published["series"],
            [row["counts"] for row in published["months"]],
        ),
        "most_read": read,
        "most_read_chart": charts.horizontal_bar_chart(
            "chart-most-read",
            "Most read pages",
            f"Horizontal bars: the {len(read)} pages read most often in {period}, most read first.",
            [row["title"] for row in read],
            [row["reads"] for row in read],
        ),
        "most_discussed": discussed,
        "most_discussed_chart": charts.horizontal_bar_chart(
            "chart-most-discussed",
            "Most discussed pages",
            f"Horizontal bars: the {len(discussed)} pages whose comments had the most visible posts in {period}.",
            [row["title"] for row in discussed],
            [row["posts"] for row in discussed],
        ),
        "searches": searches,
        "searches_chart": charts.horizontal_bar_chart(
            "chart-searches",
            "Searches with no results",
            f"Horizontal bars: the {len(searches['gaps'])} searches that found nothing most often in {period}.",
            [row["query"] for row in searches["gaps"]],
            [row["searches"] for row in searches["gaps"]],
        ),
        "levels": participation["series"],
        "participation": [
            _participation_section(place, title, participation, period)
            for place, title in (("forums", "Forum posts"), ("rooms", "Room messages"))
        ],
        "datasets": DATASET_NAMES,
    }


def _participation_section(place, title, participation, period):
    months = participation[place]
    return {
        "place": place,
        "title": f"{title} by level",
        "dataset": f"participation-{place}",
        "months": months,
        "chart": charts.stacked_bar_chart(
            f"chart-participation-{place}",
            f"{title} by the author's level, share per month",
            f"Bars stacked to 100%: for each month of {period}, the share of {title.lower()} written by "
            "frontline staff, managers, strategic leaders, researchers, community members, anonymously, and by "
            "people who gave no level; n is the number in the month. The table below gives the numbers.",
            [row["label"] for row in months],
            participation["series"],
            [row["counts"] for row in months],
            percent=True,
        ),
    }
