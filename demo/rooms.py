"""Demo live rooms, for `manage.py load_demo_content`, in the demo communities of demo/forums.py.

Written fresh from the seed's themes: frontline and strategic staff talking about what gets in the
way of co-production, and a facilitated listening round. Safe to run again: what exists is left as
it is, so a facilitator's changes to a demo room survive. The open room has one upcoming session,
dated from the day the content is loaded (next Tuesday, 10:00 UK time), added again only when the
room has no upcoming session left.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from forums import markdown
from forums.models import Community
from rooms.models import Room, RoomMessage, ScheduledSession

UK = ZoneInfo("Europe/London")
SESSION = {
    "room": "frontline-and-strategic",
    "topic": "Making time for co-production: who covers the frontline while they take part?",
    "facilitator": "facilitator",
    "weekday": 1,  # Tuesday
    "starts": time(10, 0),
    "minutes": 90,
}

ROOMS = (
    {
        "slug": "frontline-and-strategic",
        "community": "community-planning-practitioners",  # open: anyone may join
        "title": "Frontline and strategic: what gets in the way of co-production?",
        "purpose": "Staff who deliver services and those who set direction compare notes on where co-production "
        "stalls: time, permission, budgets, or habits. Come with one example from your own work.",
        "ground_rules": "Speak from your own experience.\n"
        "Every level's knowledge counts the same here.\n"
        "Listen to understand, not to answer.\n"
        "What is said here is not quoted outside the room with names.\n"
        "You may post anonymously if you would rather not be named.",
        "floor_control": False,
        "allow_anonymous": True,
        "opening": (
            ("facilitator", "Welcome, everyone. To start: where did a plan to work *with* residents last get stuck?"),
            (
                "frontline",
                "For us it is time. We are asked to co-design a service, but our caseloads stay the same, "
                "so the sessions get squeezed out.",
            ),
            (
                "practitioner",
                "That matches what we hear at partnership level. We fund the engagement work but not the "
                "cover for the staff who would do it.",
            ),
        ),
    },
    {
        "slug": "listening-round",
        "community": "frontline-voices-police-and-partners",  # private: facilitator and frontline belong
        "title": "Listening round",
        "purpose": "A facilitated round: each person in turn says what one change would make the biggest "
        "difference to the people they support. Others listen; questions come after the round.",
        "ground_rules": "One voice at a time: the facilitator gives the floor.\n"
        "Raise your hand to speak outside your turn.\n"
        "No one is asked to justify what they share.",
        "floor_control": True,
        "allow_anonymous": False,  # the floor shows who is speaking: a message without a name would still be theirs
        "opening": (),
    },
)


@transaction.atomic
def load_demo_rooms():
    """Create the demo rooms that are missing (in communities that exist). Returns what changed."""
    report = []
    authors = {author for spec in ROOMS for author, _ in spec["opening"]}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=authors)}
    for spec in ROOMS:
        community = Community.objects.filter(slug=spec["community"]).first()
        if community is not None:
            _ensure_room(spec, community, users, report)
    _ensure_upcoming_session(report)
    return report


def next_session_start(now=None, weekday=SESSION["weekday"], at=SESSION["starts"]):
    """That weekday after today (UK time), at that time: never today, so the demo always has a session to come."""
    today = timezone.localtime(now or timezone.now(), UK).date() + timedelta(days=1)
    day = today + timedelta(days=(weekday - today.weekday()) % 7)
    return datetime.combine(day, at, tzinfo=UK)


def _ensure_upcoming_session(report, now=None):
    room = Room.objects.filter(slug=SESSION["room"]).first()
    if room is None or room.scheduled_sessions.filter(ends_at__gt=now or timezone.now()).exists():
        return
    starts_at = next_session_start(now)
    facilitator = get_user_model().objects.filter(username=SESSION["facilitator"]).first()
    ScheduledSession.objects.create(
        room=room,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=SESSION["minutes"]),
        topic=SESSION["topic"],
        facilitator=facilitator,
        created_by=facilitator,
    )
    report.append(f"scheduled a session in {room.title} on {starts_at:%A %d %B %Y at %H:%M}")


def _ensure_room(spec, community, users, report):
    fields = {key: spec[key] for key in ("title", "purpose", "ground_rules", "floor_control", "allow_anonymous")}
    room, created = Room.objects.get_or_create(
        slug=spec["slug"], defaults={**fields, "community": community, "state": Room.State.OPEN}
    )
    if not created:
        return room
    report.append(f"created the room {room.title}")
    for number, (username, body) in enumerate(spec["opening"]):
        if username in users:
            RoomMessage.objects.create(
                room=room,
                author=users[username],
                body_source=body,
                body_html=markdown.render(body),
                client_id=f"demo-{number}",
            )
    return room
