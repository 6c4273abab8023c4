"""In a real browser: the demo editor opens the insights dashboard and reads its charts and tables."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, axe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def editor_page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(f"{site_server.url}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site_server.url}/admin/")
    yield page
    context.close()


def test_the_editor_finds_insights_in_the_admin_menu_and_reads_the_charts(editor_page, site_server):
    page = editor_page
    page.get_by_role("link", name="Insights").click()
    page.wait_for_url(f"{site_server.url}/admin/insights/")
    expect(page.get_by_role("heading", name="Content published per month")).to_be_visible()
    for heading in ("Most read pages", "Most discussed pages", "Searches with no results", "Participation by level"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()

    published = page.get_by_role("img", name="Content published per month, by type")
    expect(published).to_be_visible()
    expect(published.locator("rect title").first).to_contain_text("Case studies")  # the demo content is new
    expect(page.get_by_role("img", name="Forum posts by the author's level, share per month")).to_be_visible()
    expect(page.get_by_role("img", name="Room messages by the author's level, share per month")).to_be_visible()
    expect(page.get_by_role("table", name="Live pages first published each month, by type")).to_be_visible()

    page.get_by_label("Period").select_option("3")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Showing the last 3 months")).to_be_visible()
    rows = page.get_by_role("table", name="Live pages first published each month, by type").locator("tbody tr")
    expect(rows).to_have_count(3)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download content published per month (CSV)").click()
    assert download.value.suggested_filename == "insights-published-3-months.csv"

    assert axe_violations(page) == []


def test_a_period_typed_into_the_address_bar_is_explained_not_an_error(editor_page, site_server):
    page = editor_page
    response = page.goto(f"{site_server.url}/admin/insights/?period=5")
    assert response.status == 200
    expect(page.get_by_role("alert")).to_contain_text("Choose a period of 3, 6, 12 months.")
    expect(page.get_by_label("Period")).to_have_value("12")
    assert axe_violations(page) == []
