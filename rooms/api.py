"""Live rooms over JSON: the facilitator's participation figures (the room's talk itself is its WebSocket).

The room page's script (static/js/room.js) redraws the participation panel from here. The same rule
as the page and the socket: a room in a community this person may not see is a 404 like a missing
one, and only the room's facilitators, while they may be in it, see the figures.
"""

from ninja import Field, Router, Schema

from cop_site.errors import DomainError, ErrorOut
from forums.api import session
from rooms import access, sessions
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
)
def room_participation(request, slug: str):
    """Messages and words by level and by person since the last session ended. Facilitators only."""
    room = Room.objects.select_related("community").filter(slug=slug).first()
    if room is None or not room.community.can_see(request.user):
        raise DomainError("not_found", "There is no such room, or you cannot see it.")
    if access.refusal(room, request.user) is not None or not access.is_facilitator(room, request.user):
        raise DomainError("forbidden", "Only the room's facilitators see participation figures.")
    return sessions.participation_figures(room)
