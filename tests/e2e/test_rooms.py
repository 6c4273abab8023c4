"""A facilitator and a frontline practitioner in a live room, each in their own browser (Chromium).

The demo rooms (demo/rooms.py) are the stage: "Frontline and strategic..." lets anyone speak,
the "Listening round" is facilitated (floor control on). Every test leaves the floor as it found it.
"""

import json
import re
import subprocess
import sys
import uuid

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, server_environment
from tests.e2e.conftest import axe_violations, sign_in

OPEN_ROOM = "frontline-and-strategic"
FACILITATED_ROOM = "listening-round"
WITHIN_A_SECOND = 1000
REPLAYED_AT_MOST = 500  # messages a reconnect is sent (rooms/replay.py); beyond that the server says `reload`

# Run inside the site's database. A room of its own, so other tests' rooms keep their size: it opens
# with one message from Fiona, so a page that has seen it reconnects with ?after=.
NEW_ROOM = """
from django.contrib.auth import get_user_model
from forums.models import Community
from rooms.models import Room, RoomMessage
fiona = get_user_model().objects.get(username="facilitator")
room = Room.objects.create(
    slug="{slug}", community=Community.objects.get(slug="community-planning-practitioners"), state=Room.State.OPEN,
    title="Catching up ({slug})", purpose="A long conversation.", ground_rules="Speak from your own experience.",
)
RoomMessage.objects.create(room=room, author=fiona, body_source="Before you went", body_html="<p>Before you went</p>",
                           client_id="opening")
"""
SAID_MEANWHILE = """
from django.contrib.auth import get_user_model
from rooms.models import Room, RoomMessage
fiona = get_user_model().objects.get(username="facilitator")
room = Room.objects.get(slug="{slug}")
RoomMessage.objects.bulk_create(
    RoomMessage(room=room, author=fiona, body_source=f"Point {{n}}", body_html=f"<p>Point {{n}}</p>",
                client_id=f"point-{{n}}")
    for n in range(1, {count} + 1)
)
"""

pytestmark = pytest.mark.e2e


def in_site_database(site_database, code):
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=server_environment(DATABASE_URL=site_database),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )


def signed_in_page(browser, base_url, username):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    sign_in(page, base_url, username)
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign out")
    return page


@pytest.fixture
def fiona_and_fraser(browser, site_server):
    """The facilitator and a frontline member, signed in, each in a browser context of their own."""
    pages = [signed_in_page(browser, site_server.url, name) for name in ("facilitator", "frontline")]
    yield pages
    for page in pages:
        page.context.close()


@pytest.fixture
def fraser_alone(browser, site_server):
    page = signed_in_page(browser, site_server.url, "frontline")
    yield page
    page.context.close()


def enter(page, base_url, slug):
    page.goto(f"{base_url}/rooms/{slug}/")
    expect(page.locator("[data-connection-status]")).to_have_text("Connected")


def both_present(*pages):
    for page in pages:
        expect(page.locator("[data-presence] li")).to_have_count(2)


def say(page, text):
    box = page.get_by_label("Your message")
    box.fill(text)
    box.press("Enter")


def message(page, text):
    return page.locator("[data-message-list] > li", has_text=text)


def unique(words):
    return f"{words} ({uuid.uuid4().hex[:8]})"


def test_each_sees_the_others_messages_within_a_second(fiona_and_fraser, site_server):
    fiona, fraser = fiona_and_fraser
    for page in (fiona, fraser):
        enter(page, site_server.url, OPEN_ROOM)
    both_present(fiona, fraser)
    expect(fiona.locator("[data-presence]")).to_contain_text("Fraser Frontline")
    expect(fiona.locator("[data-presence]")).to_contain_text("Frontline")

    from_fraser = unique("Our caseloads leave no room for co-design")
    say(fraser, from_fraser)
    expect(message(fiona, from_fraser)).to_be_visible(timeout=WITHIN_A_SECOND)
    expect(message(fiona, from_fraser)).to_contain_text("Fraser Frontline")
    expect(message(fraser, from_fraser)).to_have_attribute("data-message-id", re.compile(r"^\d+$"))
    expect(fraser.get_by_label("Your message")).to_be_focused()
    expect(fraser.get_by_label("Your message")).to_have_value("")

    from_fiona = unique("Thank you, Fraser: who else has seen that?")
    say(fiona, from_fiona)
    expect(message(fraser, from_fiona)).to_be_visible(timeout=WITHIN_A_SECOND)
    expect(fraser.locator("[data-announcer]")).to_contain_text("Fiona Facilitator: Thank you, Fraser")

    # Shift+Enter is a new line, not a send.
    box = fraser.get_by_label("Your message")
    box.fill("First line")
    box.press("Shift+Enter")
    box.type("second line")
    expect(box).to_have_value("First line\nsecond line")
    box.fill("")


