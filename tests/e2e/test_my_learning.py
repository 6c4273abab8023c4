"""In a real browser: Priya (the demo `practitioner`) reads a case study, then opens My learning.

She finds it from the account navigation; the page shows every section, the case study she just
read under "Recently read", suggestions with a reason, and the latest posts in her communities.
It passes axe-core on a desktop and a phone width.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, sign_in

TIMEOUT_MS = 20_000
SECTIONS = [
    "Pathways in progress",
    "Completed pathways",
    "Saved for later",
    "Upcoming sessions in your communities",
    "Recent activity in your communities",
    "Recommended for you",
    "Recently read",
    "Your case study proposals",
]


def section(page, heading):
    return page.locator("section").filter(has=page.get_by_role("heading", name=heading, level=2))


@pytest.mark.e2e
def test_a_member_opens_my_learning_after_reading_a_case_study(site_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    sign_in(page, site_server.url)

    page.goto(f"{site_server.url}/case-studies/")
    case_study = page.locator(".ds_search-results__list .ds_search-result__link").first
    title = case_study.inner_text().strip()
    case_study.click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()

    page.get_by_role("navigation", name="Your account").get_by_role("link", name="My learning").click()
    page.wait_for_url(f"{site_server.url}/my-learning/")

    expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
    assert page.locator("main h2").all_inner_texts() == SECTIONS
    expect(section(page, "Recently read").get_by_role("link").first).to_have_text(title)
    expect(section(page, "Recommended for you")).to_contain_text("Because you")
    expect(section(page, "Recent activity in your communities").get_by_role("link").first).to_be_visible()
    assert axe_violations(page) == []

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
    assert axe_violations(page) == []
    context.close()


@pytest.mark.e2e
def test_a_visitor_is_asked_to_sign_in_first(site_server, page):
    page.goto(f"{site_server.url}/my-learning/")
    assert "/accounts/login/" in page.url
    expect(page.get_by_label("Username or email address")).to_be_visible()
