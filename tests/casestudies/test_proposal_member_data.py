"""A member's proposals in their data download, and what deleting the account leaves of them."""

import pytest
from wagtail.models import WorkflowState

from accounts import deletion
from accounts.data import member_data
from casestudies.models import Proposal
from casestudies.proposals import CaseStudyProposalForm, propose
from tests.casestudies.test_proposals import form_data
from tests.factories import MemberFactory, case_study_index, editorial_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals():
    case_study_index()
    morven = MemberFactory(username="morven", profile__display_name="Morven Reid")
    tam = MemberFactory(username="tam", profile__display_name="Tam Duncan")
    reviewer = editorial_user("Reviewers", username="ruaridh")
    form = CaseStudyProposalForm(form_data(title="Tenants shape repairs"))
    assert form.is_valid()
    waiting = propose(morven, form.cleaned_data, contributors=[tam], origin_url="/x/", origin_title="Our inquiry")
    form = CaseStudyProposalForm(form_data(title="Lanterns in the closes"))
    assert form.is_valid()
    published = propose(morven, form.cleaned_data)
    task_state = published.page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    return {"morven": morven, "tam": tam, "waiting": waiting, "published": published}


def test_the_download_lists_what_she_proposed_with_its_state(proposals):
    rows = member_data(proposals["morven"])["case_study_proposals"]
    assert [(row["title"], row["role"], row["state"]) for row in rows] == [
        ("Tenants shape repairs", "author", "in_review"),
        ("Lanterns in the closes", "author", "published"),
    ]
    assert rows[0]["url"] is None  # a draft has no public address
    assert rows[0]["written_up_from"] == {"title": "Our inquiry", "url": "/x/"}
    assert rows[1]["url"] == Proposal.objects.get(pk=proposals["published"].pk).page.url


def test_a_contributor_finds_the_proposal_they_are_credited_on(proposals):
    rows = member_data(proposals["tam"])["case_study_proposals"]
    assert [(row["title"], row["role"]) for row in rows] == [("Tenants shape repairs", "contributor")]


def test_deleting_her_account_keeps_the_case_studies_credited_to_a_former_member(proposals, client):
    summary = deletion.delete_member(proposals["morven"])
    assert summary.kept["case study proposals"] == 2
    waiting = Proposal.objects.get(pk=proposals["waiting"].pk)
    assert waiting.author is None
    assert waiting.written_up_by == "a former member"
    assert waiting.contributor_names == ["Tam Duncan"]
    assert waiting.page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS  # still with the reviewers
    html = client.get(Proposal.objects.get(pk=proposals["published"].pk).page.url).content.decode()
    assert "Morven Reid" not in html
    assert "a former member" in html


def test_deleting_a_contributor_drops_their_credit_only(proposals):
    deletion.delete_member(proposals["tam"])
    waiting = Proposal.objects.get(pk=proposals["waiting"].pk)
    assert waiting.written_up_by == "Morven Reid"
    assert waiting.contributor_names == []
