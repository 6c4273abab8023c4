"""How long live-room transcripts are kept: ROOM_TRANSCRIPT_RETENTION_DAYS (0 keeps them for ever).

`prune_room_transcripts` deletes room messages older than that, room by room. Message ids are what
clients resume from (`?after=<id>`), so a new message must never get an id lower than one a client
has seen: deleting rows cannot cause that, because ids come from the database's sequence (an
AUTOINCREMENT column on SQLite, an identity sequence on PostgreSQL), which never hands out an id
again, even once the rows holding the highest ids are gone.

Sessions point at their first and last message. A link to a deleted message is cleared by the
foreign key (SET_NULL); a session whose first messages go but whose last one stays has its first
link moved to the oldest message it still has, so its transcript shows what is left.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rooms.models import Room, RoomMessage, RoomSession

BATCH = 500


@dataclass
class PruneResult:
    days: int
    cutoff: object  # the datetime before which messages go; None when retention is off
    messages: int = 0
    rooms: int = 0
    dry_run: bool = False

    def describe(self):
        if not self.days:
            return "Room transcripts are kept for ever (ROOM_TRANSCRIPT_RETENTION_DAYS is 0): nothing deleted."
        verb = "Would delete" if self.dry_run else "Deleted"
        messages = f"{self.messages} message{'s' if self.messages != 1 else ''}"
        rooms = f"{self.rooms} room{'s' if self.rooms != 1 else ''}"
        return f"{verb} {messages} from {rooms} older than {self.days} day{'s' if self.days != 1 else ''}."


def retention_days():
    return max(int(getattr(settings, "ROOM_TRANSCRIPT_RETENTION_DAYS", 0) or 0), 0)


def cutoff(days, now=None):
    """Messages created before this are past retention; None when transcripts are kept for ever."""
    return (now or timezone.now()) - timedelta(days=days) if days > 0 else None


def prune_room_transcripts(days=None, dry_run=False, now=None, progress=None):
    """Delete room messages older than `days` (the setting by default). `progress(room, count)` is
    called for each room with old messages. Returns a PruneResult; a dry run changes nothing."""
    days = retention_days() if days is None else max(int(days), 0)
    result = PruneResult(days=days, cutoff=cutoff(days, now), dry_run=dry_run)
    if result.cutoff is None:
        return result
    old = RoomMessage.objects.filter(created__lt=result.cutoff)
    for room in Room.objects.filter(pk__in=old.values("room_id")).order_by("pk"):
        count = _prune_room(room, result.cutoff) if not dry_run else old.filter(room=room).count()
        if count:
            result.messages += count
            result.rooms += 1
            if progress:
                progress(room, count)
    return result


@transaction.atomic
def _prune_room(room, before):
    doomed = RoomMessage.objects.filter(room=room, created__lt=before)
    doomed_ids = set(doomed.values_list("pk", flat=True))
    _keep_sessions_pointing_at_what_is_left(room, doomed_ids)
    deleted = 0
    ids = sorted(doomed_ids)
    for start in range(0, len(ids), BATCH):
        deleted += RoomMessage.objects.filter(pk__in=ids[start : start + BATCH]).delete()[0]
    return deleted


def _keep_sessions_pointing_at_what_is_left(room, doomed_ids):
    sessions = RoomSession.objects.filter(room=room, first_message_id__in=doomed_ids).exclude(
        Q(last_message__isnull=True) | Q(last_message_id__in=doomed_ids)
    )
    for session in sessions:
        remaining = (
            RoomMessage.objects.filter(room=room, pk__gt=session.first_message_id, pk__lte=session.last_message_id)
            .exclude(pk__in=doomed_ids)
            .order_by("pk")
            .first()
        )
        session.first_message = remaining
        session.save(update_fields=["first_message"])


def transcript_was_pruned(session, shown):
    """Whether messages of this session were deleted under the retention policy: the session's
    figures (taken when it ended) count more messages than its transcript still holds."""
    counted = sum(row.get("messages", 0) for row in (session.participation or {}).get("by_level", []))
    return len(shown) < counted
