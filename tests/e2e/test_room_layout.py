"""The room page as a room, in Chromium at a laptop's 1280x800 and a phone's 375x812.

The conversation and the composer fill the screen with the newest message in view, purpose and ground
rules are one click away (open on a first visit until agreed), the panel of hands and people sits beside
the conversation (below it on a phone), a skip link reaches the message box, each message's actions sit
in a small menu, and a closed room says so before anyone types. A full-page screenshot of each width
goes to the test output folder (tests/e2e/artefacts.py).
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.artefacts import save_screenshot
from tests.e2e.conftest import axe_violations, sign_in
from tests.e2e.test_rooms import OPEN_ROOM, enter, in_site_database, message, say, unique

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}

# Run inside the site's database: a room whose last session ended, as a late arrival finds it.
ENDED_ROOM = """
from django.contrib.auth import get_user_model
from forums.models import Community
from rooms.models import Room
from rooms import messages, sessions
fiona = get_user_model().objects.get(username="facilitator")
room = Room.objects.create(
    slug="{slug}", community=Community.objects.get(slug="community-planning-practitioners"), state=Room.State.OPEN,
    title="Ended already ({slug})", purpose="A session that is over.", ground_rules="Speak from your own experience.",
)
messages.send_message(room, fiona, "Thank you all: that is the session.", "last-words")
sessions.end_session(room, fiona, "- We agreed to meet again")
"""


def member_page(browser, base_url, username, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    sign_in(page, base_url, username)
    return page


def box(locator):
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not on the page"
    return found


def within_viewport(page, locator):
    found, viewport = box(locator), page.viewport_size
    return found["y"] >= 0 and found["y"] + found["height"] <= viewport["height"] + 1


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "375x812"])
def test_the_conversation_and_the_message_box_are_on_screen_with_the_newest_message(browser, site_server, viewport):
    fraser = member_page(browser, site_server.url, "frontline", viewport)
    try:
        # A first visit: purpose and ground rules are open until agreed; agreeing goes on to the message box.
        enter(fraser, site_server.url, OPEN_ROOM)
        about = fraser.locator("[data-about-room]")
        expect(about).to_have_attribute("open", "")
        expect(fraser.get_by_role("heading", name="Ground rules")).to_be_visible()
        fraser.get_by_role("button", name="I agree to the ground rules").click()
        expect(about).not_to_have_attribute("open", "")
        expect(fraser.get_by_label("Your message")).to_be_focused()
        said = unique("The newest thing said in the room")
        say(fraser, said)
        expect(message(fraser, said)).to_have_attribute("data-message-id", re.compile(r"^\d+$"))

        # Coming back, the rules stay one click away, and the room fills the screen without scrolling.
        enter(fraser, site_server.url, OPEN_ROOM)
        expect(about).not_to_have_attribute("open", "")
        fraser.wait_for_timeout(300)  # the log has been fitted to the window
        assert fraser.evaluate("window.scrollY") == 0
        save_screenshot(fraser, f"room-{viewport['width']}x{viewport['height']}.png")  # left even if what follows fails
        composer = fraser.get_by_label("Your message")
        send = fraser.get_by_role("button", name="Send", exact=True)
        newest = message(fraser, said)
        for shown in (composer, send, newest):
            assert within_viewport(fraser, shown), f"{shown} is not within {viewport}"
        log = box(fraser.locator("[data-message-scroller]"))
        newest_box = box(newest)
        assert newest_box["y"] >= log["y"] - 1
        assert newest_box["y"] + newest_box["height"] <= log["y"] + log["height"] + 1  # in the log's view

        # The floor and who is here sit beside the conversation on a laptop, below it on a phone.
        hand = box(fraser.get_by_role("button", name="Raise your hand"))
        if viewport is LAPTOP:
            assert hand["x"] >= log["x"] + log["width"]
            assert hand["y"] < box(composer)["y"]
        else:
            assert hand["y"] > box(composer)["y"]

        about.locator("summary").click()
        expect(fraser.get_by_role("heading", name="Ground rules")).to_be_visible()
        about.locator("summary").click()
        assert axe_violations(fraser) == []
    finally:
        fraser.context.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "375x812"])
def test_the_skip_link_reaches_the_message_box_within_three_tabs_and_tabs_go_on_in_reading_order(
    browser, site_server, viewport
):
    fraser = member_page(browser, site_server.url, "frontline", viewport)
    try:
        fraser.evaluate(f"localStorage.setItem('cop-room-rules-agreed:{OPEN_ROOM}', 'yes')")
        enter(fraser, site_server.url, OPEN_ROOM)
        presses = 0
        while presses < 3 and fraser.evaluate("document.activeElement.textContent") != "Skip to the message box":
            fraser.keyboard.press("Tab")
            presses += 1
        expect(fraser.get_by_role("link", name="Skip to the message box")).to_be_focused()  # in at most 3 Tabs
        fraser.keyboard.press("Enter")
        expect(fraser.get_by_label("Your message")).to_be_focused()

        # From the message box on: Send, then the panel beside (or below) the conversation.
        fraser.keyboard.press("Tab")
        expect(fraser.get_by_role("button", name="Send", exact=True)).to_be_focused()
        fraser.keyboard.press("Tab")
        expect(fraser.get_by_label("Post anonymously")).to_be_focused()
        fraser.keyboard.press("Tab")
        expect(fraser.get_by_role("button", name="Raise your hand")).to_be_focused()
    finally:
        fraser.context.close()


def test_a_messages_actions_are_in_a_small_menu_that_works_by_keyboard(browser, site_server):
    fiona = member_page(browser, site_server.url, "facilitator", LAPTOP)
    fraser = member_page(browser, site_server.url, "frontline", LAPTOP)
    try:
        for page in (fiona, fraser):
            enter(page, site_server.url, OPEN_ROOM)
        said = unique("Something to act on")
        say(fraser, said)
        said_by_fraser = message(fiona, said)
        expect(said_by_fraser).to_be_visible()
        remove = said_by_fraser.get_by_role("button", name="Remove the message from Fraser", exact=False)
        expect(remove).to_be_hidden()  # no full-size button under every message

        actions = said_by_fraser.locator("summary", has_text="Actions")
        assert box(actions)["height"] <= 32  # a small button
        actions.focus()
        fiona.keyboard.press("Enter")
        expect(remove).to_be_visible()
        expect(said_by_fraser.locator("summary", has_text="Report")).to_be_visible()
        fiona.keyboard.press("Tab")
        expect(remove).to_be_focused()
        fiona.keyboard.press("Escape")
        expect(remove).to_be_hidden()
        expect(actions).to_be_focused()

        fiona.keyboard.press("Space")
        expect(remove).to_be_visible()
        assert axe_violations(fiona) == []
        fiona.keyboard.press("Tab")
        fiona.keyboard.press("Enter")
        expect(message(fiona, said)).to_have_count(0)
        expect(message(fraser, said)).to_have_count(0)

        # Fraser's own message offers him nothing to do to it; Fiona's offers him Report.
        mine = unique("My own words")
        say(fraser, mine)
        expect(message(fraser, mine).locator("summary", has_text="Actions")).to_have_count(0)
    finally:
        fiona.context.close()
        fraser.context.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "375x812"])
def test_a_late_arrival_learns_the_session_ended_and_the_room_is_closed_before_typing(
    browser, site_server, site_database, viewport
):
    slug = f"ended-{uuid.uuid4().hex[:8]}"
    in_site_database(site_database, ENDED_ROOM.format(slug=slug))
    fraser = member_page(browser, site_server.url, "frontline", viewport)
    try:
        fraser.evaluate(f"localStorage.setItem('cop-room-rules-agreed:{slug}', 'yes')")
        fraser.goto(f"{site_server.url}/rooms/{slug}/")
        expect(fraser.locator("[data-room-state]")).to_have_text("Closed")
        reason = fraser.locator("[data-composer-state]")
        expect(reason).to_contain_text("The session ended on")
        expect(reason).to_contain_text("the room is closed")
        box_ = fraser.get_by_label("Your message")
        expect(box_).to_be_disabled()
        expect(fraser.get_by_role("button", name="Send", exact=True)).to_be_disabled()
        assert within_viewport(fraser, reason)
        expect(fraser.locator("[data-connection-status]")).to_have_text("Connected")
        expect(reason).to_contain_text("The session ended on")  # still, once the room has said it is closed

        fraser.keyboard.press("Tab")
        fraser.keyboard.press("Tab")
        fraser.keyboard.press("Enter")  # Skip to the message box: it is shut, and focus lands on why
        expect(reason).to_be_focused()
        assert axe_violations(fraser) == []
        save_screenshot(fraser, f"room-closed-{viewport['width']}x{viewport['height']}.png")
    finally:
        fraser.context.close()


def test_the_message_box_shuts_and_says_why_the_moment_the_facilitator_closes_the_room(browser, site_server):
    fiona = member_page(browser, site_server.url, "facilitator", LAPTOP)
    fraser = member_page(browser, site_server.url, "frontline", LAPTOP)
    tools = fiona.locator("[data-facilitation]")
    try:
        for page in (fiona, fraser):
            enter(page, site_server.url, OPEN_ROOM)
        box_ = fraser.get_by_label("Your message")
        box_.fill("Half a thought")
        tools.get_by_role("button", name="Close the room").click()
        expect(box_).to_be_disabled()
        expect(fraser.locator("[data-composer-state]")).to_have_text("The room is closed just now.")
        expect(fraser.locator("[data-composer-state]")).to_be_focused()  # the box had focus: on to why it shut
        expect(fraser.locator("[data-room-state]")).to_have_text("Closed")
        expect(box_).to_have_value("Half a thought")  # the draft is kept

        tools.get_by_role("button", name="Open the room").click()
        expect(box_).to_be_enabled()
        expect(fraser.locator("[data-composer-state]")).to_have_text("The room is open: anyone may speak.")
        box_.fill("")
    finally:
        if tools.get_by_role("button", name="Open the room").is_visible():
            tools.get_by_role("button", name="Open the room").click()
            expect(tools.get_by_role("button", name="Close the room")).to_be_visible()
        fiona.context.close()
        fraser.context.close()


def test_a_message_refused_for_coming_too_fast_goes_with_retry_exactly_once(browser, site_server):
    fiona = member_page(browser, site_server.url, "facilitator", LAPTOP)
    fraser = member_page(browser, site_server.url, "frontline", LAPTOP)
    try:
        for page in (fiona, fraser):
            enter(page, site_server.url, OPEN_ROOM)
        batch = unique("In a hurry")
        # Five a window of five seconds are allowed (rooms/messages.py); twelve said at once put at least six
        # into one window even when they straddle two, however slowly a busy machine answers them.
        said = [f"{batch}: message {n} of 12" for n in range(1, 13)]
        for text in said:
            say(fraser, text)
        for text in said:
            expect(message(fraser, text)).not_to_contain_text("Sending…")
        refused = next((text for text in said if "Not sent" in message(fraser, text).inner_text()), None)
        assert refused, "no message was refused for coming too fast"
        expect(fraser.get_by_role("alert")).to_contain_text("Slow down a little")
        expect(message(fiona, refused)).to_have_count(0)

        fraser.wait_for_timeout(5500)
        message(fraser, refused).get_by_role("button", name="Retry sending this message").click()
        expect(message(fraser, refused)).to_have_attribute("data-message-id", re.compile(r"^\d+$"))
        expect(message(fiona, refused)).to_have_count(1)
        fiona.wait_for_timeout(500)  # anything doubled would have arrived by now
        expect(message(fiona, refused)).to_have_count(1)
    finally:
        fiona.context.close()
        fraser.context.close()
