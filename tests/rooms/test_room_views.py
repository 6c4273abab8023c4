"""The room pages as stories: who gets in, what the facilitator sees, ending a session, the transcript.

The live part (the WebSocket) is tested in test_room_consumer.py; these pages share its rule of who
may enter (rooms.access.refusal).
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.models import ModerationAction, Suspension, Thread
from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms import sessions as room_sessions
from rooms.models import Room, RoomSession
from tests.factories import CommunityFactory, MemberFactory, RoomFactory, UserFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Co-production in practice", slug="coproduction", visibility="open")


@pytest.fixture
def room(community):
    return RoomFactory(
        community=community,
        slug="what-gets-in-the-way",
        title="What gets in the way?",
        purpose="Frontline and strategic staff compare notes.",
        ground_rules="Speak from experience.\nEvery level counts the same.",
        allow_anonymous=True,
    )


@pytest.fixture
def fiona(community):
    user = MemberFactory(username="fiona", profile__display_name="Fiona Facilitator", profile__level="manager")
    member_of(community, user, role="facilitator")
    return user


@pytest.fixture
def fraser(community):
    user = MemberFactory(username="fraser", profile__display_name="Fraser Frontline", profile__level="frontline")
    member_of(community, user)
    return user


@pytest.fixture
def priya(community):
    user = MemberFactory(username="priya", profile__display_name="Priya Practitioner", profile__level="strategic")
    member_of(community, user)
    return user


def room_url(room):
    return reverse("rooms:room", args=[room.slug])


# --- who gets in -------------------------------------------------------------------------------------
def test_the_room_page_lives_at_rooms_slug(room):
    assert room.get_absolute_url() == "/rooms/what-gets-in-the-way/"


def test_an_unknown_room_is_a_404():
    assert Client().get("/rooms/no-such-room/").status_code == 404


def test_a_private_communitys_room_is_closed_to_everyone_but_its_members(room, fraser):
    """Its page says only that it is private (tests/forums/test_private_links.py); its data stays a 404."""
    room.community.visibility = "private"
    room.community.save()
    outsider = UserFactory(username="outsider")
    assert Client().get(room_url(room)).status_code == 403
    assert signed_in(outsider).get(room_url(room)).status_code == 403
    assert signed_in(outsider).get(reverse("api-v1:room_participation", kwargs={"slug": room.slug})).status_code == 404
    page = soup_of(signed_in(fraser).get(room_url(room)))
    assert page.select_one("[data-room]")["data-ws-url"] == "/ws/rooms/what-gets-in-the-way/"


def test_a_visitor_sees_what_the_room_is_for_and_is_asked_to_sign_in(room):
    page = soup_of(Client().get(room_url(room)))
    assert text_of(page.h1) == "What gets in the way?"
    assert "Frontline and strategic staff compare notes." in text_of(page)
    sign_in = page.find("a", string="Sign in to join this room")
    assert sign_in["href"].startswith("/accounts/login/?next=/rooms/what-gets-in-the-way/")
    assert page.select_one("[data-room]") is None
    assert page.select_one("[data-composer]") is None
    assert "room.js" not in str(page)


def test_a_restricted_communitys_room_is_for_its_members(room):
    room.community.visibility = "restricted"
    room.community.save()
    stranger = MemberFactory(username="stranger")
    page = soup_of(signed_in(stranger).get(room_url(room)))
    refusal = page.select_one("[data-room-refusal]")
    assert refusal["data-room-refusal"] == "members-only"
    assert refusal.find("a")["href"] == room.community.get_absolute_url()
    assert page.select_one("[data-composer]") is None


def test_a_suspended_member_is_told_so_clearly(room, fraser, fiona):
    until = timezone.now() + timedelta(days=3)
    Suspension.objects.create(user=fraser, until=until, reason="Repeated personal remarks.", by=fiona)
    page = soup_of(signed_in(fraser).get(room_url(room)))
    refusal = page.select_one("[data-room-refusal]")
    assert refusal["data-room-refusal"] == "suspended"
    assert "You are suspended" in text_of(refusal)
    assert "Repeated personal remarks." in text_of(refusal)
    assert page.select_one("[data-composer]") is None


# --- what a member sees -------------------------------------------------------------------------------
def test_a_member_sees_the_ground_rules_the_latest_messages_and_the_composer(room, fraser, priya):
    room_messages.send_message(room, priya, "Budgets are set **before** we ask anyone.", "c-1")
    room_messages.send_message(room, fraser, "I would rather not be named for this one.", "c-2", anonymous=True)
    page = soup_of(signed_in(fraser).get(room_url(room)))

    rules = page.select_one("[data-ground-rules]")
    assert [text_of(li) for li in rules.select("li")] == ["Speak from experience.", "Every level counts the same."]
    items = page.select("[data-message-list] > li")
    assert [text_of(item.select_one(".cop-room-message__author")) for item in items] == [
        "Priya Practitioner",
        "Anonymous",
    ]
    assert "Strategic leader" in text_of(items[0])
    assert items[0].select_one("strong").get_text() == "before"
    assert "fraser" not in str(items[1]).lower()  # no name, no id, no data attribute gives the author away
    root = page.select_one("[data-room]")
    assert root["data-last-id"] == str(room.messages.last().pk)
    assert page.select_one("[data-anonymous-option]").get("hidden") is None
    assert page.select_one("label[for=room-message]")
    assert page.select_one("[role=status] [data-connection-status]")
    assert page.select_one("[aria-live=polite][data-announcer]") is not None
    assert page.select_one("[data-facilitation]") is None
    assert not page.select("[data-remove-message]")
    assert page.find("script", src="/static/js/room.js") is not None


def test_the_room_page_says_whether_a_member_may_speak_before_they_type(room, fiona, fraser):
    page = soup_of(signed_in(fraser).get(room_url(room)))
    assert text_of(page.select_one("[data-composer-state]")) == "The room is open: anyone may speak."
    assert not page.select_one("#room-message").has_attr("disabled")
    assert page.select_one("[data-skip-to-composer]")["href"] == "#room-message"
    assert text_of(page.select_one("[data-about-room] summary")) == "About this room: purpose and ground rules"

    room.floor_control = True
    room.save()
    page = soup_of(signed_in(fraser).get(room_url(room)))
    assert "raise your hand" in text_of(page.select_one("[data-composer-state]"))
    assert page.select_one("#room-message").has_attr("disabled")
    assert page.select_one("[data-send]").has_attr("disabled")
    assert not soup_of(signed_in(fiona).get(room_url(room))).select_one("#room-message").has_attr("disabled")

    room.floor_control = False
    room.state = Room.State.CLOSED
    room.save()
    page = soup_of(signed_in(fraser).get(room_url(room)))
    assert text_of(page.select_one("[data-composer-state]")) == "The room is closed just now."
    assert text_of(page.select_one("[data-room-state]")) == "Closed"
    assert page.select_one("#room-message").has_attr("disabled")


def test_a_late_arrival_is_told_the_session_ended(room, fiona, fraser):
    room_messages.send_message(room, fraser, "Thanks all", "c-1")
    room_sessions.end_session(room, fiona, "Done")
    page = soup_of(signed_in(fraser).get(room_url(room)))
    said = text_of(page.select_one("[data-composer-state]"))
    assert said.startswith("The session ended on ")
    assert said.endswith("the room is closed until a facilitator opens it.")
    assert page.select_one("[data-room]")["data-closed-reason"] == said


def test_a_visitor_is_offered_no_skip_to_a_message_box_they_do_not_have(room):
    page = soup_of(Client().get(room_url(room)))
    assert page.select_one("[data-skip-to-composer]") is None
    assert page.select_one("#room-message") is None


def test_each_messages_actions_are_in_one_small_menu(room, fiona, fraser, priya):
    room_messages.send_message(room, priya, "Budgets are set before we ask anyone.", "c-1")
    room_messages.send_message(room, fraser, "Mine", "c-2")
    room_messages.send_message(room, fiona, "Fiona's own", "c-3")
    fiona_sees = soup_of(signed_in(fiona).get(room_url(room))).select("[data-message-list] > li")
    own_menu = fiona_sees.pop().select_one("[data-message-actions]")
    assert own_menu.select_one("[data-remove-message]")
    assert "js-only" in own_menu["class"]  # only Remove, which needs the socket: no empty menu without JavaScript
    for item in fiona_sees:
        assert "js-only" not in item.select_one("[data-message-actions]")["class"]
        menu = item.select_one("details[data-message-actions]")
        assert text_of(menu.summary).startswith("Actions for the message from ")
        assert menu.select_one("[data-remove-message]")
        assert menu.select_one("[data-report]")
    fraser_sees = soup_of(signed_in(fraser).get(room_url(room))).select("[data-message-list] > li")
    assert fraser_sees[0].select_one("[data-message-actions] [data-report]")
    assert fraser_sees[1].select_one("[data-message-actions]") is None  # nothing to do to his own message


def test_the_anonymous_option_shows_only_where_the_room_allows_it(room, fraser):
    room.allow_anonymous = False
    room.save()
    page = soup_of(signed_in(fraser).get(room_url(room)))
    assert page.select_one("[data-anonymous-option]").has_attr("hidden")


def test_a_facilitator_sees_the_tools_and_the_participation_so_far(room, fiona, fraser, priya):
    room_messages.send_message(room, fraser, "Caseloads leave no time for co-design sessions", "c-1")
    room_messages.send_message(room, priya, "We fund engagement but not cover", "c-2")
    page = soup_of(signed_in(fiona).get(room_url(room)))

    tools = page.select_one("[data-facilitation]")
    assert "Close the room" in text_of(tools)
    assert (
        page.select_one("[data-room]")["data-participation-url"] == "/api/v1/rooms/what-gets-in-the-way/participation"
    )
    levels = page.select_one("[data-participation-levels]")
    rows = [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in levels.select("tbody tr")]
    assert rows[:3] == [["Frontline", "1", "7"], ["Manager", "0", "0"], ["Strategic leader", "1", "6"]]
    assert len(page.select("[data-remove-message]")) == 2
    assert page.select_one("form[action='/rooms/what-gets-in-the-way/end-session/'] textarea#key-points")


# --- the participation figures ---------------------------------------------------------------------------
def test_the_participation_figures_in_the_api_are_for_facilitators_only(room, fiona, fraser):
    room_messages.send_message(room, fraser, "One two three", "c-1")
    url = reverse("api-v1:room_participation", kwargs={"slug": room.slug})
    assert Client().get(url).status_code == 403
    refused = signed_in(fraser).get(url)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"

    figures = signed_in(fiona).get(url).json()
    assert [row["level"] for row in figures["by_level"]][:3] == ["frontline", "manager", "strategic"]
    assert figures["by_level"][0] == {"level": "frontline", "label": "Frontline", "messages": 1, "words": 3}
    assert figures["by_person"] == [
        {
            "name": "Fraser Frontline",
            "level": "frontline",
            "level_label": "Frontline",
            "anonymous": False,
            "messages": 1,
            "words": 3,
        }
    ]
    assert figures["total_words"] == 3


def test_participation_counts_only_the_current_session(room, fiona, fraser):
    room_messages.send_message(room, fraser, "Before the first summary", "c-1")
    room_sessions.end_session(room, fiona, "First session done")
    room_floor.set_state(room, fiona, "open")
    room_messages.send_message(room, fraser, "New session", "c-2")
    figures = signed_in(fiona).get(reverse("api-v1:room_participation", kwargs={"slug": room.slug})).json()
    assert figures["total_messages"] == 1
    assert figures["by_person"][0]["words"] == 2


# --- ending a session ------------------------------------------------------------------------------------
def test_the_facilitator_ends_the_session_and_lands_on_the_summary_thread(room, fiona, fraser):
    room_messages.send_message(room, fraser, "The forms take too long", "c-1")
    response = signed_in(fiona).post(
        reverse("rooms:end_session", args=[room.slug]),
        {"key_points": "- Forms take too long", "actions": "Fiona shares a shorter form"},
    )
    session = RoomSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == session.thread.get_absolute_url()
    room.refresh_from_db()
    assert room.state == Room.State.CLOSED
    body = session.thread.posts.get().body_html
    assert "Forms take too long" in body
    assert f"/rooms/{room.slug}/transcript/{session.pk}/" in body


def test_the_summarys_who_spoke_counts_as_the_live_panel_does_anonymous_messages_included(room, fiona, fraser, priya):
    room_messages.send_message(room, fraser, "The forms take too long", "c-1")
    room_messages.send_message(room, fraser, "And nobody asks us about them", "c-2", anonymous=True)
    room_messages.send_message(room, priya, "We could ask", "c-3", anonymous=True)
    room_messages.send_message(room, priya, "I will take that away", "c-4")
    panel = soup_of(signed_in(fiona).get(room_url(room))).select_one("[data-participation-levels]")
    panel_rows = [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in panel.select("tbody tr")]
    assert ["Anonymous", "2", "9"] in panel_rows

    signed_in(fiona).post(reverse("rooms:end_session", args=[room.slug]), {"key_points": "Forms", "actions": ""})
    body = RoomSession.objects.get().thread.posts.get().body_html
    who_spoke = BeautifulSoup(body, "html.parser").find("strong", string="Who spoke").find_next("ul")
    summary_rows = [text_of(item) for item in who_spoke.find_all("li")]
    assert summary_rows == [f"{label}: {messages} messages, {words} words" for label, messages, words in panel_rows]


def test_a_session_needs_key_points_and_a_refusal_changes_nothing(room, fiona):
    response = signed_in(fiona).post(
        reverse("rooms:end_session", args=[room.slug]), {"key_points": "   ", "actions": "Keep this text"}
    )
    page = soup_of(response, status=400)
    assert page.title.get_text().startswith("Error:")
    assert page.select_one(".ds_error-summary a")["href"] == "#key-points"
    assert page.select_one("#actions").get_text() == "Keep this text"
    assert not RoomSession.objects.exists()
    room.refresh_from_db()
    assert room.state == Room.State.OPEN


def test_participation_after_a_session_in_which_no_one_spoke_still_starts_at_the_last_summary(room, fiona, fraser):
    room_messages.send_message(room, fraser, "Said in the first session", "c-1")
    room_sessions.end_session(room, fiona, "First session")
    room_sessions.end_session(room, fiona, "A second session in which no one spoke")
    room_floor.set_state(room, fiona, "open")
    room_messages.send_message(room, fraser, "New session", "c-2")
    figures = signed_in(fiona).get(reverse("api-v1:room_participation", kwargs={"slug": room.slug})).json()
    assert figures["total_messages"] == 1
    assert figures["by_person"] == [
        {
            "name": "Fraser Frontline",
            "level": "frontline",
            "level_label": "Frontline",
            "anonymous": False,
            "messages": 1,
            "words": 2,
        }
    ]


def test_a_nul_in_the_summary_is_refused_clearly_at_its_field_and_changes_nothing(room, fiona):
    url = reverse("rooms:end_session", args=[room.slug])
    page = soup_of(signed_in(fiona).post(url, {"key_points": "Time\x00 matters", "actions": "Share"}), status=400)
    assert page.select_one(".ds_error-summary a")["href"] == "#key-points"
    assert "cannot be kept" in text_of(page.select_one("#key-points-error"))
    assert page.select_one("#key-points").get_text() == "Time matters"  # shown again without the NUL

    page = soup_of(signed_in(fiona).post(url, {"key_points": "Time matters", "actions": "Share\x00"}), status=400)
    assert page.select_one(".ds_error-summary a")["href"] == "#actions"
    assert page.select_one("#actions")["aria-invalid"] == "true"
    assert "cannot be kept" in text_of(page.select_one("#actions-error"))
    assert page.select_one("#key-points-error") is None
    assert not RoomSession.objects.exists()
    assert not Thread.objects.exists()
    room.refresh_from_db()
    assert room.state == Room.State.OPEN


def test_an_overlong_summary_says_what_to_shorten_and_by_how_much(room, fiona):
    response = signed_in(fiona).post(
        reverse("rooms:end_session", args=[room.slug]), {"key_points": "x" * 11_000, "actions": "y" * 1_000}
    )
    page = soup_of(response, status=400)
    assert text_of(page.select_one("#key-points-error")) == (
        "Keep the key points and actions under 9,000 characters together (these are 12,000)."
    )
    assert "9,000 characters" in text_of(page.select_one("#key-points-hint"))
    assert not RoomSession.objects.exists()
    room.refresh_from_db()
    assert room.state == Room.State.OPEN


def test_only_facilitators_end_a_session(room, fraser):
    response = signed_in(fraser).post(reverse("rooms:end_session", args=[room.slug]), {"key_points": "Mine now"})
    assert response.status_code == 403
    summary = soup_of(response, status=403).select_one(".ds_error-summary")
    assert "Only facilitators end a session." in text_of(summary)
    assert summary.find("a") is None  # no link to a form a member does not have
    assert not RoomSession.objects.exists()
    assert not Thread.objects.exists()
    assert Client().post(reverse("rooms:end_session", args=[room.slug]), {"key_points": "x"}).status_code == 302
    assert not RoomSession.objects.exists()


def test_ending_a_session_is_a_post_and_its_address_asked_for_again_leads_back_to_the_room(room, fiona):
    # A refused summary is shown at the end-session address: reloading it must not end on a blank 405.
    response = signed_in(fiona).get(reverse("rooms:end_session", args=[room.slug]))
    assert response.status_code == 302
    assert response["Location"] == room_url(room)
    assert not RoomSession.objects.exists()
    room.refresh_from_db()
    assert room.state == Room.State.OPEN


# --- the transcript ----------------------------------------------------------------------------------------
def test_the_transcript_holds_the_sessions_messages_with_anonymous_ones_unnamed(room, fiona, fraser, priya):
    room_messages.send_message(room, priya, "From an earlier session", "c-0")
    room_sessions.end_session(room, fiona, "Earlier")
    room_floor.set_state(room, fiona, "open")
    room_messages.send_message(room, priya, "Strategic view", "c-1")
    room_messages.send_message(room, fraser, "Said without my name", "c-2", anonymous=True)
    removed, _ = room_messages.send_message(room, fraser, "Taken back", "c-3")
    room_messages.moderate(room, fiona, "remove", removed.pk)
    session = room_sessions.end_session(room, fiona, "Later")
    room_floor.set_state(room, fiona, "open")
    room_messages.send_message(room, fiona, "After the summary", "c-4")

    url = reverse("rooms:transcript", args=[room.slug, session.pk])
    page = soup_of(signed_in(priya).get(url))
    items = page.select("ol.cop-room-messages > li")
    assert [text_of(item.select_one(".cop-room-message__author")) for item in items] == [
        "Priya Practitioner",
        "Anonymous",
        "Fraser Frontline",
    ]
    assert "Said without my name" in text_of(items[1])
    assert "fraser" not in str(items[1]).lower()
    assert "removed by a facilitator" in text_of(items[2])
    assert "Taken back" not in text_of(page)
    assert "From an earlier session" not in text_of(page)
    assert page.find("a", string="Read the facilitator’s summary")["href"] == session.thread.get_absolute_url()


def test_a_moderator_reveals_an_anonymous_author_from_the_transcript_for_a_reason(room, fiona, fraser, priya):
    """Beside each anonymous message, the community's moderators (and only they) find "Reveal the
    author": a reason, then the name, shown to them alone; the look is in the moderation log."""
    room_messages.send_message(room, priya, "Strategic view", "c-1")
    anonymous, _ = room_messages.send_message(room, fraser, "Said without my name", "c-2", anonymous=True)
    session = room_sessions.end_session(room, fiona, "Done")
    url = reverse("rooms:transcript", args=[room.slug, session.pk])
    morag = MemberFactory(username="morag")
    member_of(room.community, morag, role="moderator")

    for viewer in (priya, fiona):  # a member, and a facilitator who is not a moderator
        assert soup_of(signed_in(viewer).get(url)).select("[data-reveal-form]") == []
        response = signed_in(viewer).post(
            reverse("rooms:reveal", args=[room.slug, anonymous.pk]), {"reason": "curious", "next": url}, follow=True
        )
        assert "Only moderators" in text_of(soup_of(response))
        assert "Fraser" not in text_of(soup_of(response).select_one("ol.cop-room-messages"))

    moderator = signed_in(morag, csrf=False)
    page = soup_of(moderator.get(url))
    forms = page.select("[data-reveal-form]")
    assert [form["data-reveal-form"] for form in forms] == [str(anonymous.pk)]  # only beside the anonymous one
    assert forms[0].find("input", {"name": "reason"}).has_attr("required")
    label = page.find("label", {"for": f"reveal-reason-{anonymous.pk}"})
    assert "Why do you need to know" in text_of(label)

    without_reason = moderator.post(forms[0]["action"], {"reason": " ", "next": url}, follow=True)
    assert "Say why you need to know" in text_of(soup_of(without_reason))
    assert not ModerationAction.objects.filter(action="identity_lookup").exists()

    answer = moderator.post(forms[0]["action"], {"reason": "Reported as abusive", "next": url}, follow=True)
    assert answer.redirect_chain[-1][0] == f"{url}#message-{anonymous.pk}"
    assert "written by Fraser Frontline (Frontline)" in text_of(soup_of(answer))
    look = ModerationAction.objects.get(action="identity_lookup")
    assert look.actor == morag
    assert "Reported as abusive" in look.reason
    elsewhere = moderator.post(forms[0]["action"], {"reason": "Again", "next": "https://evil.example/"})
    assert elsewhere["Location"] == f"{room_url(room)}#message-{anonymous.pk}"  # never sent off the site
    for nowhere in ("rooms", "//evil.example/"):  # a bare word was looked up as a view name: a 500
        answer = moderator.post(forms[0]["action"], {"reason": "Again", "next": nowhere})
        assert answer["Location"] == f"{room_url(room)}#message-{anonymous.pk}"


