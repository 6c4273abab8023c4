"""A room's upcoming session in a real browser: found on the community page, reminded of, added to a
calendar; and the facilitator's schedule form, checked by axe with and without errors.

The demo's open room has one upcoming session (demo/rooms.py). Every test leaves it as it found it.
"""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from demo.rooms import SESSION
from tests.e2e.conftest import axe_violations, sign_in

COMMUNITY = "community-planning-practitioners"
ROOM = SESSION["room"]

pytestmark = pytest.mark.e2e


@pytest.fixture
def member_page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, site_server.url, "frontline")
    yield page
    context.close()


@pytest.fixture
def facilitator_page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    sign_in(page, site_server.url, "facilitator")
    yield page
    context.close()


def test_a_member_finds_the_session_on_the_community_page_asks_for_a_reminder_and_adds_it_to_a_calendar(
    member_page, site_server
):
    page = member_page
    page.goto(f"{site_server.url}/communities/{COMMUNITY}/")
    upcoming = page.locator("section").filter(has=page.get_by_role("heading", name="Upcoming sessions", level=2))
    upcoming.get_by_role("link", name=SESSION["topic"]).click()
    page.wait_for_url(re.compile(rf"/rooms/{ROOM}/#session-\d+$"))

    session = page.locator("[data-session]", has_text=SESSION["topic"])
    session.get_by_label(re.compile("^Remind me")).select_option(label="15 minutes before")
    session.get_by_role("button", name=re.compile("^Remind me")).click()
    expect(page.get_by_role("status").filter(has_text="remind")).to_contain_text("We will remind you")
    session = page.locator("[data-session]", has_text=SESSION["topic"])
    expect(session.locator("[data-reminder-set]")).to_have_text("You will be reminded 15 minutes before.")

    with page.expect_download() as download_info:
        session.get_by_role("link", name=re.compile("^Add to calendar")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as ics:
        calendar = ics.read()
    assert calendar.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\r\nVERSION:2.0\r\n" in calendar
    assert f"/rooms/{ROOM}/".encode() in calendar.replace(b"\r\n ", b"")

    session.get_by_role("button", name=re.compile("^Stop reminding me")).click()  # as it was
    expect(page.get_by_role("status").filter(has_text="remind")).to_contain_text("You will not be reminded")


def test_the_schedule_form_is_accessible_and_says_what_to_fix(facilitator_page, site_server):
    page = facilitator_page
    page.goto(f"{site_server.url}/rooms/{ROOM}/")
    form = page.locator("[data-schedule-form]")
    expect(form.get_by_label("Topic")).to_be_visible()
    assert axe_violations(page) == []

    form.get_by_label("Topic").fill("A session that ends before it starts")
    day = (date.today() + timedelta(days=30)).isoformat()
    form.get_by_label("Starts").fill(f"{day}T10:00")
    form.get_by_label("Ends").fill(f"{day}T09:00")
    form.get_by_role("button", name="Schedule the session").click()
    summary = page.locator(".ds_error-summary")
    expect(summary).to_contain_text("The end must be after the start")
    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.locator("[data-schedule-form]").get_by_label("Topic")).to_have_value(
        "A session that ends before it starts"
    )
    assert axe_violations(page) == []
