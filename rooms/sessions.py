"""The end of a session: participation by level and person, the facilitator's summary posted as a thread."""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from accounts.models import LevelChoice
from cop_site.errors import DomainError
from forums import inquiries, services
from forums.models.threads import display_name
from rooms import access
from rooms.floor import _end_round, announce_floor
from rooms.messages import member_level
from rooms.models import HandRaise, Room, RoomMessage, RoomSession

LEVELS = ["frontline", "manager", "strategic", "researcher", "community_member", ""]
LEVEL_LABELS = {**dict(LevelChoice.choices), "": "Not stated"}  # participation counts by these, frontline first


def participation_figures(room):
    """The current session's participation, as the facilitator's panel shows it: with labels and totals.

    The session began after the last message of the previous ones (the latest that had one: a session
    in which no one spoke ends nothing earlier).
    """
    since = room.sessions.aggregate(last=Max("last_message_id"))["last"]
    return labelled(participation(room, since=since))


def labelled(figures):
    """Participation figures (from `participation`) as people read them, in the live panel and in the
    session summary alike: each level's label ("Anonymous" for anonymous messages), totals, the largest row.
    """
    figures = {**figures, "by_level": [dict(row) for row in figures.get("by_level", [])]}
    figures["by_person"] = [dict(row) for row in figures.get("by_person", [])]
    for row in figures["by_level"]:
        row["label"] = LEVEL_LABELS.get(row["level"], row["level"].replace("_", " ").capitalize())
    for row in figures["by_person"]:
        row["level_label"] = "" if row.get("anonymous") else LEVEL_LABELS.get(row["level"], "")
    figures["max_words"] = max((row["words"] for row in figures["by_level"]), default=0)
    figures["total_messages"] = sum(row["messages"] for row in figures["by_level"])
    figures["total_words"] = sum(row["words"] for row in figures["by_level"])
    return figures


def participation(room, since=None):
    """Messages and words by level and by person.

    Anonymous contributions count under "anonymous", in both: counted under their author's level
    they would name a room's only frontline member to everyone who reads the summary.
    """
    messages = RoomMessage.objects.filter(room=room, removed=False).select_related("author__profile")
    if since is not None:
        messages = messages.filter(pk__gt=since)
    by_level = {level: {"messages": 0, "words": 0} for level in LEVELS}
    by_person = {}
    for message in messages:
        level = "anonymous" if message.anonymous else member_level(message.author) if message.author else ""
        words = len(message.body_source.split())
        by_level.setdefault(level, {"messages": 0, "words": 0})
        by_level[level]["messages"] += 1
        by_level[level]["words"] += words
        # display_name(None) is "former member": the author deleted their account, the message stays.
        # One row per person, not per name: namesakes stay apart, as does a member called "Anonymous".
        key = "anonymous" if message.anonymous else message.author_id or "former"
        name = "Anonymous" if message.anonymous else display_name(message.author)
        person = by_person.setdefault(
            key,
            {
                "name": name,
                "level": "" if message.anonymous else level,
                "anonymous": message.anonymous,
                "messages": 0,
                "words": 0,
            },
        )
        person["messages"] += 1
        person["words"] += words
    return {
        "by_level": [{"level": level, **counts} for level, counts in by_level.items() if level or counts["messages"]],
        "by_person": sorted(by_person.values(), key=lambda p: (-p["words"], p["name"])),
    }


@transaction.atomic
def end_session(room, user, key_points, actions="", cycle=None):
    """Close the room, and post the facilitator's summary with the participation figures as a thread; with
    `cycle` (an open cycle of an inquiry in the room's community), add the summary to it as an observation."""
    if not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only facilitators end a session.")
    key_points = (key_points or "").strip()
    if not key_points:
        raise DomainError("empty", "Write the key points of the session.")
    # From the last message any earlier session ended on: a session in which no one spoke ends nothing.
    since = room.sessions.aggregate(last=Max("last_message_id"))["last"]
    messages = RoomMessage.objects.filter(room=room)
    if since:
        messages = messages.filter(pk__gt=since)
    first, last = messages.order_by("pk").first(), messages.order_by("-pk").first()
    figures = participation(room, since)
    session = RoomSession.objects.create(
        room=room,
        facilitator=user,
        key_points=key_points,
        actions=(actions or "").strip(),
        participation=figures,
        first_message=first,
        last_message=last,
    )
    room.state = Room.State.CLOSED
    room.floor_user = None
    room.round_queue = []
    _end_round(room)
    room.save(update_fields=["state", "floor_user", "round_queue", "floor_control", "round_floor_control"])
    HandRaise.objects.filter(room=room).delete()
    announce_floor(room)  # closed, no one holds the floor, no hands up
    body = summary_markdown(room, session)
    when = f", {timezone.localdate():%-d %B %Y}"
    title = f"Summary: {room.title}"
    if len(title) + len(when) > services.MAX_TITLE_LENGTH:  # a long room title must not stop the session ending
        title = title[: services.MAX_TITLE_LENGTH - len(when) - 1].rstrip() + "…"
    thread = services.start_thread(room.community, user, title + when, body, ["room summary"])
    session.thread = thread
    update = ["thread"]
    if cycle is not None:
        if cycle.inquiry.community_id != room.community_id:
            raise DomainError("invalid", "Choose a cycle of an inquiry in this room's community.")
        transcript = reverse("rooms:transcript", args=[room.slug, session.pk])
        inquiries.add_session_summary(cycle, user, room.title, key_points, transcript)
        session.cycle = cycle
        update.append("cycle")
    session.save(update_fields=update)
    return session


def summary_markdown(room, session):
    lines = ["**Key points**", "", session.key_points, ""]
    if session.actions:
        lines += ["**Actions**", "", session.actions, ""]
    lines += ["**Who spoke** (words by level)", ""]
    for row in labelled(session.participation)["by_level"]:  # the rows and labels of the live panel
        lines.append(f"- {row['label']}: {row['messages']} messages, {row['words']} words")
    transcript = reverse("rooms:transcript", args=[room.slug, session.pk])
    lines += ["", f"[Read the transcript]({transcript})"]
    return "\n".join(lines)
