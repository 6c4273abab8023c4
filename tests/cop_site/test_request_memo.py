"""A page view works out who the person is once; a change shows on the next request, and a POST never remembers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cop_site.request_memo import RequestMemoMiddleware, remember
from forums.models import Suspension
from forums.moderation import active_suspension
from forums.visibility import is_site_moderator
from learning.visibility import access
from tests.factories import CaseStudyFactory, MemberFactory, restrict_view, site_moderator

pytestmark = pytest.mark.django_db


def _queries(work):
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured.captured_queries)


def _within(method, work):
    """Run `work` as a view would, inside a request of this method, and return what it returned."""

    class Request:
        pass

    request = Request()
    request.method = method
    return RequestMemoMiddleware(lambda _request: work())(request)


def _ask_three_times(member):
    def work():
        for _ in range(3):
            is_site_moderator(member)
            active_suspension(member)
            access(member)
        return "done"

    return work


def test_a_page_view_asks_each_question_once():
    page = CaseStudyFactory()
    restrict_view(page, "login")
    member = MemberFactory()

    in_a_get = _queries(lambda: _within("GET", _ask_three_times(member)))
    outside = _queries(_ask_three_times(member))

    assert in_a_get * 3 == outside
    assert in_a_get == outside // 3 > 0


def test_a_post_asks_afresh_every_time():
    member = MemberFactory()
    in_a_post = _queries(lambda: _within("POST", _ask_three_times(member)))
    outside = _queries(_ask_three_times(member))
    assert in_a_post == outside


def test_the_next_page_view_sees_a_suspension_and_a_new_moderator():
    member = MemberFactory()
    assert _within("GET", lambda: active_suspension(member)) is None
    assert _within("GET", lambda: is_site_moderator(member)) is False

    Suspension.objects.create(user=member, until=timezone.now() + timedelta(days=1), reason="test")
    moderator = site_moderator()

    assert _within("GET", lambda: active_suspension(member)) is not None
    assert _within("GET", lambda: is_site_moderator(moderator)) is True


def test_answers_are_per_person():
    moderator, member = site_moderator(), MemberFactory()

    def both():
        return is_site_moderator(moderator), is_site_moderator(member), is_site_moderator(None)

    assert _within("GET", both) == (True, False, False)


def test_remember_outside_a_request_does_the_work_every_time():
    calls = []
    remember("k", lambda: calls.append(1))
    remember("k", lambda: calls.append(1))
    assert len(calls) == 2
