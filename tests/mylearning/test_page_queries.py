"""My learning costs the same number of queries with 1 item in each list as with 20.

An N+1 (a query per saved page, per read, per pathway, per post in the member's communities) makes
the count grow with what the member has done and fails here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import services as forum_services
from mylearning import pathways, reading, saving
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    EvidenceFactory,
    GuideFactory,
    MemberFactory,
    PathwayFactory,
    member_of,
)
from tests.pages import signed_in

pytestmark = pytest.mark.django_db

FACTORIES = (CaseStudyFactory, EvidenceFactory, GuideFactory)


def queries(client):
    assert client.get("/my-learning/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/my-learning/").status_code == 200
    return captured


def add_items(member, community, first, count):
    """`count` more of everything My learning lists: saved and read pages of every type, a saved thread,
    a started pathway, and posts in the member's community."""
    for n in range(first, first + count):
        page = FACTORIES[n % len(FACTORIES)](title=f"Page {n}", slug=f"page-{n}")
        saving.save_bookmark(member, "page", page.pk)
        reading.record_read(page, member)
        thread = forum_services.start_thread(community, member, f"Thread {n}", f"Question {n}.")
        saving.save_bookmark(member, "thread", thread.pk)
        pathway = PathwayFactory(
            title=f"Pathway {n}",
            slug=f"pathway-{n}",
            steps=[("step", {"page": step, "why": "Why.", "reflection_prompt": "Learned?"}) for step in (page, page)],
        )
        pathways.start(member, pathway)
        if n % 2:  # every other one completed: My learning lists those apart
            for step in pathway.steps:
                pathways.mark_done(member, pathway, step.id)


def test_my_learning_costs_the_same_queries_with_1_item_or_20(monkeypatch):
    monkeypatch.setattr(forum_services, "rate_limit", lambda user: None)
    member = MemberFactory(username="priya")
    community = CommunityFactory(name="Community planning", slug="community-planning")
    member_of(community, member)
    client = signed_in(member)
    add_items(member, community, 0, 1)
    few = queries(client)
    add_items(member, community, 1, 19)
    many = queries(client)
    assert len(many) == len(few), "\n".join(q["sql"][:200] for q in many.captured_queries)
