"""axe-core in a real browser finds no WCAG 2.2 AA violations on the public pages."""

import pytest

from tests.e2e.conftest import axe_violations

PAGES = ["/", "/no-such-page/", "/accounts/login/"]


@pytest.mark.e2e
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(site_server, page, path):
    page.goto(f"{site_server.url}{path}")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.e2e
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main_content(site_server, page):
    page.goto(f"{site_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
