"""Room transcripts are kept for ROOM_TRANSCRIPT_RETENTION_DAYS; `prune_room_transcripts` enforces it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from rooms import messages as room_messages
from rooms import retention
from rooms import sessions as room_sessions
from rooms.models import RoomMessage, RoomSession
from tests.factories import RoomFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiona():
    return UserFactory(username="fiona")


@pytest.fixture
def room(fiona):
    room = RoomFactory(slug="evidence-cafe", title="Evidence cafe")
    member_of(room.community, fiona, role="facilitator")
    return room


def say(room, user, text, days_ago=0):
    message, _ = room_messages.send_message(room, user, text, f"c-{text}")
    if days_ago:
        RoomMessage.objects.filter(pk=message.pk).update(created=timezone.now() - timedelta(days=days_ago))
    return message


def prune(*args):
    out = StringIO()
    call_command("prune_room_transcripts", *args, stdout=out)
    return out.getvalue()


def test_old_messages_go_and_recent_ones_stay(settings, room, fiona):
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 30
    other = RoomFactory(community=room.community, slug="other-room")
    say(room, fiona, "old one", days_ago=40)
    say(room, fiona, "old two", days_ago=31)
    say(other, fiona, "old three", days_ago=90)
    say(room, fiona, "recent", days_ago=29)
    say(room, fiona, "today")
    output = prune()
    assert list(RoomMessage.objects.order_by("pk").values_list("body_source", flat=True)) == ["recent", "today"]
    assert "evidence-cafe: deleted 2 messages" in output
    assert "other-room: deleted 1 message" in output
    assert "Deleted 3 messages from 2 rooms older than 30 days." in output


def test_zero_keeps_everything(settings, room, fiona):
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 0
    say(room, fiona, "ancient", days_ago=4000)
    output = prune()
    assert RoomMessage.objects.count() == 1
    assert "kept for ever" in output


def test_a_dry_run_changes_nothing(settings, room, fiona):
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 30
    say(room, fiona, "old", days_ago=40)
    say(room, fiona, "new")
    output = prune("--dry-run")
    assert RoomMessage.objects.count() == 2
    assert "Would delete 1 message from 1 room older than 30 days." in output


def test_a_new_message_after_pruning_gets_a_higher_id_than_any_ever_issued(settings, room, fiona):
    """Clients resume from the last id they saw: deleting the newest rows must not let ids be issued again."""
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 30
    say(room, fiona, "first", days_ago=50)
    highest = say(room, fiona, "last seen by a client", days_ago=40).pk
    prune()
    assert not RoomMessage.objects.exists()  # even the newest rows are gone
    fresh = say(room, fiona, "after pruning")
    assert fresh.pk > highest
    history, _ = room_messages.history(room, after=highest)
    assert [m.body_source for m in history] == ["after pruning"]


def test_sessions_lose_links_to_deleted_messages_and_keep_what_is_left(settings, room, fiona):
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 30
    say(room, fiona, "long gone", days_ago=60)
    gone = room_sessions.end_session(room, fiona, "An old session")
    room.state = "open"
    room.save()
    say(room, fiona, "old part", days_ago=40)
    kept = say(room, fiona, "recent part")
    straddling = room_sessions.end_session(room, fiona, "A session across the cut-off")
    prune()
    gone.refresh_from_db()
    straddling.refresh_from_db()
    assert (gone.first_message_id, gone.last_message_id) == (None, None)
    assert (straddling.first_message_id, straddling.last_message_id) == (kept.pk, kept.pk)
    assert RoomSession.objects.count() == 2


def test_the_transcript_says_older_messages_were_removed(settings, room, fiona):
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 30
    say(room, fiona, "old part of the session", days_ago=40)
    say(room, fiona, "recent part of the session")
    session = room_sessions.end_session(room, fiona, "Key points")
    client = Client()
    client.force_login(fiona)
    url = f"/rooms/{room.slug}/transcript/{session.pk}/"
    before = client.get(url).content.decode()
    assert "old part of the session" in before
    assert "retention policy" not in before
    prune()
    after = client.get(url).content.decode()
    assert "old part of the session" not in after
    assert "recent part of the session" in after
    assert "Older messages of this session were removed under our retention policy" in after
    assert "kept for 30 days" in after


def test_a_wholly_pruned_session_says_so_rather_than_that_no_one_spoke(settings, room, fiona):
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 30
    say(room, fiona, "long ago", days_ago=40)
    session = room_sessions.end_session(room, fiona, "Key points")
    prune()
    client = Client()
    client.force_login(fiona)
    page = client.get(f"/rooms/{room.slug}/transcript/{session.pk}/").content.decode()
    assert "The messages of this session were removed under our retention policy" in page
    assert "No one spoke" not in page


def test_the_service_reports_what_it_did(settings, room, fiona):
    settings.ROOM_TRANSCRIPT_RETENTION_DAYS = 7
    say(room, fiona, "old", days_ago=8)
    seen = []
    result = retention.prune_room_transcripts(progress=lambda r, n: seen.append((r.slug, n)))
    assert (result.messages, result.rooms, result.days) == (1, 1, 7)
    assert seen == [("evidence-cafe", 1)]
    assert retention.prune_room_transcripts(days=0).describe().startswith("Room transcripts are kept for ever")


def test_a_negative_days_option_is_refused(room):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="0"):
        prune("--days", "-1")
