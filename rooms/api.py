"""Live rooms over JSON: the facilitator's participation figures and a room's upcoming sessions (the
room's talk itself is its WebSocket).

The room page's script (static/js/room.js) redraws the participation panel from here. The same rule
as the page and the socket: a room in a community this person may not see is a 404 like a missing
one, and only the room's facilitators, while they may be in it, see the figures.
"""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from cop_site.addresses import absolute
from cop_site.errors import DomainError, ErrorOut
from forums.api import session
from forums.models import Community
from forums.models.threads import display_name
from forums.visibility import reading
from learning import open_data
from learning.open_data import example
from rooms import access, schedule, sessions
from rooms.models import Room

router = Router(tags=["rooms"], auth=session)


class LevelFigures(Schema):
    level: str = Field(description="frontline, manager, strategic, researcher, community_member, anonymous, or empty")
    label: str
    messages: int
    words: int


class PersonFigures(Schema):
    name: str
    level: str
    level_label: str
    anonymous: bool
    messages: int
    words: int


class ParticipationOut(Schema):
    by_level: list[LevelFigures]
    by_person: list[PersonFigures] = Field(description="Most words first.")
    max_words: int
    total_messages: int
    total_words: int


@router.get(
    "/rooms/{slug}/participation",
    response={200: ParticipationOut, 403: ErrorOut, 404: ErrorOut},
    summary="Who has spoken in the room's current session",
    openapi_extra=example(
        {
            "by_level": [{"level": "frontline", "label": "Frontline", "messages": 12, "words": 340}],
            "by_person": [
                {
                    "name": "Morag Reid",
                    "level": "frontline",
                    "level_label": "Frontline",
                    "anonymous": False,
                    "messages": 12,
                    "words": 340,
                }
            ],
            "max_words": 340,
            "total_messages": 12,
            "total_words": 340,
        }
    ),
)
def room_participation(request, slug: str):
    """Messages and words by level and by person since the last session ended. Facilitators only."""
    room = Room.objects.select_related("community").filter(slug=slug).first()
    if room is None or not room.community.can_see(request.user):
        raise DomainError("not_found", "There is no such room, or you cannot see it.")
    if access.refusal(room, request.user) is not None or not access.is_facilitator(room, request.user):
        raise DomainError("forbidden", "Only the room's facilitators see participation figures.")
    return sessions.participation_figures(room)


class SessionOut(Schema):
    id: int
    topic: str
    starts_at: datetime = Field(description="ISO 8601, with its offset.")
    ends_at: datetime
    facilitator: str | None = Field(description="The facilitator's display name, or null when none is named.")
    url: str = Field(description="The session on the room page.")
    calendar_url: str = Field(description="The session as an iCalendar (.ics) file.")


class RoomSessionsOut(Schema):
    room: str
    room_url: str = Field(description="The room's absolute address.")
    sessions: list[SessionOut] = Field(description="Soonest first; a session is listed until it ends.")


@router.get(
    "/rooms/{slug}/sessions",
    response={200: RoomSessionsOut, 404: ErrorOut},
    summary="A room's upcoming sessions",
    auth=None,  # visitors read an open community's sessions; the document must not say a session is required
    openapi_extra=example(
        {
            "room": "Planning together",
            "room_url": "https://example.org/rooms/planning-together/",
            "sessions": [
                {
                    "id": 7,
                    "topic": "What gets in the way of co-production",
                    "starts_at": "2026-12-10T14:00:00Z",
                    "ends_at": "2026-12-10T15:30:00Z",
                    "facilitator": "Morag Reid",
                    "url": "/rooms/planning-together/#session-7",
                    "calendar_url": "/rooms/planning-together/sessions/7.ics",
                }
            ],
        }
    ),
)
def room_sessions(request, slug: str):
    """The room's sessions not yet over, for whoever may read its community (a 404 like a missing room otherwise)."""
    room = Room.objects.select_related("community").filter(slug=slug).first()
    if room is None or not room.community.can_read(request.user):
        raise DomainError("not_found", "There is no such room, or you cannot see its sessions.")
    return {
        "room": room.title,
        "room_url": absolute(room.get_absolute_url(), request),
        "sessions": [session_out(session) for session in schedule.upcoming(request.user).filter(room=room)],
    }


