"""`make run` answers visitors as production does: designed error pages, static files, no debug pages.

The server starts as the Makefile starts it (cop_site/settings/local.py, collected static files, uvicorn).
"""

import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import ROOT, ServerProcess, server_environment

MAKE_RUN = {"DJANGO_SETTINGS_MODULE": "cop_site.settings.local"}


def fetch(url, data=None):
    """(status, body, headers) of a GET, or of a form POST when `data` is given; error statuses too."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with urllib.request.urlopen(url, data=body, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    env = server_environment(STATIC_ROOT=str(root), **MAKE_RUN)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return root


@pytest.fixture
def serve(static_root, tmp_path):
    (ROOT / ".services").mkdir(exist_ok=True)
    servers = []

    def start(database_url, **env):
        server = ServerProcess(
            server_environment(DATABASE_URL=database_url, STATIC_ROOT=str(static_root), **MAKE_RUN, **env)
        )
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def test_a_visitor_who_mistypes_an_address_gets_the_designed_404_not_the_list_of_urls(serve, site_database):
    server = serve(site_database)
    status, page, _ = fetch(f"{server.url}/no-such-page/")
    assert status == 404
    assert "Page not found" in page
    assert "Search case studies, evidence, guides and discussions" in page
    assert "URLconf" not in page
    assert "django-admin/" not in page
    # The page's styles come from the collected static files (hashed names), as production serves them.
    stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/vendor/sgds/design-system.")
    assert stylesheet != "/static/vendor/sgds/design-system.min.css"
    assert fetch(f"{server.url}{stylesheet}")[0] == 200


def test_a_failure_gets_the_designed_500_page_without_a_traceback(serve, tmp_path):
    # A database without tables: every page fails inside the site.
    server = serve(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    status, page, _ = fetch(f"{server.url}/")
    assert status == 500
    assert "Sorry, there is a problem with the service" in page
    assert "Traceback" not in page
    assert "OperationalError" not in page
    assert fetch(f"{server.url}/static/vendor/sgds/design-system.min.css")[0] == 200  # the page's own styles


def test_a_form_sent_without_its_cookie_gets_the_designed_403_and_changes_nothing(serve, site_database):
    server = serve(site_database)
    status, page, headers = fetch(
        f"{server.url}/accounts/login/", data={"login": "practitioner", "password": "demo-pass-2026"}
    )
    assert status == 403
    assert "Your form could not be sent" in page
    assert "CSRF verification failed" not in page
    assert "sessionid" not in (headers.get("Set-Cookie") or "")


def test_a_developer_who_asks_for_debug_gets_the_debug_pages(serve, site_database):
    server = serve(site_database, DEBUG="1")
    status, page, _ = fetch(f"{server.url}/no-such-page/")
    assert status == 404
    assert "URLconf" in page


@pytest.mark.django_db
def test_the_designed_403_tells_a_visitor_to_sign_in_and_a_member_whom_to_ask(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    from tests.factories import UserFactory

    request = rf.get("/somewhere/private/")
    request.user = AnonymousUser()
    page = permission_denied(request, PermissionDenied()).content.decode()
    assert "You cannot see this page" in page
    assert "/accounts/login/?next=/somewhere/private/" in page
    request.user = UserFactory()
    page = permission_denied(request, PermissionDenied()).content.decode()
    assert "ask the facilitator or moderator" in page


@pytest.mark.django_db
def test_the_start_up_message_says_where_email_goes(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # `make run` without EMAIL_URL
    out = StringIO()
    call_command("platform_status", url="http://127.0.0.1:8131/", stdout=out)
    assert "email          printed here, in this terminal, not sent (EMAIL_URL sends it)" in out.getvalue()
    assert "link to confirm their address appears here" in out.getvalue()

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "smtp.example.org", 587
    out = StringIO()
    call_command("platform_status", stdout=out)
    assert "email          sent through smtp.example.org:587" in out.getvalue()
    assert "printed here" not in out.getvalue()
