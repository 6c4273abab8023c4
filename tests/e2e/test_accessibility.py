"""axe-core in a real browser finds no WCAG 2.2 AA violations on the public pages."""

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import axe_violations

INDEXES = ["/case-studies/", "/evidence/", "/guides/", "/pathways/"]
# Filters whose values exist whatever the demo content holds: a controlled sector and a fixed approach.
FILTERED_INDEX = "/case-studies/?sector=public-sector&approach=co_production&approach=collaborative_action_research"
INQUIRIES = "/communities/collaborative-action-research-network/inquiries/"  # the demo's (demo/inquiries.py)
PAGES = [
    "/",
    *INDEXES,
    FILTERED_INDEX,
    "/accounts/login/",
    INQUIRIES,
    f"{INQUIRIES}frontline-knowledge-in-partnership-decisions/",
]
WIDTHS = {"desktop": 1280, "mobile": 375}


def open_every_details(page):
    """Rating scales and the folded filter panel hide content in <details>: axe should see it too."""
    page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")


@pytest.mark.e2e
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(site_server, page, path, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    response = page.goto(f"{site_server.url}{path}")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    open_every_details(page)
    assert axe_violations(page) == []


@pytest.mark.e2e
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("index", INDEXES)
def test_first_detail_page_of_each_type_has_no_axe_violations(site_server, page, index, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{site_server.url}{index}")
    first = page.locator(".ds_search-results__list .ds_search-result__link").first
    assert first.count() == 1, f"{index} lists no pages"
    title = first.inner_text()

    first.click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == title
    assert page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home").count() == 1
    open_every_details(page)
    assert axe_violations(page) == []


def show(page, site_server, html):
    """Show HTML rendered here as if the site served it (same origin, so its stylesheets load)."""
    page.goto(f"{site_server.url}/static/css/site.css")
    page.set_content(html)
    page.wait_for_load_state("networkidle")


@pytest.mark.e2e
def test_not_found_page_has_no_axe_violations(site_server, page):
    # The e2e server runs with DEBUG on and so shows Django's technical 404: render the real one here.
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404
    from django.test import RequestFactory
    from django.views.defaults import page_not_found

    request = RequestFactory().get("/no-such-page/")
    request.user = AnonymousUser()
    show(page, site_server, page_not_found(request, Http404()).content.decode())
    assert page.locator("h1").inner_text() == "Page not found"
    assert axe_violations(page) == []


@pytest.mark.e2e
def test_forbidden_pages_have_no_axe_violations(site_server, page):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE
    from django.test import RequestFactory
    from django.views.csrf import csrf_failure
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/somewhere/private/")
    request.user = AnonymousUser()
    show(page, site_server, permission_denied(request, PermissionDenied()).content.decode())
    assert page.locator("h1").inner_text() == "You cannot see this page"
    assert axe_violations(page) == []
    show(page, site_server, csrf_failure(request, REASON_NO_CSRF_COOKIE).content.decode())
    assert page.locator("h1").inner_text() == "Your form could not be sent"
    assert axe_violations(page) == []


@pytest.mark.e2e
def test_server_error_page_stands_alone_and_has_no_axe_violations(site_server, page):
    show(page, site_server, (ROOT / "templates/500.html").read_text())
    assert page.locator("h1").inner_text() == "Sorry, there is a problem with the service"
    assert axe_violations(page) == []


@pytest.mark.e2e
def test_filters_apply_from_the_form_and_each_can_be_removed(site_server, page):
    page.goto(f"{site_server.url}/case-studies/")
    every = page.locator("#results-heading").inner_text()
    # each option says how many it gives, in words for a screen reader: "Public sector, 7 case studies"
    label = page.locator("label", has=page.locator(".cop-filter__count")).filter(has_text="Public sector")
    promised = label.locator(".visually-hidden").inner_text().strip(", ")

    page.get_by_label("Public sector").focus()  # by keyboard: the styled label covers the box itself
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()

    assert "sector=public-sector" in page.url
    assert page.locator("#results-heading").inner_text().startswith(promised)
    assert page.get_by_label("Public sector").is_checked()
    remove = page.get_by_role("link", name="Remove filter sector: Public sector")
    remove.click()
    page.wait_for_load_state()
    assert "sector=" not in page.url
    assert page.locator("#results-heading").inner_text() == every


@pytest.mark.e2e
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main_content(site_server, page):
    page.goto(f"{site_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
