"""Two steps marked done at once (two tabs) still complete the pathway, on PostgreSQL too.

Under PostgreSQL's read committed, each of two concurrent requests would otherwise not see the
other's step and neither would record completion. CI runs this on PostgreSQL.
"""

import threading

import pytest
from django.db import connection, transaction

from mylearning import pathways
from mylearning.models import PathwayEnrolment
from tests.factories import GuideFactory, PathwayFactory, UserFactory
from tests.services import service_url

pytestmark = pytest.mark.django_db(transaction=True)


def in_thread(work):
    def run():
        try:
            work()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_the_last_two_steps_marked_at_once_complete_the_pathway():
    service_url("postgresql")
    guides = [GuideFactory(title="Running a safe dialogue"), GuideFactory(title="Listening rounds")]
    pathway = PathwayFactory(
        title="Facilitation basics",
        steps=[("step", {"page": g, "why": "Why.", "reflection_prompt": "What changed?"}) for g in guides],
    )
    first_step, second_step = (step.id for step in pathway.steps)
    priya = UserFactory(username="priya")
    pathways.start(priya, pathway)
    first_marked, let_first_commit = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            pathways.mark_done(priya, pathway, first_step)
            first_marked.set()
            let_first_commit.wait(10)

    one = in_thread(first)
    assert first_marked.wait(10)
    two = in_thread(lambda: pathways.mark_done(priya, pathway, second_step))
    two.join(0.5)
    let_first_commit.set()
    one.join(10)
    two.join(10)
    assert not one.is_alive()
    assert not two.is_alive()
    assert PathwayEnrolment.objects.get(user=priya, pathway=pathway).completed is not None
