"""Sign-up and sign-in are throttled per network and per account, with a clear page rather than an error."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SIGNUPS_PER_BURST = 5  # "5/10m/ip" in ACCOUNT_RATE_LIMITS


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").find("main").get_text().split())


def signup(client, n, ip="203.0.113.7"):
    password = "Kelpie-river-2026"
    return client.post(
        "/accounts/signup/",
        {
            "email": f"bot{n}@example.org",
            "username": f"bot{n}",
            "sector": "public",
            "level": "frontline",
            "password1": password,
            "password2": password,
        },
        REMOTE_ADDR=ip,
    )


def test_the_configured_signup_limit_allows_a_burst_then_an_hourly_total():
    assert django_settings.ACCOUNT_RATE_LIMITS["signup"] == "5/10m/ip,20/h/ip"


def test_too_many_signups_from_one_network_get_a_helpful_429(client):
    for n in range(SIGNUPS_PER_BURST):
        assert signup(client, n).status_code == 302

    refused = signup(client, 99)

    assert refused.status_code == 429
    message = text_of(refused)
    assert "Too many attempts" in message
    assert "Please wait a few minutes and try again" in message
    assert not get_user_model().objects.filter(username="bot99").exists()
    # In the site's layout, with a way on.
    assert b"ds_site-header" in refused.content
    # Reading the page is never throttled, and another network can still join.
    assert client.get("/accounts/signup/", REMOTE_ADDR="203.0.113.7").status_code == 200
    assert signup(client, 100, ip="198.51.100.20").status_code == 302


def test_failed_sign_ins_to_one_account_are_stopped_with_a_form_error(client):
    MemberFactory(username="priya")
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": "priya", "password": "guess"})
        assert "not correct" in text_of(response)

    blocked = client.post("/accounts/login/", {"login": "priya", "password": "guess"})

    assert blocked.status_code == 200
    assert "Too many failed login attempts" in text_of(blocked)


def test_a_strangers_failed_sign_ins_do_not_lock_the_member_out(client):
    """Five failures from one address stop that address, not the member signing in from their own."""
    MemberFactory(username="priya")
    stranger = "203.0.113.66"
    for _ in range(6):
        client.post("/accounts/login/", {"login": "priya", "password": "guess"}, REMOTE_ADDR=stranger)
    blocked = client.post("/accounts/login/", {"login": "priya", "password": "pass-2026-word"}, REMOTE_ADDR=stranger)
    assert "Too many failed login attempts" in text_of(blocked)

    own = client.post("/accounts/login/", {"login": "priya", "password": "pass-2026-word"}, REMOTE_ADDR="198.51.100.4")
    assert own.status_code == 302
    assert client.get("/accounts/email/").status_code == 200  # signed in


def test_too_many_sign_in_attempts_from_one_network_get_a_429_that_offers_a_reset(client):
    for n in range(30):  # allauth's default "30/m/ip"
        client.post("/accounts/login/", {"login": f"someone{n}", "password": "guess"})
    refused = client.post("/accounts/login/", {"login": "someone", "password": "guess"})
    assert refused.status_code == 429
    assert "too many attempts to sign in" in text_of(refused)
    assert BeautifulSoup(refused.content, "html.parser").find("a", href="/accounts/password/reset/")


def test_signup_still_works_when_the_redis_cache_is_down(client, settings):
    """A Redis outage costs the throttle, not the ability to join."""
    settings.CACHES = {
        "default": {
            "BACKEND": "cop_site.cache.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    assert signup(client, 1).status_code == 302
    assert get_user_model().objects.filter(username="bot1").exists()
