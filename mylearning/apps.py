from django.apps import AppConfig


class MyLearningConfig(AppConfig):
    """What members do with what they read; above content (learning, casestudies) and forums."""

    name = "mylearning"
    verbose_name = "My learning"
