"""A secured cluster: credentials, the CA file and certificate checks reach both clients, ours and Wagtail's."""

import logging

import pytest
from django.apps import apps

from cop_site.env import elasticsearch_options
from search.client import get_client

VARIABLES = (
    "ELASTICSEARCH_API_KEY",
    "ELASTICSEARCH_USER",
    "ELASTICSEARCH_PASSWORD",
    "ELASTICSEARCH_CA_CERTS",
    "ELASTICSEARCH_VERIFY_CERTS",
)


@pytest.fixture
def environment(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_a_plain_url_needs_no_options(environment):
    assert elasticsearch_options() == {}


def test_an_api_key_or_a_user_with_password(environment):
    environment.setenv("ELASTICSEARCH_API_KEY", "a2V5OnNlY3JldA==")
    assert elasticsearch_options() == {"api_key": "a2V5OnNlY3JldA=="}
    environment.delenv("ELASTICSEARCH_API_KEY")
    environment.setenv("ELASTICSEARCH_USER", "cop-site")
    environment.setenv("ELASTICSEARCH_PASSWORD", "s3cret")
    assert elasticsearch_options() == {"basic_auth": ("cop-site", "s3cret")}


def test_contradictory_or_incomplete_credentials_stop_the_start_up(environment):
    environment.setenv("ELASTICSEARCH_API_KEY", "a2V5OnNlY3JldA==")
    environment.setenv("ELASTICSEARCH_USER", "cop-site")
    environment.setenv("ELASTICSEARCH_PASSWORD", "s3cret")
    with pytest.raises(ValueError, match="not both"):
        elasticsearch_options()
    environment.delenv("ELASTICSEARCH_API_KEY")
    environment.delenv("ELASTICSEARCH_PASSWORD")
    with pytest.raises(ValueError, match="set together"):
        elasticsearch_options()


def test_the_ca_file_must_exist(environment, tmp_path):
    environment.setenv("ELASTICSEARCH_CA_CERTS", str(tmp_path / "missing.pem"))
    with pytest.raises(ValueError, match="is not a file"):
        elasticsearch_options()
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    environment.setenv("ELASTICSEARCH_CA_CERTS", str(ca))
    assert elasticsearch_options() == {"ca_certs": str(ca)}


def test_verification_off_is_explicit(environment):
    environment.setenv("ELASTICSEARCH_VERIFY_CERTS", "false")
    assert elasticsearch_options() == {"verify_certs": False, "ssl_show_warn": False}
    environment.setenv("ELASTICSEARCH_VERIFY_CERTS", "true")
    assert elasticsearch_options() == {}


def test_our_client_sends_the_api_key(settings):
    settings.ELASTICSEARCH_URL = "https://127.0.0.1:9"
    settings.ELASTICSEARCH_OPTIONS = {"api_key": "a2V5OnNlY3JldA=="}
    assert get_client()._headers["authorization"] == "ApiKey a2V5OnNlY3JldA=="
    settings.ELASTICSEARCH_OPTIONS = {"basic_auth": ("cop-site", "s3cret")}
    assert get_client()._headers["authorization"].startswith("Basic "), "a change of options makes a new client"


def test_wagtails_backend_takes_the_same_options(settings):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend(
        "default",
        BACKEND="search.wagtail_backend",
        URLS=["https://127.0.0.1:9"],
        INDEX_PREFIX="unused-",
        OPTIONS={"api_key": "a2V5OnNlY3JldA=="},
    )
    assert backend.es._headers["authorization"] == "ApiKey a2V5OnNlY3JldA=="


def test_unverified_certificates_are_warned_about_at_start_up(settings, caplog):
    settings.ELASTICSEARCH_URL = "https://127.0.0.1:9"
    settings.ELASTICSEARCH_OPTIONS = {"verify_certs": False, "ssl_show_warn": False}
    with caplog.at_level(logging.WARNING, logger="search"):
        apps.get_app_config("cop_search").ready()
    assert "NOT checked" in caplog.text
    assert "tests only" in caplog.text
    caplog.clear()
    settings.ELASTICSEARCH_OPTIONS = {"ca_certs": "/etc/ssl/certs/ca-certificates.crt"}
    with caplog.at_level(logging.WARNING, logger="search"):
        apps.get_app_config("cop_search").ready()
    assert "NOT checked" not in caplog.text
