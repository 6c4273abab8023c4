"""Moderation: members' flags, the queue of posts waiting for a decision, suspensions and the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Flag(models.Model):
    """A member's report that a post breaks the community's rules: one per member per post."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or disrespectful"
        OFF_TOPIC = "off_topic", "Off-topic"
        CONFIDENTIAL = "confidential", "Shares confidential information"

    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(blank=True, help_text="Anything the moderators should know.")
    created = models.DateTimeField(default=timezone.now)
    resolved = models.DateTimeField(null=True, blank=True, help_text="When a moderator decided on the post.")

    class Meta:
        ordering = ["created", "pk"]
        constraints = [models.UniqueConstraint(fields=["post", "flagged_by"], name="one_flag_per_member_per_post")]

    def __str__(self):
        return f"{self.flagged_by} flagged post {self.post_id} ({self.reason})"


class QueueEntry(models.Model):
    """A post waiting for a moderator's decision: flagged, hidden by flags, or edited while hidden."""

    class Reason(models.TextChoices):
        FLAGGED = "flagged", "Flagged by members"
        HIDDEN_BY_FLAGS = "hidden_by_flags", "Hidden automatically after flags"
        EDITED = "edited", "Edited by its author while hidden"

    post = models.OneToOneField("forums.Post", on_delete=models.CASCADE, related_name="queue_entry")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    since = models.DateTimeField(default=timezone.now)
    decided = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["since", "pk"]
        verbose_name_plural = "queue entries"

    def __str__(self):
        return f"post {self.post_id}: {self.get_reason_display()}"

    @property
    def is_open(self):
        return self.decided is None


class SuspensionQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(lifted__isnull=True, until__gt=now or timezone.now())


class Suspension(models.Model):
    """A member may not post (or enter rooms) until `until`, unless a moderator lifts it sooner."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    until = models.DateTimeField()
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    lifted = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.user} suspended until {self.until:%Y-%m-%d %H:%M}"

    def is_active(self, now=None):
        return self.lifted is None and self.until > (now or timezone.now())


class ModerationAction(models.Model):
    """The audit log: who did what to which post, message or member, when and why. Rows are never edited."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hid a post"
        AUTO_HIDE = "auto_hide", "Post hidden after flags"
        RESTORE = "restore", "Restored a post"
        DISMISS = "dismiss", "Dismissed flags"
        SUSPEND = "suspend", "Suspended a member"
        UNSUSPEND = "unsuspend", "Lifted a suspension"
        REMOVE_MESSAGE = "remove_message", "Removed a room message"
        RESTORE_MESSAGE = "restore_message", "Restored a room message"
        IDENTITY_LOOKUP = "identity_lookup", "Looked up who wrote an anonymous message"
        REPORT_MESSAGE = "report_message", "Reported a room message"
        REPORT_ENTRY = "report_entry", "Reported an inquiry entry"
        HIDE_ENTRY = "hide_entry", "Hid an inquiry entry"
        AUTO_HIDE_ENTRY = "auto_hide_entry", "Inquiry entry hidden after reports"
        RESTORE_ENTRY = "restore_entry", "Restored an inquiry entry"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # None: the site itself (a post hidden by members' flags)
    action = models.CharField(max_length=20, choices=Action.choices)
    target_type = models.CharField(max_length=20)  # "post", "user", "roommessage", "cycleentry"
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    community = models.ForeignKey(
        "forums.Community", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor or 'site'} {self.action} {self.target_type} {self.target_id}"
