"""In a real browser: Priya shares her practice from the case studies page, a reviewer asks for changes.

She follows "Share your practice" on /case-studies/, sends the form with the challenge left out and
is told what to fix with everything she typed still there, sends it again and reads what happens
next; My learning shows it in review. The reviewer finds it on the Wagtail dashboard and requests
changes with a comment; Priya is notified, My learning shows the changes requested and the
comment, and she replies, which sends it back into review. Each page she uses passes axe-core.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, sign_in
from tests.e2e.test_editorial_workflow import sign_in_to_admin

TIMEOUT_MS = 20_000
COMMENT = "Please say who took part in the first cycle."


def fill_proposal(page, title):
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Support workers speak first in a protected half hour before referral reviews.")
    page.get_by_label("Lead organisation").fill("Dundee City Council")
    page.get_by_label("Partner organisations (optional)").fill("A tenants' association")
    page.get_by_label("Council area").select_option(label="Dundee City")
    # The design system's radios and checkboxes are styled labels: a person clicks the words.
    page.get_by_role("group", name="Approach").get_by_text("Collaborative action research", exact=True).click()
    page.get_by_role("group", name="Themes").get_by_text("Collaborative action research", exact=True).click()
    page.get_by_label("Year the work started").fill("2025")
    page.get_by_label("What was done").fill("A half hour before each review, without managers for the first part.")
    page.get_by_label("What changed").fill("Support workers said more, and the review heard it in their words.")
    page.get_by_label("How you know").fill("We kept notes and reflected on them together.")
    page.get_by_label("Lessons for others").fill("Protect the time. Tell people what happened to what they said.")


def proposals_section(page):
    return page.locator("section").filter(has=page.get_by_role("heading", name="Your case study proposals", level=2))


@pytest.mark.e2e
def test_a_member_shares_her_practice_and_hears_that_the_reviewer_wants_changes(browser, start_server):
    server = start_server()
    title = f"Support workers speak first {uuid.uuid4().hex[:6]}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    priya = context.new_page()
    sign_in(priya, server.url)

    # From the case studies page.
    priya.goto(f"{server.url}/case-studies/")
    priya.get_by_role("main").get_by_role("link", name="Share your practice").click()
    priya.wait_for_url(f"{server.url}/share-your-practice/")
    expect(priya.get_by_role("heading", name="Share your practice", level=1)).to_be_visible()
    assert axe_violations(priya) == []

    # One thing missing: the form says what, and keeps the rest.
    fill_proposal(priya, title)
    priya.get_by_role("button", name="Send to the editors").click()
    summary = priya.locator(".ds_error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Enter the challenge.").click()
    expect(priya.get_by_label("The challenge")).to_be_focused()
    expect(priya.get_by_label("Title")).to_have_value(title)
    expect(priya.get_by_label("Lessons for others")).to_have_value(
        "Protect the time. Tell people what happened to what they said."
    )
    expect(priya.get_by_role("radio", name="Collaborative action research")).to_be_checked()
    expect(priya.get_by_role("checkbox", name="Collaborative action research")).to_be_checked()
    assert axe_violations(priya) == []
    priya.set_viewport_size({"width": 375, "height": 800})  # and on a phone
    assert axe_violations(priya) == []
    priya.set_viewport_size({"width": 1280, "height": 900})

    priya.get_by_label("The challenge").fill("What support workers knew reached the review second hand.")
    priya.get_by_role("button", name="Send to the editors").click()
    expect(priya.get_by_role("heading", name="Your case study is with the editors", level=1)).to_be_visible()
    expect(priya.get_by_text(title)).to_be_visible()
    assert axe_violations(priya) == []

    priya.get_by_role("main").get_by_role("link", name="My learning").click()
    expect(proposals_section(priya)).to_contain_text(title)
    expect(proposals_section(priya)).to_contain_text("In review")
    assert axe_violations(priya) == []

    # The reviewer finds it awaiting review and requests changes with a comment.
    reviewer = sign_in_to_admin(browser, server, "reviewer")
    reviewer.get_by_role("link", name=title).first.click()
    reviewer.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Request changes", exact=True).click()
    dialog = reviewer.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(COMMENT)
    dialog.get_by_role("button", name="Request changes").click()
    expect(reviewer.locator(".messages")).to_contain_text(title, timeout=TIMEOUT_MS)

    # Priya is told, and My learning says what the reviewer asked for.
    priya.goto(f"{server.url}/")
    account = priya.get_by_role("navigation", name="Your account")
    account.get_by_role("link", name=re.compile(r"^Notifications \(\d+")).click()
    notification = priya.get_by_role("main").get_by_role("link", name=re.compile(re.escape(title)))
    expect(notification).to_contain_text("asked for changes")
    notification.click()
    priya.wait_for_url(re.compile(r".*/my-learning/.*"))
    expect(proposals_section(priya)).to_contain_text("Changes requested")
    expect(proposals_section(priya)).to_contain_text(COMMENT)
    assert axe_violations(priya) == []

    # She answers from My learning and it goes back to the reviewer.
    proposals_section(priya).get_by_role("link", name=re.compile(r"^Reply to the reviewer")).click()
    expect(priya.get_by_role("heading", name="Reply to the reviewer", level=1)).to_be_visible()
    expect(priya.get_by_text(COMMENT)).to_be_visible()
    assert axe_violations(priya) == []
    priya.get_by_label("Your reply").fill("Three support workers, one team leader for the last ten minutes.")
    priya.get_by_role("button", name="Send and resubmit").click()
    priya.wait_for_url(re.compile(r".*/my-learning/.*"))
    expect(proposals_section(priya)).to_contain_text("In review")

    reviewer.context.close()
    context.close()