def test_hands_and_the_floor(fiona_and_fraser, site_server):
    fiona, fraser = fiona_and_fraser
    for page in (fiona, fraser):
        enter(page, site_server.url, FACILITATED_ROOM)
    both_present(fiona, fraser)
    # Floor control is on: the message box is shut until Fraser has the floor, and says why before he types.
    expect(fraser.locator("[data-composer-state]")).to_contain_text("No one has the floor yet: raise your hand")
    expect(fraser.get_by_label("Your message")).to_be_disabled()
    expect(fiona.get_by_label("Your message")).to_be_enabled()  # the facilitator may always speak

    # Raise a hand with the keyboard; everyone sees the queue.
    hand = fraser.get_by_role("button", name="Raise your hand")
    hand.focus()
    fraser.keyboard.press("Enter")
    expect(fraser.get_by_role("button", name="Lower your hand")).to_have_attribute("aria-pressed", "true")
    expect(fraser.get_by_role("button", name="Lower your hand")).to_be_focused()
    expect(fiona.locator("[data-hands]")).to_contain_text("Fraser Frontline")
    expect(fraser.locator("[data-hands]")).to_contain_text("Fraser Frontline")

    # The facilitator gives Fraser the floor from the queue; focus lands on who has the floor.
    give = fiona.locator("[data-hands]").get_by_role("button", name="Give the floor to Fraser Frontline")
    give.focus()
    fiona.keyboard.press("Enter")
    expect(fiona.locator("[data-floor]")).to_have_text("Fraser Frontline has the floor.")
    expect(fiona.locator("[data-floor]")).to_be_focused()
    expect(fiona.locator("[data-hands] li")).to_have_count(0)
    expect(fraser.locator("[data-floor]")).to_have_text("You have the floor.")
    expect(fraser.get_by_role("button", name="Raise your hand")).to_have_attribute("aria-pressed", "false")

    # Now the box is open to him, and what he says reaches the room once.
    expect(fraser.locator("[data-composer-state]")).to_have_text("You have the floor.")
    in_turn = unique("Can I come in here?")
    say(fraser, in_turn)
    expect(message(fiona, in_turn)).to_have_count(1, timeout=WITHIN_A_SECOND)
    expect(message(fraser, in_turn)).to_have_attribute("data-message-id", re.compile(r"^\d+$"))

    fiona.get_by_role("button", name="Take back the floor").click()
    expect(fraser.locator("[data-floor]")).to_have_text("No one has the floor.")
    expect(fraser.get_by_label("Your message")).to_be_disabled()


def test_typing_anonymously_does_not_tell_the_room_who_is_typing(fiona_and_fraser, site_server):
    fiona, fraser = fiona_and_fraser
    for page in (fiona, fraser):
        enter(page, site_server.url, OPEN_ROOM)
    both_present(fiona, fraser)

    # Everything Fiona's typing line ever says, not only what it says at the end.
    fiona.locator("[data-typing]").evaluate(
        """line => { window.typingSeen = [];
        new MutationObserver(() => window.typingSeen.push(line.textContent)).observe(line, {childList: true}); }"""
    )
    anonymously = fraser.get_by_label("Post anonymously")
    anonymously.focus()
    fraser.keyboard.press("Space")
    expect(anonymously).to_be_checked()
    fraser.get_by_label("Your message").press_sequentially("Something I would rather not be named for", delay=40)
    fiona.wait_for_timeout(1500)  # a typing signal would have arrived by now
    assert fiona.evaluate("window.typingSeen.filter(Boolean)") == []

    anonymously.focus()
    fraser.keyboard.press("Space")
    expect(anonymously).not_to_be_checked()
    fraser.get_by_label("Your message").press_sequentially(", or maybe I would", delay=40)
    expect(fiona.locator("[data-typing]")).to_have_text("Fraser Frontline is typing…")
    fraser.get_by_label("Your message").fill("")


