"""Who is signed in is read in two plain queries, and losing access still takes effect on the next request.

accounts/sessions.py reads the session's row and the member's row with queries written once instead of
built by the ORM on every request. These stories hold it to what Django's own store and backends do:
signing out (on any device sharing the session), a changed password, deactivation and deletion end
access at once; an expired, unknown or forged session is nobody; and the member comes back exactly as
the ORM loads them.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts import sessions
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PAGE = "/my-learning/"  # a member's page; a visitor is sent to sign in


def signed_in(client):
    response = client.get(PAGE)
    return response.status_code == 200 and "Sign out" in response.content.decode()


def second_device(client):
    """Another browser holding the same session cookie."""
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return other


@pytest.fixture
def member(client):
    user = MemberFactory(username="ailsa")
    client.force_login(user)
    assert signed_in(client)
    return user


def test_the_settings_use_the_quick_session_store_and_backends():
    assert settings.SESSION_ENGINE == "accounts.sessions"
    assert settings.AUTHENTICATION_BACKENDS == [
        "accounts.sessions.ModelBackend",
        "accounts.sessions.AuthenticationBackend",
    ]


def test_a_member_signs_in_with_their_password_and_is_read_back_in_two_queries(client):
    MemberFactory(username="ailsa", password="pass-2026-word")  # noqa: S106
    response = client.post("/accounts/login/", {"login": "ailsa", "password": "pass-2026-word"})
    assert response.status_code == 302
    signed_in(client)  # the first page after signing in may store what later pages read
    session_and_member = []

    def spy(execute, sql, params, many, context):
        session_and_member.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        client.get("/accounts/email/")  # a page that asks nothing else of the database before it reads the member
    assert "django_session" in session_and_member[0]
    assert "auth_user" in session_and_member[1]


def test_signing_out_ends_the_session_on_every_device_at_once(client, member):
    other = second_device(client)
    assert signed_in(other)
    client.post("/accounts/logout/")
    assert not signed_in(client)
    assert not signed_in(other)


def test_a_changed_password_ends_other_sessions_at_once(client, member):
    member.set_password("a-new-pass-2026")
    member.save()
    assert not signed_in(client)


def test_a_deactivated_member_is_signed_out_at_once(client, member):
    get_user_model().objects.filter(pk=member.pk).update(is_active=False)
    assert not signed_in(client)


def test_a_deleted_member_is_nobody(client, member):
    member.delete()
    assert not signed_in(client)


def test_an_expired_session_is_nobody(client, member):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not signed_in(client)


@pytest.mark.parametrize("cookie", ["unknown-session-key-00000000", "x", "'; DROP TABLE django_session; --", "é" * 40])
def test_an_unknown_or_forged_session_cookie_is_a_visitor_not_an_error(client, cookie):
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = client.get(PAGE)
    assert response.status_code == 302  # sent to sign in


def test_the_member_is_loaded_exactly_as_the_orm_loads_them(member):
    member.last_login = timezone.now()
    member.save()
    loaded = sessions.member(str(member.pk))
    expected = get_user_model().objects.get(pk=member.pk)
    fields = [field.attname for field in get_user_model()._meta.concrete_fields]
    assert {name: getattr(loaded, name) for name in fields} == {name: getattr(expected, name) for name in fields}
    assert loaded.is_active is True
    assert loaded.is_superuser is False
    assert loaded._state.adding is False
    assert loaded._state.db == expected._state.db


def test_no_member_for_a_key_that_names_nobody():
    assert sessions.member("999999") is None
    assert sessions.member("not a number") is None
