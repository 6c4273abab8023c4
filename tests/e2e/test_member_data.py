"""A freshly signed-up member finds "Your data", downloads it, deletes their account and is signed out."""

import json
import quopri
import re
import time
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, sign_in

PASSWORD = "a-long-pass-2026-phrase"


def confirmation_link(server, email):
    """The confirm-email link from the console email in the server's log (quoted-printable soft breaks undone)."""
    deadline = time.monotonic() + 15
    while True:  # the server writes the email as it answers the sign-up: give its log a moment
        server.log.flush()
        text = quopri.decodestring(open(server.log.name, "rb").read()).decode("utf-8", "replace")  # noqa: SIM115
        before = text.rfind(email)
        links = re.findall(r"https?://\S+/accounts/confirm-email/[^\s/]+/", text[before:]) if before >= 0 else []
        if links or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert links, "no confirmation email in the server log"
    return links[0]


def sign_up(page, server, username):
    email = f"{username}@example.org"
    page.goto(f"{server.url}/accounts/signup/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Display name").fill("Morven Tester")
    page.get_by_label("Organisation").fill("Angus Council")
    page.locator("label.ds_radio__label", has_text="Public sector").click()  # the design system's label takes the click
    page.locator("label.ds_radio__label", has_text="Frontline").click()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create your account").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/signup/$"))
    page.goto(confirmation_link(server, email))
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/confirm-email/"))
    sign_in(page, server.url, username=username, password=PASSWORD)


@pytest.mark.e2e
def test_a_new_member_downloads_their_data_and_deletes_their_account(site_server, page):
    username = f"morven-{uuid.uuid4().hex[:8]}"
    sign_up(page, site_server, username)

    page.goto(f"{site_server.url}/members/me/edit/")
    page.get_by_role("link", name="See what we keep about you").click()
    expect(page.locator("h1")).to_have_text("Your data")
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (JSON)").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115
    assert data["account"]["username"] == username
    assert data["profile"]["display_name"] == "Morven Tester"

    page.get_by_role("link", name="Delete your account").click()
    expect(page.locator("h1")).to_have_text("Delete your account")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Delete your account").click()  # nothing typed: refused, accessibly
    expect(page.locator(".ds_error-summary")).to_contain_text("Enter your password to confirm")
    assert axe_violations(page) == []

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete your account").click()
    expect(page.locator("h1")).to_have_text("Your account has been deleted")
    assert axe_violations(page) == []

    response = page.goto(f"{site_server.url}/members/me/data/")
    assert "/accounts/login/" in page.url
    assert response.status == 200
    assert page.goto(f"{site_server.url}/members/{username}/").status == 404
    sign_in(page, site_server.url, username=username, password=PASSWORD)
    assert "/accounts/login/" in page.url  # the account is gone: signing in fails
