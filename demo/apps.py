from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`manage.py load_demo_content`: demo pages, accounts, communities, rooms and learning activity."""

    name = "demo"
    verbose_name = "Demo content"
