"""A real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against real server processes.

Every browser context a test opens watches the Content-Security-Policy (cop_site/headers.py): a script,
style, frame or connection the policy blocked, or a policy header Chromium could not read, fails the
test that caused it, so the whole suite proves the site and the admin work under the policy.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.services import unavailable

CHROMIUM = os.environ.get("COP_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "static/vendor/axe/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_PASSWORD = "demo-pass-2026"  # COP_DEMO_PASSWORD's default, set on every demo account by load_demo_content


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or scripts/install-browser.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
        )
        yield PolicyWatchedBrowser(browser)
        browser.close()


# Reports each securitypolicyviolation event (they bubble to the document from any element, shadow roots
# included) to the test, in every frame of every page of the context.
VIOLATION_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => window.__cspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} on ${event.documentURI}` +
    (event.sample ? `: ${event.sample}` : "") + (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "")
), true);
"""
# What Chromium prints about a policy it refused to apply or could not read.
POLICY_CONSOLE = ("Refused to", "Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


class PolicyWatchedBrowser:
    """The browser, whose every new context records what the page's policies blocked in `violations`."""

    def __init__(self, browser):
        self._browser = browser
        self.violations = []
        self.page_contexts = []  # opened by new_page(), closed after the test

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.expose_binding("__cspViolation", lambda source, text: self.violations.append(text))
        context.add_init_script(VIOLATION_WATCH)
        context.on("console", self._console)
        return context

    def new_page(self, **options):
        """Like Browser.new_page: a page in a context of its own (closed after the test)."""
        context = self.new_context(**options)
        self.page_contexts.append(context)
        return context.new_page()

    def close_page_contexts(self):
        for context in self.page_contexts:
            context.close()
        self.page_contexts.clear()

    def _console(self, message):
        if message.type in ("error", "warning") and any(mark in message.text for mark in POLICY_CONSOLE):
            self.violations.append(f"console: {message.text}")


@pytest.fixture(autouse=True)
def no_policy_violations(request):
    """Fails the test if anything it did in the browser broke the Content-Security-Policy."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    browser.violations.clear()
    yield
    browser.close_page_contexts()
    violations, browser.violations[:] = list(browser.violations), []
    assert violations == [], "blocked by the page's policy:\n" + "\n".join(violations)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page):
    """Run axe-core on the page against WCAG 2.2 AA and return its violations, readably.

    axe is evaluated by the test (as DevTools would), not added as an inline script the policy refuses.
    """
    page.evaluate(AXE.read_text())
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
