"""The editors' insight dashboard: a thin adapter from the query string to insights.dashboard."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from insights import dashboard, reports
from insights.access import can_view_insights
from insights.exports import DATASETS, dataset_csv


def insights_dashboard(request):
    if not can_view_insights(request.user):
        return _forbidden(request)
    output = request.GET.get("format", "html")
    if output not in ("html", "csv"):
        return _bad_request("Choose format=csv to download a dataset, or leave the format out.")
    period_error = ""
    try:
        months = reports.parse_period(request.GET.get("period"))
    except reports.PeriodError as error:
        if output == "csv":
            return _bad_request(str(error))
        months = reports.DEFAULT_PERIOD
        period_error = f"{error} Showing the last {months} months instead."
    if output == "csv":
        return _csv(request.GET.get("dataset", ""), months)
    context = {
        "header_title": "Insights",
        "page_title": "Insights",
        "header_icon": "table",
        "months": months,
        "periods": reports.PERIODS,
        "period_error": period_error,
        **dashboard.build(months),
    }
    return render(request, "insights/dashboard.html", context)


def _csv(name, months):
    if name not in DATASETS:
        return _bad_request(f"Unknown dataset. Choose one of: {', '.join(DATASETS)}.")
    response = HttpResponse(dataset_csv(name, months), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="insights-{name}-{months}-months.csv"'
    return response


def _bad_request(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _forbidden(request):
    """A plain 403 (Wagtail would turn PermissionDenied into a redirect that hides the refusal)."""
    context = {"header_title": "Insights", "page_title": "Insights", "header_icon": "table"}
    return render(request, "insights/forbidden.html", context, status=403)
