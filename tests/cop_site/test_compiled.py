"""A queryset compiled once (cop_site/compiled.py) answers every later call exactly as the ORM would.

Live rooms ask who sent each message (session, account with profile) and whether they are
suspended through kept statements; a wrong binding would let a suspended member speak or name the
wrong author, so each answer is checked against the ORM's own, with the rows changing between calls.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cop_site.compiled import Compiled
from forums.models import Suspension
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def accounts(ids):
    return User.objects.select_related("profile").filter(pk__in=ids).order_by("pk")


def active(now, ids):
    return Suspension.objects.active(now=now).filter(user__in=ids).order_by("-until", "pk")


def suspend(user, days, lifted=False):
    now = timezone.now()
    return Suspension.objects.create(
        user=user, until=now + timedelta(days=days), reason="test", lifted=now if lifted else None
    )


def test_kept_accounts_come_with_their_profiles_as_the_orm_gives_them_in_one_statement_each_call():
    people = [MemberFactory(username=f"person-{n}") for n in range(4)]
    kept = Compiled(accounts)
    for ids in ([people[0].pk], [people[1].pk, people[3].pk], [people[2].pk], [people[3].pk, people[0].pk]):
        with CaptureQueriesContext(connection) as queries:
            found = kept.all(ids)
        assert len(queries) == 1
        assert found == list(accounts(ids))
        assert [user.profile.display_name for user in found] == [user.profile.display_name for user in accounts(ids)]
        assert [user.username for user in found] == [User.objects.get(pk=pk).username for pk in sorted(ids)]


def test_a_kept_statement_reads_the_rows_as_they_are_now():
    member = MemberFactory(username="member")
    kept = Compiled(active)
    assert kept.all(timezone.now(), [member.pk]) == []

    suspension = suspend(member, days=3)
    assert kept.all(timezone.now(), [member.pk]) == [suspension]

    suspension.lifted = timezone.now()
    suspension.save()
    assert kept.all(timezone.now(), [member.pk]) == []

    later = suspend(member, days=7)
    assert kept.all(timezone.now(), [member.pk]) == [later]
    assert kept.all(timezone.now() + timedelta(days=8), [member.pk]) == []  # the time given is the time asked


def test_each_value_lands_where_the_rule_put_it():
    people = [MemberFactory(username=f"member-{n}") for n in range(5)]
    suspend(people[0], days=1)
    suspend(people[1], days=5, lifted=True)
    suspend(people[2], days=-1)
    suspend(people[3], days=10)
    suspend(people[3], days=2)
    kept = Compiled(active)
    now = timezone.now()
    for ids in ([p.pk for p in people], [people[3].pk, people[0].pk], [people[1].pk, people[2].pk], [people[4].pk]):
        for when in (now, now + timedelta(days=3), now - timedelta(days=2)):
            assert kept.all(when, ids) == list(active(when, ids)), (when, ids)


def test_values_a_rule_turns_into_something_else_are_left_to_the_orm():
    MemberFactory(username="alice")
    MemberFactory(username="alicia")
    MemberFactory(username="bob")
    kept = Compiled(lambda prefix: User.objects.filter(username__startswith=prefix).order_by("username"))
    assert [user.username for user in kept.all("ali")] == ["alice", "alicia"]
    assert [user.username for user in kept.all("bo")] == ["bob"]
    assert kept.all("z") == []


def test_tuples_an_empty_list_and_a_crowd_give_what_the_orm_gives():
    people = [MemberFactory(username=f"crowd-{n}") for n in range(12)]
    ids = [person.pk for person in people]
    kept = Compiled(lambda ids: User.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "username"))
    with CaptureQueriesContext(connection) as queries:
        assert kept.all([]) == []
    assert len(queries) == 0  # nothing to ask
    assert kept.all(ids[:2]) == [(person.pk, person.username) for person in people[:2]]
    assert kept.all(ids) == [(person.pk, person.username) for person in people]  # longer than kept: the ORM's
    assert kept.all([ids[5], ids[5]]) == [(ids[5], "crowd-5")]  # the same value twice
