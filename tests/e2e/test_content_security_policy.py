"""In a real browser, under the site's Content-Security-Policy and the admin's (cop_site/headers.py).

Every context the suite opens reports what the policy blocked (tests/e2e/conftest.py), so each test
here only has to go where the scripts are: the design system, search suggestions, a live thread, a
room, the API docs, the Wagtail userbar and the admin, and check that they did their work.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 20_000
ROOM = "/rooms/frontline-and-strategic/"
OPEN_COMMUNITY = "/communities/community-planning-practitioners/"


def policy_of(response):
    return response.headers.get("content-security-policy", "")


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def test_the_site_and_its_scripts_work_for_a_visitor_under_the_policy(site_server, context):
    page = context.new_page()
    response = page.goto(f"{site_server.url}/")
    assert "script-src 'self';" in policy_of(response)
    assert "camera=()" in response.headers.get("permissions-policy", "")
    # static/js/js-enabled.js ran before the page was drawn; the design system's module started.
    assert page.evaluate("document.documentElement.className") == "js"
    expect(page.locator("[data-navigation]").first).to_be_attached()

    page.goto(f"{site_server.url}/case-studies/")
    page.locator(".ds_search-results__list .ds_search-result__link").first.click()
    expect(page.locator("[data-live-status]")).to_have_text("Live updates on")

    page.goto(f"{site_server.url}/search/")
    page.get_by_role("combobox").press_sequentially("Particip", delay=30)
    expect(page.get_by_role("option").first).to_be_visible()

    page.goto(f"{site_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Communities of Practice API")


def test_a_live_thread_and_a_room_work_for_a_member_under_the_policy(site_server, context):
    page = context.new_page()
    sign_in(page, site_server.url, "facilitator")
    page.goto(f"{site_server.url}{OPEN_COMMUNITY}")
    page.locator(".cop-thread-list__title a").first.click()
    expect(page.locator("[data-live-status]")).to_have_text("Live updates on")

    response = page.goto(f"{site_server.url}{ROOM}")
    connect = re.search(r"connect-src ([^;]*)", policy_of(response)).group(1)
    assert connect.split() == ["'self'", site_server.ws_url]  # ws://127.0.0.1:<port>
    expect(page.locator("[data-connection-status]")).to_have_text("Connected")
    dismiss = page.locator("[data-dismiss-rules]")
    if dismiss.is_visible():
        dismiss.click()
    expect(page.locator("[data-presence] li").first).to_be_visible()


def test_the_wagtail_admin_and_userbar_work_for_an_editor_under_their_policies(site_server, context):
    page = context.new_page()
    page.goto(f"{site_server.url}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "demo-pass-2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{site_server.url}/admin/")
    response = page.goto(f"{site_server.url}/admin/pages/")
    assert "script-src 'self' 'unsafe-inline';" in policy_of(response)
    page.get_by_role("link", name="Explore child pages of 'Communities of Practice'").click()
    page.get_by_role("link", name="Explore child pages of 'Case studies'").click()
    page.locator("a[href*='/edit/']", has_text=re.compile(r"\w")).first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    expect(page.locator("#id_title")).not_to_be_empty()
    # The live preview frames the admin's own preview page (the admin's frame-ancestors 'self').
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_be_visible()

    page.goto(f"{site_server.url}/admin/insights/")
    expect(page.locator("svg.insights-chart").first).to_be_visible()
    width = page.locator("svg.insights-chart").first.evaluate("svg => getComputedStyle(svg).maxWidth")
    assert width == "720px"  # static/css/insights.css, no longer a style attribute

    # On the site, the editor's Wagtail userbar runs under the site's policy.
    response = page.goto(f"{site_server.url}/")
    assert "script-src 'self';" in policy_of(response)
    page.locator("wagtail-userbar").get_by_role("button", name="View Wagtail quick actions").click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()


def test_an_injected_inline_script_or_style_is_refused_and_reported(site_server, browser, context):
    page = context.new_page()
    page.goto(f"{site_server.url}/")
    page.evaluate(
        """() => document.body.insertAdjacentHTML('beforeend',
            '<img src="data:," onload="window.ran = true" alt="">' +
            '<p id="styled" style="color: rgb(255, 0, 0)">x</p>')"""
    )
    for _ in range(50):  # the reports arrive asynchronously
        reported = " ".join(browser.violations)
        if "script-src-attr" in reported and "style-src-attr" in reported:
            break
        page.wait_for_timeout(100)
    assert "script-src-attr" in reported
    assert "style-src-attr" in reported
    assert page.evaluate("window.ran") is None
    assert page.locator("#styled").evaluate("p => getComputedStyle(p).color") != "rgb(255, 0, 0)"
    browser.violations.clear()  # refused as it should be: not a failure of this test
