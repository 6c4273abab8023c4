"""A member who has done one of everything, beside another member in the same places.

Both the data download and account deletion tests tell their stories about Ailsa, who wrote in
a thread that Fraser also wrote in: what is Ailsa's must be in her download and must go with her
account; what is Fraser's must be in neither.
"""

from types import SimpleNamespace

from forums import moderation, services
from forums.models import Notification
from mylearning import pathways, saving
from mylearning.models import MemberRead
from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms import presence as room_presence
from rooms import sessions as room_sessions
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    EvidenceFactory,
    GuideFactory,
    MemberFactory,
    PathwayFactory,
    RoomFactory,
    member_of,
    site_moderator,
)

AILSA_NAME = "Ailsa Quillanbrae"


def a_pathway():
    guide = GuideFactory(title="Running a safe dialogue")
    case = CaseStudyFactory(title="Lochside redesign")
    evidence = EvidenceFactory(title="Deliberative forums")
    steps = [
        ("step", {"page": page, "why": "It matters.", "reflection_prompt": "What did you learn?"})
        for page in (guide, case, evidence)
    ]
    return PathwayFactory(title="Facilitation basics", steps=steps), guide


def member_with_everything():
    """Ailsa (a facilitator of a community) and Fraser, each with their own words everywhere."""
    ailsa = MemberFactory(
        username="ailsa",
        profile__display_name=AILSA_NAME,
        profile__organisation="Fife Health and Social Care Partnership",
        profile__bio="I lead a locality team.",
        profile__level="manager",
    )
    fraser = MemberFactory(username="fraser", profile__display_name="Fraser Dunmore")
    morag = site_moderator(username="morag")
    community = CommunityFactory(name="Evidence use", slug="evidence-use")
    member_of(community, ailsa, role="facilitator")
    member_of(community, fraser)

    thread = services.start_thread(community, ailsa, "Starting a CAR group", "Ailsa opening zephyrword", ["car"])
    opening = thread.posts.get()
    fraser_reply = services.post_reply(thread, fraser, "Fraser reply marmaladeword", parent=opening)
    ailsa_reply = services.post_reply(thread, ailsa, "Ailsa reply kestrelword", parent=fraser_reply)
    hidden = services.post_reply(thread, ailsa, "Ailsa hidden words")
    moderation.hide_post(hidden, morag, "Names a colleague")
    fraser_thread = services.start_thread(community, fraser, "Fraser asks about rotas", "Fraser opening words")
    fraser_opening = fraser_thread.posts.get()
    services.toggle_helpful(fraser_reply, ailsa)
    services.toggle_helpful(opening, fraser)
    services.set_following(fraser_thread, ailsa, True)
    services.mark_read(fraser_thread, ailsa)
    moderation.flag_post(fraser_opening, ailsa, "off_topic", "Ailsa flag note")

    room = RoomFactory(community=community, slug="evidence-room", title="Evidence cafe", allow_anonymous=True)
    room_messages.send_message(room, ailsa, "Ailsa room words", "a-1")
    room_messages.send_message(room, ailsa, "Ailsa quiet words", "a-2", anonymous=True)
    room_messages.send_message(room, fraser, "Fraser room words", "f-1")
    session = room_sessions.end_session(room, ailsa, "Ailsa key points", "Ailsa actions")
    room.state = "open"
    room.save()
    room_floor.set_hand(room, ailsa, True)
    room_presence.arrive(room, ailsa, "channel-ailsa")

    pathway, guide = a_pathway()
    step_id = pathway.steps[0].id
    pathways.save_reflection(ailsa, pathway, step_id, {"plan": "Ailsa plan", "reflect": "Ailsa reflect"})
    pathways.mark_done(ailsa, pathway, step_id)
    saving.record_practice_use(ailsa, guide, "Ailsa practice note")
    saving.save_bookmark(ailsa, saving.PAGE, guide.pk)
    saving.save_bookmark(ailsa, saving.THREAD, fraser_thread.pk)
    MemberRead.objects.create(user=ailsa, page=guide)
    saving.save_bookmark(fraser, saving.PAGE, guide.pk)

    return SimpleNamespace(
        ailsa=ailsa,
        fraser=fraser,
        morag=morag,
        community=community,
        thread=thread,
        opening=opening,
        ailsa_reply=ailsa_reply,
        hidden=hidden,
        fraser_reply=fraser_reply,
        fraser_thread=fraser_thread,
        room=room,
        session=session,
        pathway=pathway,
        guide=guide,
        notifications_to_fraser=Notification.objects.filter(recipient=fraser, actor=ailsa),
    )
