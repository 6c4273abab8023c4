"""Content pages laid out in a real browser: the article fills its column on a phone and on a desktop.

The page is rendered by Django and shown in Chromium with the site's own stylesheets, so what is
measured is what a reader sees. Every Django call happens before the browser starts.
"""

import os
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.factories import CaseStudyFactory
from tests.services import unavailable

pytestmark = pytest.mark.django_db

CHROMIUM = os.environ.get("COP_CHROMIUM", "/usr/bin/chromium")
ORIGIN = "http://testserver"


def widths_in_chromium(html, viewport_widths):
    """{viewport width: (main column width, page header width, member responses width)} for the page."""
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM}")  # CI has a browser: a missing one fails the run
    from playwright.sync_api import sync_playwright

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN).split("?")[0]
        if path == "/article/":
            return route.fulfill(body=html, content_type="text/html; charset=utf-8")
        found = path.startswith("/static/") and finders.find(path.removeprefix("/static/"))
        if found and path.endswith(".css"):
            return route.fulfill(body=Path(found).read_text(), content_type="text/css")
        return route.abort()  # scripts, fonts, sockets: not needed to measure the layout

    measured = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        for width in viewport_widths:
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.route("**/*", serve)
            page.goto(f"{ORIGIN}/article/")
            measured[width] = page.evaluate(
                """() => ['main.ds_layout', '.ds_layout__header', '.cop-member-responses']
                    .map(selector => Math.round(document.querySelector(selector).getBoundingClientRect().width))"""
            )
            page.close()
        browser.close()
    return measured


def test_a_case_study_fills_the_screen_from_phone_to_desktop(client):
    """The comments area once named a grid area the article layout lacks: the title was squeezed to a sliver."""
    case = CaseStudyFactory(title="Frontline officers and residents rethink community safety together")
    html = client.get(case.url).content.decode()

    for width, (main, header, responses) in widths_in_chromium(html, (375, 800, 1280)).items():
        assert header >= main * 0.6, f"at {width}px the title gets {header}px of the {main}px page"
        assert responses == header, f"at {width}px comments and used in practice sit under the article"
