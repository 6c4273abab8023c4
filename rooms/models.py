"""Live discussion rooms: a community's facilitated space for real-time dialogue.

Everything a room's state depends on lives in the database (messages, hands, floor, presence), so
any number of server processes can serve one room and a restarted process loses nothing.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Room(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    community = models.ForeignKey("forums.Community", on_delete=models.CASCADE, related_name="rooms")
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="What the conversation is for.")
    ground_rules = models.TextField(help_text="Shown to everyone on joining. One rule per line.")
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.CLOSED)
    allow_anonymous = models.BooleanField(default=False, help_text="Members may post without their name.")
    floor_control = models.BooleanField(
        default=False, help_text="Only the person with the floor (and facilitators) may post."
    )
    floor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    round_queue = models.JSONField(default=list, blank=True, help_text="Members still to speak in the current round.")
    round_floor_control = models.BooleanField(
        default=False, help_text="The current round turned floor control on, and turns it off when it ends."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "forums_room"  # the tables kept the names they had when rooms were part of forums
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rooms:room", args=[self.slug])  # /rooms/<slug>/: docs/protocols.md fixes this address

    @property
    def rules(self):
        return [line.strip() for line in self.ground_rules.splitlines() if line.strip()]


class RoomMessage(models.Model):
    """A message; its id increases within a room, which is what clients resume from."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    anonymous = models.BooleanField(default=False)
    body_source = models.TextField()
    body_html = models.TextField()
    client_id = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)
    removed = models.BooleanField(default=False)

    class Meta:
        db_table = "forums_roommessage"
        ordering = ["pk"]
        indexes = [models.Index(fields=["room", "id"], name="forums_room_room_id_26cbf5_idx")]
        constraints = [
            models.UniqueConstraint(fields=["room", "author", "client_id"], name="one_message_per_client_id")
        ]

    def __str__(self):
        return f"message {self.pk} in {self.room}"


class HandRaise(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="hands")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "forums_handraise"
        ordering = ["raised_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="one_hand_per_member")]

    def __str__(self):
        return f"{self.user} raised a hand in {self.room}"


class RoomPresence(models.Model):
    """One open connection. A heartbeat keeps `last_seen` fresh; stale rows are swept."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presence")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "forums_roompresence"

    def __str__(self):
        return f"{self.user} in {self.room}"


class RoomSession(models.Model):
    """The end of a session: the facilitator's summary, posted as a thread in the community."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="sessions")
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    key_points = models.TextField()
    actions = models.TextField(blank=True)
    participation = models.JSONField(default=dict)
    first_message = models.ForeignKey(RoomMessage, null=True, on_delete=models.SET_NULL, related_name="+")
    last_message = models.ForeignKey(RoomMessage, null=True, on_delete=models.SET_NULL, related_name="+")
    thread = models.ForeignKey("forums.Thread", null=True, on_delete=models.SET_NULL, related_name="+")
    # The inquiry cycle its summary was added to, as an observation (forums.inquiries.add_session_summary).
    cycle = models.ForeignKey(
        "forums.Cycle", null=True, blank=True, on_delete=models.SET_NULL, related_name="room_sessions"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "forums_roomsession"

    def __str__(self):
        return f"session of {self.room} on {self.created:%Y-%m-%d}"


class ScheduledSession(models.Model):
    """An upcoming session of a room: when, what about, and who facilitates it (rooms/schedule.py schedules it)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="scheduled_sessions")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    topic = models.CharField(max_length=200)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return f"{self.topic} in {self.room} at {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return f"{self.room.get_absolute_url()}#session-{self.pk}"


class SessionReminder(models.Model):
    """A member's wish to be reminded some minutes before a session starts; `sent_at` once it was sent."""

    class Before(models.IntegerChoices):
        QUARTER_HOUR = 15, "15 minutes before"
        HOUR = 60, "1 hour before"
        DAY = 1440, "1 day before"

    session = models.ForeignKey(ScheduledSession, on_delete=models.CASCADE, related_name="reminders")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_reminders")
    remind_before = models.PositiveIntegerField(choices=Before.choices, default=Before.HOUR)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_reminder_per_member_and_session")
        ]

    def __str__(self):
        return f"remind {self.member} {self.remind_before} minutes before {self.session}"
