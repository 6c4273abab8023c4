"""Reading many live connections' members at once decides exactly as reading each one alone.

Live rooms check every message's sender, and each connection's member once a minute, against
their session as it is now; a crowd's sessions are read together (`current_users`).
"""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums.streams import current_user, current_users, viewers
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client.session.session_key


def test_a_crowd_of_sessions_is_read_in_two_queries_with_each_member_as_alone():
    people = [MemberFactory(username=f"member-{n}") for n in range(6)]
    keys = [signed_in(person) for person in people]
    with CaptureQueriesContext(connection) as queries:
        found = current_users(keys)
    assert len(queries) == 2
    assert [found[key] for key in keys] == people


def test_whoever_may_no_longer_be_there_is_read_as_a_visitor_as_alone():
    stays, signs_out, new_password, deactivated, expired = (
        MemberFactory(username=name) for name in ("stays", "signs-out", "new-password", "deactivated", "expired")
    )
    keys = {person: signed_in(person) for person in (stays, signs_out, new_password, deactivated, expired)}
    Session.objects.filter(session_key=keys[signs_out]).delete()
    new_password.set_password("a completely new password")
    new_password.save()
    deactivated.is_active = False
    deactivated.save()
    Session.objects.filter(session_key=keys[expired]).update(expire_date=timezone.now() - timedelta(seconds=1))
    unknown = "no-such-session-key"

    found = current_users([*keys.values(), unknown, None, ""])

    assert found[keys[stays]] == stays
    for gone in (signs_out, new_password, deactivated, expired):
        assert not found[keys[gone]].is_authenticated, gone.username
    assert not found[unknown].is_authenticated
    assert set(found) == {*keys.values(), unknown}
    for key, person in found.items():
        assert person == current_user(key)


def test_a_connection_without_a_session_is_the_person_it_connected_as():
    member = MemberFactory()
    key = signed_in(member)

    class Store:
        session_key = key

    by_session, by_scope, nobody = viewers([{"session": Store(), "user": None}, {"user": member}, {}])
    assert by_session == member
    assert by_scope == member
    assert not nobody.is_authenticated
