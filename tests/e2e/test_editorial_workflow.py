"""In a real browser: an editor writes a practice guide and submits it, a reviewer approves it, visitors read it."""

import re
import time
import uuid

import pytest
from playwright.sync_api import expect

PASSWORD = "demo-pass-2026"  # load_demo_content's default COP_DEMO_PASSWORD
TIMEOUT_MS = 20_000


def sign_in_to_admin(browser, server, username):
    """A fresh browser context (its own cookies) signed in to the Wagtail admin."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/admin/")
    return page


def wait_for_autosave_to_settle(page, quiet_seconds=3.0, timeout_seconds=45.0):
    """Wait until Wagtail's autosave is idle and nothing has changed for a while.

    Wagtail 8 autosaves the editor form: the first autosave creates the page and moves the form to
    its edit URL. Submitting while an autosave is in flight would post to the add URL a second
    time, so the editor (like a person) pauses until the indicator says the draft is saved.
    """
    deadline = time.monotonic() + timeout_seconds
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        state = page.evaluate(
            """() => [
                document.querySelector('#w-autosave-indicator')?.dataset.wAutosaveStateValue || '',
                document.querySelector('form[data-controller~="w-autosave"]')?.dataset.wUnsavedHasEditsValue || '',
                location.pathname,
            ]"""
        )
        now = time.monotonic()
        if state != last:
            last, since = state, now
        elif state[0] != "saving" and now - since >= quiet_seconds:
            return state
        time.sleep(0.2)
    raise AssertionError(f"Wagtail's autosave did not settle within {timeout_seconds}s: {last}")


def open_add_guide_form(page, server):
    """From the page explorer, as an editor would: Home -> Practice guides -> Add child page."""
    page.goto(f"{server.url}/admin/pages/")
    page.get_by_role("link", name="Explore child pages of 'Communities of Practice'").click()
    page.get_by_role("link", name="Explore child pages of 'Practice guides'").click()
    page.get_by_role("link", name="Add child page").first.click()
    # A guides index allows only practice guides, so Wagtail goes straight to the form.
    page.wait_for_url(re.compile(r".*/admin/pages/add/learning/practiceguidepage/\d+/$"))


def write_guide(page, title):
    page.fill("#id_title", title)
    page.fill("#id_summary", "How to host a listening session where frontline staff speak first and are heard.")
    page.fill("#id_purpose", "Plan and host a listening session that surfaces what frontline staff know.")
    page.fill("#id_audience", "Team leaders and community planning officers.")
    page.fill("#id_time_needed", "Ninety minutes, plus an hour to prepare")
    page.select_option("#id_skills", label="Facilitation")
    # Steps is a StreamField with one block type: "Insert a block" adds a step straight away.
    page.locator("#steps-root button.c-sf-add-button").first.click()
    page.fill("#steps-0-value-title", "Invite the frontline first")
    page.locator("#steps-root [contenteditable=true]").first.click()
    page.keyboard.type("Ask the people closest to the work to speak before managers do.")


@pytest.mark.e2e
def test_an_editor_writes_a_guide_a_reviewer_approves_it_and_it_appears_on_guides(browser, start_server):
    server = start_server()
    title = f"Hosting a listening session {uuid.uuid4().hex[:6]}"

    # The editor writes the guide and submits it for review.
    editor = sign_in_to_admin(browser, server, "editor")
    open_add_guide_form(editor, server)
    write_guide(editor, title)
    wait_for_autosave_to_settle(editor)
    editor.get_by_role("button", name="More actions").click()
    expect(editor.get_by_role("button", name="Publish", exact=True)).to_have_count(0)  # editors cannot publish
    editor.get_by_role("button", name="Submit to Editorial review").click()
    # Wagtail words it "created and submitted" when the submit also creates the page, and "has been
    # submitted" when autosave created it first: which one depends on timing, both mean the same.
    expect(editor.locator(".messages")).to_contain_text(
        re.compile(rf"Page '{re.escape(title)}' (has been|created and) submitted for moderation"), timeout=TIMEOUT_MS
    )

    # Not visible to the public while it waits for review.
    visitor = browser.new_context()
    visitor.set_default_timeout(TIMEOUT_MS)
    anonymous = visitor.new_page()
    anonymous.goto(f"{server.url}/guides/")
    expect(anonymous.get_by_role("heading", level=1)).to_be_visible()
    expect(anonymous.get_by_text(title)).to_have_count(0)

    # The reviewer finds it awaiting review on the dashboard and approves it from the editor.
    reviewer = sign_in_to_admin(browser, server, "reviewer")
    reviewer.get_by_role("link", name=title).first.click()
    reviewer.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text(f"Page '{title}' has been updated", timeout=TIMEOUT_MS)

    # Now every visitor finds it on /guides/ and can read it.
    anonymous.goto(f"{server.url}/guides/")
    guide_link = anonymous.get_by_role("link", name=title)
    expect(guide_link).to_be_visible(timeout=TIMEOUT_MS)
    guide_link.click()
    expect(anonymous.get_by_role("heading", level=1)).to_have_text(title, timeout=TIMEOUT_MS)
    expect(anonymous.get_by_text("Invite the frontline first")).to_be_visible()

    for page in (editor, reviewer, anonymous):
        page.context.close()