def test_without_javascript_the_room_reads_and_offers_no_live_control_that_would_do_nothing(browser, site_server):
    # A composer that worked as a plain form would lose the message and put its words in the address.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, site_server.url, "facilitator")
    page.goto(f"{site_server.url}/rooms/{OPEN_ROOM}/")
    expect(page.locator("[data-message-list] > li").first).to_be_visible()
    for live_only in (
        "[data-composer]",
        "[data-connection-status]",
        "[data-hand]",
        "[data-round]",
        "[data-remove-message]",
    ):
        controls = page.locator(live_only)
        assert controls.count(), live_only  # on the page, for when JavaScript runs
        for control in controls.all():
            expect(control).to_be_hidden()
    expect(page.get_by_role("button", name="Send")).to_have_count(0)
    expect(page.get_by_role("heading", name="The floor")).to_be_visible()
    expect(page.get_by_role("button", name="End the session and post the summary")).to_be_visible()  # a real form
    context.close()


def test_a_removed_message_goes_from_every_screen_and_the_room_is_told(fiona_and_fraser, site_server):
    fiona, fraser = fiona_and_fraser
    for page in (fiona, fraser):
        enter(page, site_server.url, OPEN_ROOM)
    both_present(fiona, fraser)
    regretted = unique("Something that breaks the ground rules")
    say(fraser, regretted)
    message(fiona, regretted).locator("summary", has_text="Actions").click()
    remove = message(fiona, regretted).get_by_role("button", name=re.compile("^Remove the message from Fraser"))
    remove.focus()
    fiona.keyboard.press("Enter")
    expect(message(fiona, regretted)).to_have_count(0)
    expect(message(fraser, regretted)).to_have_count(0)
    expect(fraser.locator("[data-announcer]")).to_have_text("A facilitator removed a message.")


def test_a_member_who_loses_the_connection_catches_up_exactly_once(fiona_and_fraser, site_server):
    fiona, fraser = fiona_and_fraser
    for page in (fiona, fraser):
        enter(page, site_server.url, OPEN_ROOM)
    both_present(fiona, fraser)

    fraser.context.set_offline(True)
    expect(fraser.locator("[data-connection-status]")).to_have_text("Offline")
    missed = unique("While you were away: the budget meeting moved to Thursday")
    say(fiona, missed)
    expect(message(fiona, missed)).to_be_visible()
    written_offline = unique("Typed on the train, sent when I am back")
    say(fraser, written_offline)
    expect(message(fraser, written_offline)).to_contain_text("Sending…")

    fraser.context.set_offline(False)
    expect(fraser.locator("[data-connection-status]")).to_have_text("Connected")
    expect(message(fraser, missed)).to_have_count(1)
    expect(message(fraser, written_offline)).to_have_attribute("data-message-id", re.compile(r"^\d+$"))
    expect(message(fiona, written_offline)).to_have_count(1)
    fraser.wait_for_timeout(500)  # anything doubled would have arrived by now
    expect(message(fraser, missed)).to_have_count(1)
    expect(message(fiona, written_offline)).to_have_count(1)
    ids = fraser.locator("[data-message-list] > li").evaluate_all("items => items.map(i => i.dataset.messageId)")
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids, key=int)


def test_a_member_away_for_too_long_is_given_the_latest_messages_and_told_why(fraser_alone, site_server, site_database):
    fraser = fraser_alone
    slug = f"catching-up-{uuid.uuid4().hex[:8]}"
    in_site_database(site_database, NEW_ROOM.format(slug=slug))
    received = []  # every frame the server sends Fraser's page, as the page gets it
    fraser.on("websocket", lambda socket: socket.on("framereceived", lambda text: received.append(json.loads(text))))
    enter(fraser, site_server.url, slug)
    expect(message(fraser, "Before you went")).to_be_visible()

    fraser.context.set_offline(True)
    expect(fraser.locator("[data-connection-status]")).to_have_text("Offline")
    said = REPLAYED_AT_MOST + 20
    in_site_database(site_database, SAID_MEANWHILE.format(slug=slug, count=said))
    written_offline = unique("Sorry, I dropped out: what did I miss?")
    say(fraser, written_offline)

    # More was said than a reconnect replays: the log starts again from the latest, and says why.
    fraser.context.set_offline(False)
    expect(message(fraser, f"Point {said}")).to_be_visible()
    reload = next(frame for frame in received if frame["type"] == "reload")
    expect(fraser.locator("[data-connection-status]")).to_have_text(f"Connected. {reload['detail']}")
    expect(message(fraser, "Before you went")).to_have_count(0)
    expect(fraser.get_by_role("button", name="Show earlier messages")).to_be_visible()
    # What Fraser wrote while away was kept through the new start, and is sent once.
    expect(message(fraser, written_offline)).to_have_attribute("data-message-id", re.compile(r"^\d+$"))
    ids = fraser.locator("[data-message-list] > li").evaluate_all("items => items.map(i => i.dataset.messageId)")
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids, key=int)


