"""What makes a member's kept My learning stale, and the receivers that say so the moment it happens.

My learning is kept per member (mylearning/overview_kept.py) under fragment scopes (cop_site/fragments.py).
Some already exist and are bumped elsewhere: the site's content (`CONTENT`: a publish, an unpublish, a
changed restriction, the taxonomy), what every page shows about a member (`member_scope`: a notification,
a membership, their groups), their bookmarks and suspension (`member_acts`), anyone's profile (`PROFILES`)
and what a group means (`ROLES`). This module adds three:

- `scope(user id)`: the member's own learning that no other scope reports: pathway progress and
  reflections, "used in practice", followed themes, session reminders, and the case study
  proposals they are credited on (a reviewer's decision, a withdrawal, a new contributor);
- `community_scope(community id)`: what a community shows on its members' My learning, and to a member
  who saved one of its threads or asked to be reminded of one of its sessions: its threads and visible
  posts (a new thread, a reply, an edit, a hidden or removed post, a thread moved in or out), its name
  and visibility, its rooms' titles and its scheduled sessions (a room or a session moved out too);
- `reads_scope(user id)`: the member's reads, which only the page's suggestions and Recently read are kept
  under, so reading a page does not renew the rest of My learning.

Every write of these goes through a model save or delete, whose signals are connected below, except
a member's read, which reading.py counts with an UPDATE and reports itself (`reader_read`).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail.models import TaskState, WorkflowState

from accounts.models import Profile
from casestudies.models import Proposal
from cop_site import fragments
from forums.models import Community, Post, Thread
from mylearning.models import Bookmark, PathwayEnrolment, PracticeUse, StepProgress
from rooms.models import Room, ScheduledSession, SessionReminder


def scope(user_id):
    """The scope of one member's own learning (reads, pathways, practice, themes, reminders, proposals)."""
    return fragments.scope("my-learning", user_id)


def community_scope(community_id):
    """The scope of what one community shows on My learning (its threads, posts, name, rooms and sessions)."""
    return fragments.scope("my-learning-community", community_id)


def learner_changed(*user_ids):
    """These members' own learning changed: their kept My learning is worked out afresh."""
    ids = {pk for pk in user_ids if pk is not None}
    if ids:
        fragments.bump(*(scope(pk) for pk in ids))


def reads_scope(user_id):
    """The scope of what one member's reads change on My learning: its suggestions and Recently read."""
    return fragments.scope("my-learning-reads", user_id)


def reader_read(user_id):
    """The member read a content page: their suggestions and Recently read are worked out afresh, nothing else."""
    fragments.bump(reads_scope(user_id))


def communities_changed(*community_ids):
    ids = {pk for pk in community_ids if pk is not None}
    if ids:
        fragments.bump(*(community_scope(pk) for pk in ids))


# --- the member's own --------------------------------------------------------------------------------
def _enrolment_changed(sender, instance, **kwargs):
    learner_changed(instance.user_id)


def _parent_values(instance, relation, field):
    """`field` of the row that `instance`'s foreign key `relation` points at: from the related object when
    it is loaded already, else by one query (none found when that row is gone)."""
    descriptor = getattr(type(instance), relation)
    if descriptor.is_cached(instance):
        return [getattr(getattr(instance, relation), field)]
    parents = descriptor.field.related_model.objects.filter(pk=getattr(instance, descriptor.field.attname))
    return list(parents.values_list(field, flat=True))


def _step_changed(sender, instance, **kwargs):
    learner_changed(*_parent_values(instance, "enrolment", "user_id"))


def _practice_changed(sender, instance, **kwargs):
    learner_changed(instance.user_id)


def _reminder_changed(sender, instance, **kwargs):
    learner_changed(instance.member_id)


def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Profile):
        learner_changed(instance.user_id)
    else:  # profiles added to or taken from a theme
        profiles = Profile.objects.all() if pk_set is None else Profile.objects.filter(pk__in=pk_set)
        learner_changed(*profiles.values_list("user_id", flat=True))


# --- proposals: the people credited on them ------------------------------------------------------------
def _credited(page_ids):
    proposals = Proposal.objects.filter(page_id__in=page_ids)
    users = get_user_model().objects.filter(
        Q(case_study_proposals__in=proposals) | Q(case_study_contributions__in=proposals)
    )
    return users.values_list("pk", flat=True).distinct()


