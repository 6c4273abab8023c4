"""Account and profile pages pass axe-core in Chromium, blank and showing errors, at desktop and mobile widths."""

import pytest

from tests.e2e.conftest import axe_violations, sign_in

WIDTHS = {"desktop": 1280, "mobile": 375}
PUBLIC_PAGES = ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/", "/members/practitioner/"]


@pytest.mark.e2e
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_account_page_has_no_axe_violations(site_server, page, path, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    response = page.goto(f"{site_server.url}{path}")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.e2e
@pytest.mark.parametrize("width", WIDTHS)
def test_profile_edit_page_has_no_axe_violations(site_server, page, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    sign_in(page, site_server.url)
    if width == "mobile":  # the account links are in the Menu on a phone
        page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("link", name="Your profile").count() == 1

    response = page.goto(f"{site_server.url}/members/me/edit/")

    assert response.status == 200
    assert page.locator("h1").inner_text() == "Edit your profile"
    assert page.get_by_label("Organisation").input_value() == "Fife Council"
    assert axe_violations(page) == []


@pytest.mark.e2e
def test_profile_errors_are_summarised_accessibly_and_change_nothing(site_server, page):
    sign_in(page, site_server.url)
    page.goto(f"{site_server.url}/members/me/edit/")
    # The design system's character count takes over from maxlength, so a long bio can be typed and refused.
    page.get_by_label("About you").fill("A very long story. " * 40)
    page.get_by_role("button", name="Save your profile").click()
    page.wait_for_load_state()

    summary = page.locator(".ds_error-summary")
    assert "500 characters or fewer" in summary.inner_text()
    assert axe_violations(page) == []
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "bio"

    page.goto(f"{site_server.url}/members/practitioner/")
    assert "A very long story" not in page.locator("main").inner_text()


@pytest.mark.e2e
def test_sign_in_errors_are_summarised_accessibly(site_server, page):
    sign_in(page, site_server.url, username="nobody-at-all", password="not-the-password")

    assert page.locator(".ds_error-summary").count() == 1
    assert page.title().startswith("Error:")
    assert axe_violations(page) == []


@pytest.mark.e2e
def test_throttled_signup_page_is_clear_and_accessible(start_server, page):
    """A server of its own that refuses every sign-up, so the shared server's budget is untouched."""
    server = start_server(COP_SIGNUP_RATE_LIMIT="0/h/ip")
    page.goto(f"{server.url}/accounts/signup/")
    page.get_by_label("Email address").fill("new.member@example.org")
    page.get_by_label("Username").fill("new-member")
    page.get_by_role("button", name="Create your account").click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Too many attempts"
    assert "Please wait a few minutes and try again" in page.locator("main").inner_text()
    assert axe_violations(page) == []
