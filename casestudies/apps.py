from django.apps import AppConfig


def _credits_changed(**kwargs):
    """A case study names its credited members as their profiles do: a change shows on the page at once."""
    from cop_site import page_cache

    page_cache.invalidate()  # cached pages for visitors and the shared parts of members' pages


def _profile_changed(instance, created=False, **kwargs):
    """Only a profile a case study credits can change what a page shows: a new member, or one credited
    nowhere, leaves every cached page as it is."""
    from django.db.models import Q

    from casestudies.models import Proposal

    if created:
        return
    user_id = instance.user_id
    if Proposal.objects.filter(Q(author_id=user_id) | Q(contributors__id=user_id)).exists():
        _credits_changed()


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from casestudies.models import Proposal

        uid = "casestudies.credits"
        for signal in (post_save, post_delete):
            # accounts' Profile by name: casestudies never imports accounts (docs/architecture.md).
            signal.connect(_profile_changed, sender="accounts.Profile", dispatch_uid=f"{uid}.profile.{id(signal)}")
            signal.connect(_credits_changed, sender=Proposal, dispatch_uid=f"{uid}.proposal.{id(signal)}")
        m2m_changed.connect(_credits_changed, sender=Proposal.contributors.through, dispatch_uid=f"{uid}.contributors")
