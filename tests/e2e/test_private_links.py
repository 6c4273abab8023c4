"""A link to a private community, followed in a browser: it says the space is private, names nothing of it,
and the sign-in it offers brings a member back to the page (the demo's private community, rooms/demo)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, axe_violations

pytestmark = pytest.mark.e2e

PRIVATE = "/communities/frontline-voices-police-and-partners/"
NAME = "Frontline voices"


def test_a_visitor_is_told_the_space_is_private_and_a_member_lands_on_it_after_signing_in(site_server, page):
    response = page.goto(site_server.url + PRIVATE)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This space is private")
    assert NAME not in page.content()
    assert axe_violations(page) == []

    page.locator("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username or email address").fill("frontline")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(PRIVATE) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)


def test_a_member_outside_it_is_told_how_to_ask_for_an_invitation(site_server, page):
    page.goto(site_server.url + PRIVATE)
    page.locator("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username or email address").fill("practitioner")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(PRIVATE) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("This space is private")
    expect(page.locator("main")).to_contain_text("invit")
    assert NAME not in page.content()
