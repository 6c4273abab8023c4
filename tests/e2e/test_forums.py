"""In a real browser: discussions work without JavaScript, and the discussion pages pass axe-core.

Priya (the demo `practitioner`) signs in and comments on a case study with JavaScript turned off:
the plain form posts, the server redirects back to her new comment, and she sees it there.
"""

import uuid

import pytest

from tests.e2e.conftest import axe_violations, sign_in

TIMEOUT_MS = 20_000
OPEN_COMMUNITY = "/communities/community-planning-practitioners/"
RESTRICTED_COMMUNITY = "/communities/self-directed-support-practice/"
COMMENTED_CASE_STUDY = "/case-studies/north-dundee-community-safety-inquiry/"  # demo/forums.py comments on it


def first_case_study(page, server):
    page.goto(f"{server.url}/case-studies/")
    return page.locator(".ds_search-results__list .ds_search-result__link").first.get_attribute("href")


def open_every_details(page):
    page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")


@pytest.fixture
def no_script(browser):
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.e2e
def test_a_member_comments_on_a_case_study_without_javascript(site_server, no_script):
    page = no_script
    assert page.evaluate("1 + 1") == 2  # the page's own scripts are off, not the test's
    path = first_case_study(page, site_server)
    page.goto(f"{site_server.url}{path}")
    sign_in_link = page.locator("#comments").get_by_role("link", name="Sign in to comment")
    assert "next=" in sign_in_link.get_attribute("href")

    sign_in(page, site_server.url)
    page.goto(f"{site_server.url}{path}")
    text = f"We tried this in Kirkcaldy too ({uuid.uuid4().hex[:8]}): the **frontline** sessions made the difference."
    form = page.locator("#comments form[data-post-form]:not([data-parent-id])")
    form.get_by_label("Add a comment").fill(text)
    form.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state()

    assert page.url.split("#")[0] == f"{site_server.url}{path}"
    assert "#comment-" in page.url
    anchor = page.url.split("#")[1]
    comment = page.locator(f"article#{anchor}")
    assert comment.locator(".cop-post__body strong").inner_text() == "frontline"
    assert "Priya" in comment.locator(".cop-post__author").inner_text()
    assert page.get_by_text("Your comment is posted.").is_visible()


@pytest.mark.e2e
def test_an_empty_comment_without_javascript_gets_an_error_summary(site_server, no_script):
    page = no_script
    path = first_case_study(page, site_server)
    sign_in(page, site_server.url)
    page.goto(f"{site_server.url}{path}")
    page.locator("#comments form[data-post-form]:not([data-parent-id])").get_by_role(
        "button", name="Post comment"
    ).click()
    page.wait_for_load_state()
    summary = page.locator("#comments .ds_error-summary")
    assert summary.get_by_role("link").inner_text() == "Write something before posting."
    assert summary.get_by_role("link").get_attribute("href") == "#post-body"
    assert page.locator("#post-body").get_attribute("aria-invalid") == "true"


@pytest.mark.e2e
@pytest.mark.parametrize("who", ["visitor", "practitioner", "facilitator"])
def test_discussion_pages_have_no_axe_violations(site_server, page, who):
    page.context.set_default_timeout(TIMEOUT_MS)
    if who != "visitor":
        sign_in(page, site_server.url, who)
    page.goto(f"{site_server.url}{OPEN_COMMUNITY}")
    thread = page.locator(".cop-thread-list__title a").first.get_attribute("href")
    for path in ("/communities/", OPEN_COMMUNITY, RESTRICTED_COMMUNITY, thread, COMMENTED_CASE_STUDY):
        response = page.goto(f"{site_server.url}{path}")
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        if path in (thread, COMMENTED_CASE_STUDY):
            assert page.locator("article[data-post]").count() >= 2, path
        open_every_details(page)
        assert axe_violations(page) == [], path
