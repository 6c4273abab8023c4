from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """The editors' dashboard: it reads every app (as search/ does), so no other app has to know them all."""

    name = "insights"
    verbose_name = "Insights"
