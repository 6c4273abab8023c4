"""After a refused form, keyboard focus starts on the error summary (the design system's pattern).

A keyboard or screen reader user then meets the list of problems, each linking to its field, first.
static/js/error-summary.js does it; without JavaScript the summary is still shown, first in the content.
"""

import pytest

from tests.e2e.conftest import sign_in

FOCUSED_IS_SUMMARY = "document.activeElement && document.activeElement.matches('.ds_error-summary')"


@pytest.mark.e2e
def test_a_refused_sign_in_puts_focus_on_the_error_summary(site_server, page):
    sign_in(page, site_server.url, username="nobody-at-all", password="not-the-password")

    assert page.locator(".ds_error-summary").count() == 1
    assert page.evaluate(FOCUSED_IS_SUMMARY)
    assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "-1"


@pytest.mark.e2e
def test_a_refused_profile_edit_puts_focus_on_the_error_summary(site_server, page):
    sign_in(page, site_server.url)
    page.goto(f"{site_server.url}/members/me/edit/")
    page.get_by_label("About you").fill("A very long story. " * 40)
    page.get_by_role("button", name="Save your profile").click()
    page.wait_for_load_state()

    assert "500 characters or fewer" in page.locator(".ds_error-summary").inner_text()
    assert page.evaluate(FOCUSED_IS_SUMMARY)
    page.keyboard.press("Tab")  # on from the summary: its link to the field with the problem
    assert page.evaluate("document.activeElement.closest('.ds_error-summary') !== null")


@pytest.mark.e2e
def test_a_summary_without_a_tabindex_is_still_focused(site_server, page):
    page.goto(f"{site_server.url}/search/?q=budget&sort=sideways")

    assert page.locator(".ds_error-summary").count() == 1
    assert page.evaluate(FOCUSED_IS_SUMMARY)


@pytest.mark.e2e
def test_a_page_without_errors_leaves_focus_alone(site_server, page):
    page.goto(f"{site_server.url}/accounts/login/")

    assert page.locator(".ds_error-summary").count() == 0
    assert page.evaluate("document.activeElement === document.body")