def _proposal_changed(sender, instance, **kwargs):
    learner_changed(instance.author_id, *_credited([instance.page_id]))


def _contributors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Proposal):
        learner_changed(instance.author_id, *(pk_set or ()), *_credited([instance.page_id]))
    else:  # a member added to or taken from proposals
        learner_changed(instance.pk)


def _workflow_changed(sender, instance, **kwargs):
    """A proposal's state is its page's workflow's (submitted, changes asked for, approved, cancelled)."""
    page_id = instance.object_id if isinstance(instance, WorkflowState) else instance.workflow_state.object_id
    if str(page_id).isdigit():
        learner_changed(*_credited([int(page_id)]))


# --- communities ----------------------------------------------------------------------------------------
def _community_changed(sender, instance, **kwargs):
    communities_changed(instance.pk)


def _moved_from(instance, field, update_fields):
    """The value `field` had before this save when it is changing now, else None (no query when it cannot be)."""
    attname = type(instance)._meta.get_field(field).attname
    if instance.pk is None or (update_fields is not None and not {field, attname} & set(update_fields)):
        return None
    was = type(instance).objects.filter(pk=instance.pk).values_list(attname, flat=True).first()
    return was if was is not None and was != getattr(instance, attname) else None


def _thread_moving(sender, instance, raw=False, update_fields=None, **kwargs):
    """A thread moved to another community leaves the one it was in, and the reach of those who saved it changes."""
    was_in = None if raw else _moved_from(instance, "community", update_fields)
    if was_in is not None:
        communities_changed(was_in)
        saved = Bookmark.objects.filter(content_type=ContentType.objects.get_for_model(Thread), object_id=instance.pk)
        learner_changed(*saved.values_list("user_id", flat=True))


def _room_moving(sender, instance, raw=False, update_fields=None, **kwargs):
    """A room moved to another community takes its sessions out of the one it was in, and out of reminded reach."""
    was_in = None if raw else _moved_from(instance, "community", update_fields)
    if was_in is not None:
        communities_changed(was_in)
        learner_changed(*SessionReminder.objects.filter(session__room=instance).values_list("member_id", flat=True))


def _session_moving(sender, instance, raw=False, update_fields=None, **kwargs):
    """A session moved to another room leaves the community of the room it was in."""
    was_in = None if raw else _moved_from(instance, "room", update_fields)
    if was_in is not None:
        communities_changed(*Room.objects.filter(pk=was_in).values_list("community_id", flat=True))
        learner_changed(*SessionReminder.objects.filter(session=instance).values_list("member_id", flat=True))


def _thread_changed(sender, instance, **kwargs):
    communities_changed(instance.community_id)


def _post_changed(sender, instance, **kwargs):
    communities_changed(*_parent_values(instance, "thread", "community_id"))


def _room_changed(sender, instance, **kwargs):
    communities_changed(instance.community_id)


def _session_changed(sender, instance, **kwargs):
    communities_changed(*_parent_values(instance, "room", "community_id"))


def connect():
    """Called once from MyLearningConfig.ready."""
    uid = "mylearning.freshness"
    for signal in (post_save, post_delete):
        for model, receiver in (
            (PathwayEnrolment, _enrolment_changed),
            (StepProgress, _step_changed),
            (PracticeUse, _practice_changed),
            (SessionReminder, _reminder_changed),
            (WorkflowState, _workflow_changed),
            (TaskState, _workflow_changed),
            (Community, _community_changed),
            (Thread, _thread_changed),
            (Post, _post_changed),
            (Room, _room_changed),
            (ScheduledSession, _session_changed),
        ):
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}.{model.__name__}.{id(signal)}")
    # before a proposal goes, while its contributors may still be found
    for signal in (post_save, pre_delete):
        signal.connect(_proposal_changed, sender=Proposal, dispatch_uid=f"{uid}.Proposal.{id(signal)}")
    pre_save.connect(_thread_moving, sender=Thread, dispatch_uid=f"{uid}.thread-moving")
    pre_save.connect(_room_moving, sender=Room, dispatch_uid=f"{uid}.room-moving")
    pre_save.connect(_session_moving, sender=ScheduledSession, dispatch_uid=f"{uid}.session-moving")
    m2m_changed.connect(_themes_changed, sender=Profile.themes_of_interest.through, dispatch_uid=f"{uid}.themes")
    m2m_changed.connect(_contributors_changed, sender=Proposal.contributors.through, dispatch_uid=f"{uid}.credits")
