"""Whatever a browser can send to the member-learning endpoints: a clear answer, never a 500.

Random ids (huge ones included: they overflow a database integer), random kinds, step ids and text
go to every form a member posts for bookmarks, used in practice, pathway progress, reflections,
sharing and their own data. Each answer is a redirect, a page or a 4xx.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import GuideFactory, PathwayFactory, UserFactory

pytestmark = pytest.mark.django_db

ids = st.one_of(st.integers(min_value=0, max_value=2**70), st.sampled_from([0, 1, 2**31, 2**63 - 1, 2**63, 10**30]))
text = st.text(max_size=600)
reflection_fields = st.dictionaries(st.sampled_from(["plan", "act", "observe", "reflect", "done"]), text)
step_ids = st.one_of(text.filter(lambda value: "/" not in value and value.strip()), st.uuids().map(str))


@pytest.fixture
def member_client():
    client = Client()
    client.force_login(UserFactory(username="fuzzy"))
    return client


@pytest.fixture
def places():
    guide = GuideFactory(title="Running a safe dialogue")
    steps = [("step", {"page": guide, "why": "Why.", "reflection_prompt": "What?"})] * 2
    return {"guide": guide, "pathway": PathwayFactory(title="Fuzzed pathway", steps=steps)}


def answered(response):
    assert response.status_code < 500, response.content[:500]
    return response.status_code


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(kind=st.one_of(st.sampled_from(["page", "thread"]), text.filter(lambda v: v and "/" not in v)), target=ids)
def test_bookmarks(member_client, places, kind, target):
    for action in ("save", "remove"):
        answered(member_client.post(f"/saved/{kind}/{target}/", {"action": action, "next": "/x"}))


@FUZZ
@given(page_id=ids, note=text, action=st.sampled_from(["record", "withdraw", "other"]))
def test_used_in_practice(member_client, places, page_id, note, action):
    answered(member_client.post(f"/pages/{page_id}/used-in-practice/", {"note": note, "action": action}))
    guide = places["guide"]
    answered(member_client.post(f"/pages/{guide.pk}/used-in-practice/", {"note": note, "action": action}))


@FUZZ
@given(
    pathway_id=ids,
    step_id=step_ids,
    fields=st.dictionaries(st.sampled_from(["plan", "act", "observe", "reflect", "done"]), text),
)
def test_pathway_progress(member_client, places, pathway_id, step_id, fields):
    for pathway in (pathway_id, places["pathway"].pk):
        base = f"/pathways/progress/{pathway}"
        answered(member_client.post(f"{base}/start/"))
        answered(member_client.get(f"{base}/steps/{step_id}/"))
        answered(member_client.post(f"{base}/steps/{step_id}/done/", fields))
        answered(member_client.post(f"{base}/steps/{step_id}/reflection/", fields))


@FUZZ
@given(progress_id=ids, fields=st.dictionaries(st.sampled_from(["community", "title", "body"]), text))
def test_sharing_and_own_data(member_client, places, progress_id, fields):
    answered(member_client.get(f"/reflections/{progress_id}/share/"))
    answered(member_client.post(f"/reflections/{progress_id}/share/", fields))
    answered(member_client.post("/members/me/delete/", {"confirm": fields.get("title", ""), **fields}))
