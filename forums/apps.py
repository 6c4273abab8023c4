from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums and live rooms"

    def ready(self):
        from forums import room_signals  # noqa: F401  (connects its receivers)
