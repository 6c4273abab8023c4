"""A real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against real server processes."""

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.services import services_required

CHROMIUM = os.environ.get("COP_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "static/vendor/axe/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_PASSWORD = "demo-pass-2026"  # COP_DEMO_PASSWORD's default, set on every demo account by load_demo_content


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium, or scripts/install-browser.sh)"
        if services_required():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page):
    """Run axe-core on the page against WCAG 2.2 AA and return its violations, readably."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def sign_in(page, base_url, username="practitioner", password=DEMO_PASSWORD):
    """Sign in through the real sign-in form, as a person would."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or email address").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
