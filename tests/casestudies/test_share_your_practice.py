"""/share-your-practice/: the guided form a member fills in to propose a case study."""

import pytest
from django.urls import reverse
from wagtail.models import Comment, WorkflowState

from casestudies.models import Proposal
from casestudies.proposals import DAILY_LIMIT, CaseStudyProposalForm, propose
from tests.casestudies.test_proposals import form_data
from tests.factories import MemberFactory, case_study_index, editorial_user

pytestmark = pytest.mark.django_db
URL = "/share-your-practice/"


@pytest.fixture(autouse=True)
def index():
    return case_study_index()


@pytest.fixture
def member(client):
    member = MemberFactory(username="morven", profile__display_name="Morven Reid")
    client.force_login(member)
    return member


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_members_find_it_in_the_navigation_on_case_studies_and_in_my_learning(client, member):
    assert f'href="{URL}"' in client.get("/").content.decode()
    assert f'href="{URL}"' in client.get(case_study_index().url).content.decode()
    assert f'href="{URL}"' in client.get(reverse("my_learning")).content.decode()
    html = client.get(URL).content.decode()
    for heading in ("About the work", "What happened", "Evidence and themes"):
        assert f">{heading}</h2>" in html


def test_bad_input_keeps_every_typed_value_and_links_each_error_to_its_field(client, member):
    data = form_data(challenge="", start_year="twenty", title="Tenants <b>shape</b> repairs")
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert '<a href="#id_challenge">Enter the challenge.</a>' in html
    assert '<a href="#id_start_year">' in html
    assert 'value="Tenants &lt;b&gt;shape&lt;/b&gt; repairs"' in html
    assert "Tenants and staff met monthly.</textarea>" in html
    assert "Kingdom Housing Association\nFife Tenants Forum</textarea>" in html
    assert 'value="co_production" checked' in html
    assert not Proposal.objects.exists()


def test_a_good_proposal_goes_to_review_and_the_member_is_told_what_happens_next(client, member):
    response = client.post(URL, form_data(), follow=True)
    proposal = Proposal.objects.get()
    assert response.redirect_chain == [(f"{URL}sent/{proposal.pk}/", 302)]
    html = response.content.decode()
    assert "What happens next" in html
    assert "Tenants shape the repairs service in Fife" in html
    assert proposal.author == member
    assert proposal.state == Proposal.State.IN_REVIEW

    my_learning = client.get(reverse("my_learning")).content.decode()
    assert "Your case study proposals" in my_learning
    assert 'data-proposal-state="in_review"' in my_learning
    assert "In review" in my_learning


def test_someone_else_cannot_read_the_what_happens_next_page(client, member):
    client.post(URL, form_data())
    proposal = Proposal.objects.get()
    client.force_login(MemberFactory(username="tam"))
    assert client.get(f"{URL}sent/{proposal.pk}/").status_code == 404


def test_past_the_daily_limit_the_member_is_told_and_keeps_what_they_typed(client, member):
    for _ in range(DAILY_LIMIT):
        assert client.post(URL, form_data()).status_code == 302
    response = client.post(URL, form_data(title="One more today"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "try again tomorrow" in html
    assert 'value="One more today"' in html
    assert Proposal.objects.count() == DAILY_LIMIT


@pytest.mark.parametrize(
    "changes",
    [
        {"council_area": "999999"},
        {"council_area": "fife"},
        {"sectors": ["x"]},
        {"themes": ["99999999999999999999999"]},
        {"approach": "<script>"},
        {"end_year": "-1"},
        {"title": "x" * 5000},
        {"summary": "\x00"},
    ],
)
def test_nothing_a_browser_can_send_gives_a_500(client, member, changes):
    response = client.post(URL, form_data(**changes))
    assert response.status_code == 400
    assert not Proposal.objects.exists()


# --- answering a request for changes ---------------------------------------------------------------------
def in_changes_requested(member, comment="Say how many tenants took part."):
    form = CaseStudyProposalForm(form_data())
    assert form.is_valid()
    proposal = propose(member, form.cleaned_data)
    reviewer = editorial_user("Reviewers", username="ruaridh")
    task_state = proposal.page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment=comment)
    return Proposal.objects.get(pk=proposal.pk)


def test_the_member_replies_from_my_learning_and_it_goes_back_into_review(client, member):
    proposal = in_changes_requested(member)
    my_learning = client.get(reverse("my_learning")).content.decode()
    reply_url = f"{URL}{proposal.pk}/reply/"
    assert f'href="{reply_url}"' in my_learning
    assert "Say how many tenants took part." in client.get(reply_url).content.decode()

    response = client.post(reply_url, {"reply": "Forty tenants, over three meetings."})
    assert response.status_code == 302
    assert response["Location"] == "/my-learning/#case-study-proposals"
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.state == Proposal.State.IN_REVIEW
    assert proposal.page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    comment = Comment.objects.get(page=proposal.page)
    assert (comment.user, comment.text) == (member, "Forty tenants, over three meetings.")
    assert not proposal.page.live


def test_an_empty_reply_changes_nothing_and_says_what_to_write(client, member):
    proposal = in_changes_requested(member)
    response = client.post(f"{URL}{proposal.pk}/reply/", {"reply": "   "})
    assert response.status_code == 400
    assert '<a href="#proposal-reply">Write your reply to the reviewer' in response.content.decode()
    response = client.post(f"{URL}{proposal.pk}/reply/", {"reply": "a\x00b"})
    assert response.status_code == 400
    assert "cannot be saved" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).state == Proposal.State.CHANGES_REQUESTED
    assert not Comment.objects.exists()


def test_a_proposal_in_review_cannot_be_resubmitted_and_nobody_else_may_reply(client, member):
    form = CaseStudyProposalForm(form_data())
    assert form.is_valid()
    waiting = propose(member, form.cleaned_data)
    response = client.post(f"{URL}{waiting.pk}/reply/", {"reply": "More"})
    assert response.status_code == 400
    assert "not waiting for changes from you" in response.content.decode()

    proposal = in_changes_requested(member)
    client.force_login(MemberFactory(username="tam"))
    assert client.get(f"{URL}{proposal.pk}/reply/").status_code == 404
    assert client.post(f"{URL}{proposal.pk}/reply/", {"reply": "Mine now"}).status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).state == Proposal.State.CHANGES_REQUESTED


def test_a_suspended_member_is_told_and_nothing_is_proposed_until_the_suspension_ends(client, member):
    from datetime import timedelta

    from django.utils import timezone

    from forums.models import Suspension

    suspension = Suspension.objects.create(user=member, until=timezone.now() + timedelta(days=3), reason="test")
    response = client.post(URL, form_data(title="While suspended"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your account is suspended" in html
    assert 'value="While suspended"' in html  # what was typed is kept
    assert not Proposal.objects.exists()

    suspension.lifted = timezone.now()
    suspension.save()
    assert client.post(URL, form_data(title="After the suspension")).status_code == 302
    assert Proposal.objects.get().page.title == "After the suspension"