def test_the_transcript_follows_the_communitys_reading_rule(room, fiona, fraser):
    session = room_sessions.end_session(room, fiona, "Done")
    url = reverse("rooms:transcript", args=[room.slug, session.pk])
    assert Client().get(url).status_code == 200  # an open community's transcripts are public, as its threads are
    assert Client().get(reverse("rooms:transcript", args=[room.slug, session.pk + 1])).status_code == 404

    room.community.visibility = "restricted"
    room.community.save()
    stranger = MemberFactory(username="stranger")
    response = signed_in(stranger).get(url)
    assert response.status_code == 302
    assert response["Location"] == room.community.get_absolute_url()
    assert signed_in(fraser).get(url).status_code == 200

    room.community.visibility = "private"
    room.community.save()
    assert signed_in(stranger).get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_earlier_sessions_are_listed_on_the_room_page(room, fiona, fraser):
    session = room_sessions.end_session(room, fiona, "Done")
    page = soup_of(signed_in(fraser).get(room_url(room)))
    links = [a["href"] for a in page.select("ul[aria-labelledby=sessions-heading] a")]
    assert links == [f"/rooms/{room.slug}/transcript/{session.pk}/", session.thread.get_absolute_url()]


# --- the community page lists its rooms -----------------------------------------------------------------------
def test_the_community_page_lists_its_rooms(room, fraser):
    page = soup_of(signed_in(fraser).get(room.community.get_absolute_url()))
    section = page.find("ul", attrs={"aria-labelledby": "rooms"})
    assert section.find("a", string="What gets in the way?")["href"] == "/rooms/what-gets-in-the-way/"
    assert "Open now" in text_of(section)


# --- demo content ------------------------------------------------------------------------------------------------
def test_the_demo_rooms_are_made_once_in_the_demo_communities():
    from demo.rooms import load_demo_rooms

    open_one = CommunityFactory(slug="community-planning-practitioners", visibility="open")
    private = CommunityFactory(slug="frontline-voices-police-and-partners", visibility="private")
    for username in ("facilitator", "frontline", "practitioner"):
        UserFactory(username=username)

    made = load_demo_rooms()
    assert made[:2] == [
        "created the room Frontline and strategic: what gets in the way of co-production?",
        "created the room Listening round",
    ]
    assert made[2].startswith("scheduled a session in Frontline and strategic")
    assert load_demo_rooms() == []
    talk = Room.objects.get(slug="frontline-and-strategic")
    assert (talk.community, talk.state, talk.floor_control, talk.allow_anonymous) == (open_one, "open", False, True)
    assert talk.messages.count() == 3
    listening = Room.objects.get(slug="listening-round")
    assert (listening.community, listening.floor_control, listening.allow_anonymous) == (private, True, False)
    assert len(listening.rules) == 3
