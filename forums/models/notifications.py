"""What a member has been told about: in-app notifications (some also emailed) and weekly digests."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self):
        """Unread first, then newest first."""
        unread = models.ExpressionWrapper(models.Q(read_at__isnull=True), output_field=models.BooleanField())
        return self.alias(unread=unread).order_by("-unread", "-created", "-pk")


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", "Reply"
        MENTION = "mention", "Mention"
        FOLLOWED_POST = "followed_post", "New post in a thread you follow"
        JOIN_REQUEST = "join_request", "Request to join"
        JOIN_DECISION = "join_decision", "Answer to your request"
        MODERATION = "moderation", "Moderation"
        SESSION_REMINDER = "session_reminder", "Reminder of a room's session"
        CASE_STUDY_REVIEW = "case_study_review", "Review of a case study you proposed"
        INQUIRY_TEAM = "inquiry_team", "Invitation to an inquiry team"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The thread and post it is about, when there is one: emails are skipped once the member has read the thread.
    thread = models.ForeignKey("forums.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("forums.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    text = models.CharField(max_length=300)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"to {self.recipient}: {self.text}"

    @property
    def is_read(self):
        return self.read_at is not None


class DigestLog(models.Model):
    """A weekly digest sent to a member: when, and how much it held (send_digests reads the last one)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent = models.DateTimeField(default=timezone.now, db_index=True)
    pages = models.PositiveIntegerField(default=0)
    threads = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent", "-pk"]

    def __str__(self):
        return f"digest to {self.user} at {self.sent:%Y-%m-%d %H:%M}"
