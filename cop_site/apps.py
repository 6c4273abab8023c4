from django.apps import AppConfig


class CopSiteConfig(AppConfig):
    """The project itself, installed for the commands that speak for the whole site (platform_status)."""

    name = "cop_site"
    verbose_name = "Site"