def test_the_room_passes_axe_with_messages_presence_and_the_facilitator_panel(fiona_and_fraser, site_server):
    fiona, fraser = fiona_and_fraser
    for page in (fiona, fraser):
        enter(page, site_server.url, OPEN_ROOM)
    both_present(fiona, fraser)
    say(fraser, unique("Permission matters as much as time"))
    fraser.get_by_role("button", name="Raise your hand").click()
    expect(fiona.locator("[data-hands] li")).to_have_count(1)
    expect(fiona.locator("[data-participation-chart] svg")).to_be_visible()
    expect(fiona.locator("[data-participation-people] tbody")).to_contain_text("Fraser Frontline")
    expect(fiona.get_by_role("heading", name="Facilitator tools")).to_be_visible()
    expect(fiona.locator("[data-message-list] > li").first).to_be_visible()

    assert axe_violations(fiona) == []
    assert axe_violations(fraser) == []
    fiona.set_viewport_size({"width": 375, "height": 900})
    assert axe_violations(fiona) == []

    fraser.get_by_role("button", name="Lower your hand").click()
    expect(fiona.locator("[data-hands] li")).to_have_count(0)


def test_a_moderator_reveals_who_wrote_an_anonymous_message_after_giving_a_reason(
    fiona_and_fraser, browser, site_server
):
    """The composer promises "moderators can, and every look is recorded": the control is beside the
    message, asks why, and tells that moderator alone; the facilitator (not a moderator) has no such control."""
    fiona, fraser = fiona_and_fraser
    morag = signed_in_page(browser, site_server.url, "moderator")
    try:
        for page in (fiona, fraser, morag):
            enter(page, site_server.url, OPEN_ROOM)
        anonymously = fraser.get_by_label("Post anonymously")
        anonymously.focus()
        fraser.keyboard.press("Space")
        expect(anonymously).to_be_checked()
        said = unique("The rota is the problem")
        say(fraser, said)
        expect(message(fraser, said)).to_be_visible()
        anonymously.focus()
        fraser.keyboard.press("Space")
        for page in (fiona, morag):
            expect(message(page, said)).to_contain_text("Anonymous")
        expect(message(fiona, said).get_by_text("Reveal the author")).to_have_count(0)

        message(morag, said).locator("summary", has_text="Actions").click()
        reveal = message(morag, said).get_by_text("Reveal the author")
        reveal.click()
        morag.get_by_label("Why do you need to know who wrote it?").fill("Reported as aimed at a named colleague")
        message(morag, said).get_by_role("button", name="Reveal").click()
        expect(message(morag, said)).to_contain_text("Written by Fraser Frontline")
        fiona.wait_for_timeout(500)  # a frame to anyone else would have arrived by now
        for page in (fiona, fraser):
            expect(message(page, said)).not_to_contain_text("Written by")
        assert axe_violations(morag) == []
    finally:
        morag.context.close()


def test_a_member_reports_a_message_from_under_it_in_the_room(fiona_and_fraser, site_server):
    """Report under another member's live message: a reason, Send report, back on the room, told it went."""
    fiona, fraser = fiona_and_fraser
    for page in (fiona, fraser):
        enter(page, site_server.url, OPEN_ROOM)
    said = unique("Names a colleague in a way they would not like")
    say(fiona, said)
    reported = message(fraser, said)
    expect(reported).to_be_visible()
    reported.locator("summary", has_text="Actions").click()
    reported.locator("summary", has_text="Report").click()
    reported.get_by_label("Abusive or disrespectful").check(force=True)
    reported.get_by_role("button", name="Send report").click()
    expect(fraser.locator("body")).to_contain_text("moderators will look at this message")
