from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "rooms"
    verbose_name = "Live rooms"

    def ready(self):
        from rooms import signals  # noqa: F401  (connects its receivers)
