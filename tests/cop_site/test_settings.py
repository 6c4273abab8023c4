"""Production settings refuse to start unsafely, and pass Django's deployment checklist when set."""

import subprocess
import sys

import pytest

from cop_site.env import email_settings
from tests.conftest import ROOT, server_environment

PRODUCTION = {"DJANGO_SETTINGS_MODULE": "cop_site.settings.production"}
SAFE_KEY = "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"ALLOWED_HOSTS": "cop.example.org"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": SAFE_KEY}, "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without_secret_key_or_hosts(env, complaint):
    result = manage("check", **PRODUCTION, **env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_passes_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        SECRET_KEY=SAFE_KEY,
        ALLOWED_HOSTS="cop.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_email_is_console_by_default_and_smtp_from_email_url(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    assert email_settings()["EMAIL_BACKEND"].endswith("console.EmailBackend")
    monkeypatch.setenv("EMAIL_URL", "submission://mailer:s%40cret@smtp.example.org")
    smtp = email_settings()
    assert smtp["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == ("smtp.example.org", 587, True)
    assert smtp["EMAIL_HOST_PASSWORD"] == "s@cret"
    monkeypatch.setenv("EMAIL_URL", "ftp://nope")
    with pytest.raises(ValueError, match="EMAIL_URL"):
        email_settings()
