"""In a real browser: a member saves a guide for later and says they used it in practice.

Priya (the demo `practitioner`) finds a guide as a visitor, follows "Sign in to save this for later",
comes back to the guide, saves it, and records how she used it. The page passes axe-core for her,
and for a visitor, who sees the public count but not her note.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, axe_violations

TIMEOUT_MS = 20_000


def first_guide(page, server):
    page.goto(f"{server.url}/guides/")
    return page.locator(".ds_search-results__list .ds_search-result__link").first.get_attribute("href")


@pytest.mark.e2e
def test_a_member_saves_a_guide_and_marks_it_used_in_practice(site_server, browser):
    member = browser.new_context()
    member.set_default_timeout(TIMEOUT_MS)
    page = member.new_page()
    path = first_guide(page, site_server)
    page.goto(f"{site_server.url}{path}")

    # A visitor is invited to sign in, and comes back to the guide afterwards.
    page.get_by_role("link", name="Sign in to save this for later").click()
    page.get_by_label("Username or email address").fill("practitioner")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site_server.url}{path}")

    save = page.locator("form[data-save-form] button")
    if save.inner_text() == "Saved – remove":  # a rerun on the same database: start from unsaved
        save.click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Save for later").click()
    expect(page.get_by_text("Saved for later. You will find it in My learning.")).to_be_visible()
    expect(page.get_by_role("button", name="Saved – remove")).to_be_visible()

    note = f"We used the ground rules at our locality forum ({uuid.uuid4().hex[:8]}) & <it> worked."
    panel = page.locator("#used-in-practice")
    panel.get_by_label(re.compile(r"(How did you use it\?|Your note) \(optional\)")).fill(note)
    panel.get_by_role("button", name=re.compile("I've used this in practice|Update my note")).click()
    page.wait_for_load_state()

    panel = page.locator("#used-in-practice")
    expect(panel.get_by_text("You have used this in practice.")).to_be_visible()
    expect(panel.locator(".cop-practice-use__notes")).to_contain_text(note)
    count = panel.locator("[data-practice-count]")
    expect(count).to_contain_text("used this in practice")
    used_by = int(count.get_attribute("data-practice-count"))
    assert used_by >= 1
    assert axe_violations(page) == []
    member.close()

    # A visitor sees how many used it (a fresh count, though visitors' pages are cached), not the note.
    visitor = browser.new_context()
    visitor.set_default_timeout(TIMEOUT_MS)
    anonymous = visitor.new_page()
    anonymous.goto(f"{site_server.url}{path}")
    panel = anonymous.locator("#used-in-practice")
    # The first visit above cached this page for visitors before the use was recorded.
    expect(panel.locator("[data-practice-count]")).to_have_attribute("data-practice-count", str(used_by))
    expect(panel.locator("[data-practice-count]")).to_contain_text(f"{used_by} member")
    expect(panel).not_to_contain_text(note)
    expect(panel.get_by_role("link", name="Sign in")).to_be_visible()
    assert anonymous.locator("form[data-save-form]").count() == 0
    assert axe_violations(anonymous) == []
    visitor.close()
