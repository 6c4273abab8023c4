"""`/api/v1/docs` works offline: the browsable API document loads everything from the site itself.

The browser may reach the site (loopback) and nothing else: a request to any other origin is refused
and recorded, and the test fails if the page asked for one.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def test_the_api_docs_load_and_work_with_the_network_cut_off_beyond_the_site(site_server, page):
    elsewhere = []

    def only_the_site(route):
        url = route.request.url
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).hostname not in LOOPBACK:
            elsewhere.append(url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.context.route("**/*", only_the_site)
    scripts = []
    page.on("response", lambda response: scripts.append(urlsplit(response.url).path) if response.ok else None)
    page.goto(f"{site_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Communities of Practice API")

    # A reader opens an operation and tries it: the answer comes from this site's own API.
    health = page.locator(".opblock").filter(has_text="/api/v1/health").first
    health.locator(".opblock-summary-control").click()
    health.get_by_role("button", name="Try it out").click()
    health.get_by_role("button", name="Execute").click()
    expect(health.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    expect(health.locator(".live-responses-table")).to_contain_text('"database"')
    page.wait_for_load_state("networkidle")
    assert elsewhere == [], f"the API docs asked another origin for {elsewhere}"
    # Swagger UI is the project's own copy from npm (static/vendor/swagger-ui), not one bundled elsewhere.
    assert any(path.endswith("vendor/swagger-ui/swagger-ui-bundle.js") for path in scripts), scripts
