"""Every response says what a browser may run (Content-Security-Policy) and what it may use (Permissions-Policy).

The site's pages allow scripts and styles from our own origin only, so nothing we render may carry
an inline script, a <style> block, a style attribute or an event handler attribute; the admins
(Wagtail's, Django's) get a policy of their own. cop_site/headers.py says why.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cop_site.headers import ADMIN_PREFIXES
from insights import charts
from tests.conftest import ROOT
from tests.factories import UserFactory, editorial_user, home_page

pytestmark = pytest.mark.django_db

DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def directives(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.status_code} {response.get('Content-Type')}"
    parsed = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def assert_site_policy(policy, host="testserver", scheme="ws"):
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'", f"{scheme}://{host}"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("'unsafe-inline'" in sources or "'unsafe-eval'" in sources for sources in policy.values())


def test_a_page_allows_only_our_own_scripts_styles_and_websocket(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert_site_policy(directives(response))


def test_a_page_served_over_https_allows_its_secure_websocket(client):
    response = client.get("/search/", secure=True)
    assert_site_policy(directives(response), scheme="wss")


def test_an_api_response_carries_the_site_policy(client):
    response = client.get("/api/v1/health")
    assert response["Content-Type"].startswith("application/json")
    assert_site_policy(directives(response))


def test_a_refusal_and_a_missing_page_carry_it_too(client):
    assert_site_policy(directives(client.get("/search/?q=%00")))
    assert_site_policy(directives(client.get("/no-such-page/")))


def test_the_home_page_and_its_copy_from_the_page_cache_carry_it(client, settings):
    settings.COP_PAGE_CACHE_SECONDS = 300
    home_page()
    first, second = client.get("/"), client.get("/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert_site_policy(directives(first))
    assert_site_policy(directives(second))


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_the_admins_get_their_own_policy_with_inline_script_and_style(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]  # Wagtail's live preview frames the admin's own preview page
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_the_wagtail_admin_signed_in_carries_the_admin_policy(client):
    client.force_login(editorial_user("Editors", username="eilidh"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response)["script-src"]


def test_the_admin_prefixes_are_where_the_urls_put_the_admins():
    assert reverse("wagtailadmin_home").startswith(ADMIN_PREFIXES[0])
    assert reverse("admin:index") == ADMIN_PREFIXES[1]


def test_no_site_page_is_given_the_admin_policy_by_a_near_miss(client):
    assert_site_policy(directives(client.get("/administration/")))


def test_permissions_policy_denies_what_the_site_never_uses(client):
    for response in (client.get("/search/"), client.get("/api/v1/health"), client.get("/admin/login/")):
        policy = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
        for feature in DENIED_FEATURES:
            assert policy[feature] == "()", feature


def test_the_api_docs_run_from_our_own_files_without_inline_script(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html
    assert inline_code(BeautifulSoup(html, "html.parser")) == []
    assert_site_policy(directives(response))


# --- Nothing we render needs 'unsafe-inline' ------------------------------------------------------
EVENT_HANDLER = re.compile(r"^on[a-z]+$")


def inline_code(soup):
    """Inline scripts (not JSON data), <style> blocks, style attributes and on...= handlers in a document."""
    found = []
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") != "application/json":
            found.append(f"inline script: {str(script)[:80]}")
    found += [f"<style> block: {str(style)[:80]}" for style in soup.find_all("style")]
    for tag in soup.find_all(True):
        for name in tag.attrs:
            if name == "style" or EVENT_HANDLER.match(name):
                found.append(f"{name}= on <{tag.name}>: {str(tag)[:80]}")
    return found


TEMPLATE_INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I
)


def test_no_template_holds_inline_script_style_or_handlers():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if "/email/" in str(path):  # mail is read in a mail client, not under our policy
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if TEMPLATE_INLINE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_the_insights_charts_carry_no_style_attribute():
    svg = charts.bar_chart("reads", "Reads", "Reads per month", ["Jan", "Feb"], [3, 5])
    assert inline_code(BeautifulSoup(str(svg), "html.parser")) == []
    assert 'class="insights-chart"' in svg


def test_the_insights_dashboard_has_no_inline_style_of_ours(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.get("/admin/insights/")
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find(attrs={"data-insights-dashboard": True})
    assert main is not None
    assert inline_code(main) == []
    assert "css/insights.css" in response.content.decode()


def test_a_page_preview_in_the_admin_is_answered_under_the_admin_policy(client):
    """Wagtail runs the page's own request through the middleware inside the admin's: the editor's page frames it."""
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    page = home_page()
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_with_debug_on_djangos_own_error_page_stays_readable(client, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"NONE,NOARCHIVE" in response.content  # Django's technical 404, inline styles and all
    assert directives(response)["style-src"] == ["'self'", "'unsafe-inline'"]
