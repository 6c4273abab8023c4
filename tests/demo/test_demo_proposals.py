"""The demo has a member's shared practice waiting for review: reviewers find it, Fraser follows it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import WorkflowState

from casestudies.models import Proposal
from demo.proposals import TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)


def test_frasers_proposal_waits_for_review_and_he_sees_it_in_my_learning(demo, client):
    proposal = Proposal.objects.get(page__title=TITLE)
    assert proposal.author.username == "frontline"
    assert proposal.state == Proposal.State.IN_REVIEW
    assert proposal.page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not proposal.page.live
    assert client.get(proposal.page.url).status_code == 404
    assert TITLE not in client.get("/case-studies/").content.decode()

    client.force_login(get_user_model().objects.get(username="frontline"))
    assert TITLE in client.get("/my-learning/").content.decode()
    client.force_login(get_user_model().objects.get(username="reviewer"))
    assert TITLE in client.get("/admin/insights/").content.decode()
    assert TITLE in client.get("/admin/").content.decode()  # Wagtail's "awaiting your review"


def test_loading_again_makes_no_second_proposal_even_after_review(demo, settings):
    proposal = Proposal.objects.get(page__title=TITLE)
    reviewer = get_user_model().objects.get(username="reviewer")
    task_state = proposal.page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="Say how often you met.")
    call_command("load_demo_content", verbosity=0)
    assert Proposal.objects.filter(page__title=TITLE).count() == 1
    assert Proposal.objects.get(page__title=TITLE).state == Proposal.State.CHANGES_REQUESTED
