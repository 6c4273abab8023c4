import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.reports import content_gaps, top_queries, totals


def search_report(request):
    days = request.GET.get("days", "30")
    days = int(days) if days.isdigit() and 1 <= int(days) <= 365 else 30
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="search-queries-{days}-days.csv"'
        writer = csv.writer(response)
        writer.writerow(["query", "searches", "best result count"])
        for row in top_queries(days, limit=1000):
            writer.writerow([row["query"], row["searches"], row["results"]])
        return response
    context = {
        "header_title": "Search queries",
        "page_title": "Search queries",
        "header_icon": "search",
        "days": days,
        "top": top_queries(days),
        "gaps": content_gaps(days),
        "totals": totals(days),
    }
    return render(request, "search/admin/search_report.html", context)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search-queries/", search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        "Search queries", reverse("search_report"), name="search-queries", icon_name="search", order=900
    )
