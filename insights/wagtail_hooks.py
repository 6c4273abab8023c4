"""The dashboard's place in the Wagtail admin: its address and an "Insights" item for the editorial team."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from insights.access import can_view_insights
from insights.views import insights_dashboard


@hooks.register("register_admin_urls")
def register_insights_url():
    # Wagtail wraps admin URLs in require_admin_access: people without admin access are sent to sign in.
    return [path("insights/", insights_dashboard, name="insights_dashboard")]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_insights(request.user)


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem("Insights", reverse("insights_dashboard"), name="insights", icon_name="table", order=850)
