from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums and live rooms"

    def ready(self):
        from forums.discussion import connect_page_cache

        connect_page_cache()
