from django.apps import AppConfig


class MyLearningConfig(AppConfig):
    """What members do with what they read; above content (learning, casestudies) and forums."""

    name = "mylearning"
    verbose_name = "My learning"

    def ready(self):
        from mylearning import proposals  # noqa: F401  (tells members what reviewers decided on their proposals)
