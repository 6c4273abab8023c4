from django.apps import AppConfig


def _profile_changed(created=False, **kwargs):
    """A name beside a comment or a practice note is a profile's: kept member parts of pages go stale
    (a new member's profile is beside nothing yet)."""
    from cop_site import fragments

    if created:
        return
    fragments.bump(fragments.PROFILES)


class MyLearningConfig(AppConfig):
    """What members do with what they read; above content (learning, casestudies) and forums."""

    name = "mylearning"
    verbose_name = "My learning"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from mylearning import (
            freshness,
            proposals,  # noqa: F401  (tells members what reviewers decided on their proposals)
        )

        freshness.connect()  # what makes a member's kept My learning stale

        for signal in (post_save, post_delete):
            # accounts' Profile by name, as casestudies/apps.py listens for it
            signal.connect(_profile_changed, sender="accounts.Profile", dispatch_uid=f"mylearning.profile.{id(signal)}")