def session_out(session):
    return {
        "id": session.pk,
        "topic": session.topic,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "facilitator": display_name(session.facilitator) if session.facilitator else None,
        "url": session.get_absolute_url(),
        "calendar_url": reverse("rooms:session_calendar", args=[session.room.slug, session.pk]),
    }


# --- the rooms a caller may see, with their upcoming sessions (open content: docs/protocols.md) ----------
class RoomCommunity(Schema):
    slug: str
    name: str


class RoomOut(Schema):
    slug: str
    title: str
    purpose: str
    state: str = Field(description="open or closed")
    community: RoomCommunity
    url: str = Field(description="The room's page.")
    api_url: str
    upcoming_sessions: list[SessionOut] = Field(description="Soonest first; a session is listed until it ends.")


class RoomList(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[RoomOut]


class RoomFilters(Schema):
    community: str | None = Field(None, description="Only this community's rooms (its slug).", examples=["planning"])
    page: int = Field(1, ge=1, le=2**31 - 1)
    page_size: int = Field(open_data.PAGE_SIZE, ge=1, le=open_data.MAX_PAGE_SIZE)


ROOM_EXAMPLE = {
    "slug": "planning-together",
    "title": "Planning together",
    "purpose": "Share what worked in bringing frontline staff into community planning.",
    "state": "open",
    "community": {"slug": "community-planning", "name": "Community planning"},
    "url": "https://example.org/rooms/planning-together/",
    "api_url": "https://example.org/api/v1/rooms/planning-together",
    "upcoming_sessions": [
        {
            "id": 7,
            "topic": "What gets in the way of co-production",
            "starts_at": "2026-12-10T14:00:00Z",
            "ends_at": "2026-12-10T15:30:00Z",
            "facilitator": "Morag Reid",
            "url": "/rooms/planning-together/#session-7",
            "calendar_url": "/rooms/planning-together/sessions/7.ics",
        }
    ],
}


def room_out(request, room, sessions):
    return {
        "slug": room.slug,
        "title": room.title,
        "purpose": room.purpose,
        "state": room.state,
        "community": {"slug": room.community.slug, "name": room.community.name},
        "url": absolute(room.get_absolute_url(), request),
        "api_url": absolute(f"/api/v1/rooms/{room.slug}", request),
        "upcoming_sessions": [session_out(session) for session in sessions if session.room_id == room.pk],
    }


@router.get(
    "/rooms",
    response={200: RoomList, 304: None, 400: ErrorOut, 422: ErrorOut},
    summary="Rooms and their upcoming sessions",
    url_name="api-room-list",
    auth=None,
    openapi_extra=example(
        {"count": 1, "page": 1, "page_size": 20, "next": None, "previous": None, "results": [ROOM_EXAMPLE]}
    ),
)
def room_list(request, filters: Query[RoomFilters]):
    """The rooms of the communities the caller may read (forums/visibility.py), by community and title."""
    rooms = Room.objects.select_related("community").filter(reading(request.user).q("community__"))
    if filters.community is not None:
        rooms = rooms.filter(community__in=Community.objects.filter(slug=filters.community))
    rooms = rooms.order_by("community__name", "title", "pk")
    items, links = open_data.page_of(request, rooms, filters.page, filters.page_size)
    sessions = list(schedule.upcoming(request.user).filter(room__in=[room.pk for room in items]))
    data = {**links, "results": [room_out(request, room, sessions) for room in items]}
    return open_data.conditional_json(request, data, dated=False)


@router.get(
    "/rooms/{slug}",
    response={200: RoomOut, 304: None, 400: ErrorOut, 404: ErrorOut},
    summary="A room",
    auth=None,
    openapi_extra=example(ROOM_EXAMPLE),
)
def room_detail(request, slug: str):
    """A room of a community the caller may read, with its upcoming sessions; a 404 like a missing room otherwise."""
    room = Room.objects.select_related("community").filter(slug=slug).first()
    if room is None or not room.community.can_read(request.user):
        raise DomainError("not_found", "There is no such room, or you cannot see it.")
    sessions = list(schedule.upcoming(request.user).filter(room=room))
    return open_data.conditional_json(request, room_out(request, room, sessions), dated=False)
