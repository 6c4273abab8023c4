"""The site serves its home page on whichever database this run uses (SQLite, or PostgreSQL in CI)."""

import os

import pytest
from django.db import connection
from django.utils.html import escape

from demo.site import HOME_INTRO, load_demo_content
from tests.services import service_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    load_demo_content()


def test_home_page_renders_with_demo_content(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="ds_page-header__title">Communities of Practice</h1>' in html
    assert escape(HOME_INTRO) in html
    assert 'href="#main-content"' in html, "skip link for keyboard users"
    assert '<html lang="en-GB"' in html


def test_run_uses_the_database_the_environment_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_home_page_renders_on_postgresql(client, demo_site):
    service_url("postgresql")
    assert connection.vendor == "postgresql"
    response = client.get("/")
    assert response.status_code == 200
    assert escape(HOME_INTRO) in response.content.decode()


def test_unknown_page_is_a_helpful_404(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/search/"' in html, "offers a search"
