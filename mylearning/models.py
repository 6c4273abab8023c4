"""What members do with what they read: bookmarks, pathway progress and reflections, use in practice, reads.

Every row here belongs to one member and goes with their account (see accounts' deletion), except
the anonymous daily read counts editors see on their dashboard. The models moved here from
`learning` and keep its tables (`learning_*`, see migrations/0001_initial.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

PRACTICE_NOTE_MAX_LENGTH = 500
REFLECTION_MAX_LENGTH = 4000


class Bookmark(models.Model):
    """'Save for later' on anything with a page of its own: a Wagtail page or a forum thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "learning_bookmark"
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="one_bookmark_per_target")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.user} saved {self.content_type.model} {self.object_id}"


class PathwayEnrolment(models.Model):
    """A member on a learning pathway: started when they press Start, completed when every step is done."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pathway_enrolments")
    pathway = models.ForeignKey("learning.LearningPathwayPage", on_delete=models.CASCADE, related_name="enrolments")
    started = models.DateTimeField(default=timezone.now)
    completed = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "learning_pathwayenrolment"
        ordering = ["-started", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "pathway"], name="one_enrolment_per_pathway")]

    def __str__(self):
        return f"{self.user} on {self.pathway}"


class StepProgress(models.Model):
    """One step of an enrolment: done or not, and the member's private reflection on it.

    Steps are StreamField blocks, so a step is named by its block id: editors may reorder steps
    without anyone's progress moving to another step. The reflection follows the action-research
    cycle (plan, act, observe, reflect) and is seen by its author only, unless they share it.
    """

    enrolment = models.ForeignKey(PathwayEnrolment, on_delete=models.CASCADE, related_name="steps")
    step_id = models.CharField(max_length=64)
    done = models.DateTimeField(null=True, blank=True)
    plan = models.TextField(blank=True, max_length=REFLECTION_MAX_LENGTH)
    act = models.TextField(blank=True, max_length=REFLECTION_MAX_LENGTH)
    observe = models.TextField(blank=True, max_length=REFLECTION_MAX_LENGTH)
    reflect = models.TextField(blank=True, max_length=REFLECTION_MAX_LENGTH)
    updated = models.DateTimeField(default=timezone.now)
    # Set when the author shares the reflection to a community thread (forums does the posting).
    shared_url = models.CharField(max_length=300, blank=True)
    shared = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "learning_stepprogress"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "step_id"], name="one_progress_per_step")]

    def __str__(self):
        return f"step {self.step_id} of {self.enrolment}"

    @property
    def has_reflection(self):
        return any((self.plan.strip(), self.act.strip(), self.observe.strip(), self.reflect.strip()))


class PracticeUse(models.Model):
    """'I've used this in practice' on a guide or case study: the count is public, notes are for members."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_uses")
    page = models.ForeignKey("learning.ContentPage", on_delete=models.CASCADE, related_name="practice_uses")
    note = models.CharField(max_length=PRACTICE_NOTE_MAX_LENGTH, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "learning_practiceuse"
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_practice_use_per_page")]

    def __str__(self):
        return f"{self.user} used {self.page}"


class PageReadDay(models.Model):
    """How many times a page was read on a day, by anyone: the editors' 'most read' without a row per view."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "learning_pagereadday"
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="one_read_count_per_page_and_day")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.page_id} read {self.reads} times on {self.day}"


class MemberRead(models.Model):
    """What a member read and when last: 'recently read' and recommendations in My learning."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="page_reads")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    first_read = models.DateTimeField(default=timezone.now)
    last_read = models.DateTimeField(default=timezone.now, db_index=True)
    reads = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "learning_memberread"
        ordering = ["-last_read", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_member_read_per_page")]

    def __str__(self):
        return f"{self.user} read {self.page_id}"
