"""The site header on narrow screens: the design system's menu button opens the sections and account links.

At 375 px the header shows the site's name and a Menu button, nothing else; a keyboard user reaches the
button in three Tab presses, opens it with Enter, tabs through every link, and closes it with Escape or
the button. At 1280 px the navigation and account links show without a button.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, sign_in

pytestmark = pytest.mark.e2e
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def focused(page):
    return page.evaluate("(document.activeElement.innerText || document.activeElement.textContent).trim()")


def test_on_a_phone_a_keyboard_user_opens_the_menu_reaches_every_link_and_closes_it(site_server, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{site_server.url}/")
    menu_button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(page.get_by_role("link", name="Sign in")).to_be_hidden()  # no account links crowding the header
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()

    for _ in range(3):  # skip link, the site's name, the menu button
        page.keyboard.press("Tab")
    assert focused(page) == "Menu"
    page.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    reached = []
    for _ in range(7):
        page.keyboard.press("Tab")
        reached.append(focused(page))
    assert reached == [
        "Case studies",
        "Evidence",
        "Practice guides",
        "Learning pathways",
        "Communities",
        "Sign in",
        "Join",
    ]
    assert axe_violations(page) == []

    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    assert focused(page) == "Menu"  # back on the button, not lost inside a closed menu

    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    page.keyboard.press("Enter")  # the button closes it too
    expect(menu).to_be_hidden()

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page) == "Case studies"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/case-studies/")


def test_on_a_phone_a_member_finds_their_account_links_in_the_menu(site_server, page):
    page.set_viewport_size(PHONE)
    sign_in(page, site_server.url, "practitioner")
    page.goto(f"{site_server.url}/communities/")
    page.get_by_role("button", name="Menu").click()
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu).to_contain_text("Signed in as")
    for name in ("Your profile", "Notifications", "Sign out"):
        expect(menu.get_by_role("link", name=name)).to_be_visible()
    assert axe_violations(page) == []
    menu.get_by_role("link", name="My learning").click()
    page.wait_for_load_state()
    assert page.url.endswith("/my-learning/")


def test_on_a_wide_screen_the_navigation_shows_without_a_menu_button(site_server, page):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site_server.url}/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Menu")).to_be_hidden()
    main = page.get_by_role("navigation", name="Main navigation")
    for name in ("Case studies", "Evidence", "Practice guides", "Learning pathways", "Communities"):
        expect(main.get_by_role("link", name=name)).to_be_visible()
    account = page.get_by_role("navigation", name="Your account")
    expect(account.get_by_role("link", name="Sign in")).to_be_visible()
    expect(account.get_by_role("link", name="Join")).to_be_visible()
    assert axe_violations(page) == []
