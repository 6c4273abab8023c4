"""Proposing a case study: a member's plain text becomes a draft in review, credited, never public."""

import pytest
from django.core import mail
from wagtail.models import TaskState, WorkflowState

from casestudies.models import CaseStudyPage, Proposal
from casestudies.proposals import DAILY_LIMIT, CaseStudyProposalForm, paragraphs_html, propose
from cop_site.errors import DomainError
from forums.models import Notification
from learning.models import CouncilArea, Sector, Theme
from tests.factories import MemberFactory, case_study_index, editorial_user

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "title": "Tenants shape the repairs service in Fife",
        "summary": "Tenants and repairs staff redesigned how repairs are booked, together.",
        "lead_organisation": "Fife Council",
        "partner_organisations": "Kingdom Housing Association\nFife Tenants Forum",
        "council_area": str(CouncilArea.objects.get(slug="fife").pk),
        "sectors": [str(Sector.objects.order_by("pk").first().pk)],
        "approach": "co_production",
        "start_year": "2018",
        "end_year": "2020",
        "challenge": "Repairs were booked by phone only.\n\nTenants waited weeks.",
        "what_was_done": "Tenants and staff met monthly.",
        "what_changed": "Fewer missed appointments.",
        "evaluation": "The tenants forum surveyed members twice.",
        "lessons": "Start with the people who wait.",
        "evidence_used": "Our survey: https://example.org/survey?year=2020 and the council's report.",
        "themes": [],
    }
    data.update(changes)
    return data


def valid(**changes):
    form = CaseStudyProposalForm(form_data(**changes))
    assert form.is_valid(), form.errors
    return form.cleaned_data


@pytest.fixture
def member():
    return MemberFactory(username="morven", profile__display_name="Morven Reid")


@pytest.fixture
def reviewer():
    return editorial_user("Reviewers", username="ruaridh")


@pytest.fixture(autouse=True)
def index():
    return case_study_index()


# --- the form ------------------------------------------------------------------------------------------------
def test_a_form_missing_the_story_says_what_to_enter_for_each_part():
    form = CaseStudyProposalForm(form_data(challenge="  ", lessons="", council_area="", title=""))
    assert not form.is_valid()
    assert form.errors["challenge"] == ["Enter the challenge."]
    assert form.errors["lessons"] == ["Enter the lessons."]
    assert form.errors["council_area"] == ["Choose the council area where the work happened."]
    assert form.errors["title"] == ["Enter a title for your case study."]


def test_a_work_that_ends_before_it_starts_is_refused():
    form = CaseStudyProposalForm(form_data(start_year="2020", end_year="2018"))
    assert not form.is_valid()
    assert form.errors["end_year"] == ["The year the work ended cannot be before the year it started."]


@pytest.mark.parametrize("year", ["nineteen", "1200", "99999999999999999999"])
def test_a_year_that_is_not_a_year_is_refused(year):
    form = CaseStudyProposalForm(form_data(start_year=year))
    assert not form.is_valid()
    assert "start_year" in form.errors


def test_the_form_can_be_prefilled():
    form = CaseStudyProposalForm(initial={"title": "From our inquiry", "challenge": "What we asked"})
    assert form["title"].value() == "From our inquiry"
    assert form["challenge"].value() == "What we asked"
    assert [heading for heading, _hint, _fields in form.sections()] == [
        "About the work",
        "What happened",
        "Evidence and themes",
    ]


def test_typed_html_is_shown_as_text_and_only_web_addresses_become_links():
    html = paragraphs_html('<script>alert(1)</script>\nsee https://example.org/a?b=1&c=2.\n\n<b onclick="x">two</b>')
    assert "<script>" not in html
    assert "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>.' in html
    assert html.count("<p>") == 2
    assert paragraphs_html('javascript:alert(1) "http://x.org"') == (
        '<p>javascript:alert(1) &quot;<a href="http://x.org">http://x.org</a>&quot;</p>'
    )


# --- proposing ------------------------------------------------------------------------------------------------
def test_proposing_makes_a_draft_in_review_credited_to_the_member(member, client):
    other = MemberFactory(username="tam")
    proposal = propose(member, valid(), contributors=[other, member], origin_url="/x/", origin_title="Our inquiry")

    page = CaseStudyPage.objects.get(pk=proposal.page.pk)
    assert not page.live
    assert page.first_published_at is None
    assert page.get_parent().specific == case_study_index()
    assert page.latest_revision.user == member
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_state.requested_by == member
    assert page.current_workflow_task.name == "Reviewer approval"
    assert proposal.state == Proposal.State.IN_REVIEW
    assert proposal.written_up_by == "Morven Reid"
    assert proposal.contributor_names == ["tam"]
    assert (proposal.origin_url, proposal.origin_title) == ("/x/", "Our inquiry")
    assert page.partners == ["Kingdom Housing Association", "Fife Tenants Forum"]
    assert page.challenge[0].value.source == "<p>Repairs were booked by phone only.</p><p>Tenants waited weeks.</p>"
    assert 'href="https://example.org/survey?year=2020"' in page.evaluation
    assert list(page.sectors.all()) == [Sector.objects.order_by("pk").first()]

    # Nobody outside the admin can see it.
    assert client.get(page.url).status_code == 404
    client.force_login(member)
    assert client.get(page.url).status_code == 404


def test_themes_chosen_are_on_the_draft(member):
    theme = Theme.objects.create(name="Co-production", slug="co-production")
    proposal = propose(member, valid(themes=[str(theme.pk)]))
    assert [t.name for t in proposal.page.themes.all()] == ["Co-production"]


def test_a_visitor_cannot_propose():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(DomainError) as refused:
        propose(AnonymousUser(), valid())
    assert refused.value.code == "forbidden"
    assert not CaseStudyPage.objects.exists()


def test_a_member_may_propose_five_a_day_and_the_sixth_changes_nothing(member):
    for _ in range(DAILY_LIMIT):
        propose(member, valid())
    with pytest.raises(DomainError) as refused:
        propose(member, valid())
    assert refused.value.code == "rate_limited"
    assert "try again tomorrow" in refused.value.message
    assert Proposal.objects.count() == DAILY_LIMIT == CaseStudyPage.objects.count()


# --- the review, and who is told ------------------------------------------------------------------------------
def act(page, reviewer, action, comment=""):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, action, comment=comment)


def test_changes_requested_is_the_state_the_member_and_contributors_are_told_with_the_comment(
    member, reviewer, django_capture_on_commit_callbacks
):
    contributor = MemberFactory(username="tam")
    proposal = propose(member, valid(), contributors=[contributor])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(proposal.page, reviewer, "reject", comment="Say how many tenants took part.")

    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.state == Proposal.State.CHANGES_REQUESTED
    assert proposal.reviewer_comment == "Say how many tenants took part."
    assert TaskState.objects.filter(status=TaskState.STATUS_REJECTED).count() == 1
    told = Notification.objects.filter(kind=Notification.Kind.CASE_STUDY_REVIEW)
    assert sorted(n.recipient.username for n in told) == ["morven", "tam"]
    note = told.get(recipient=member)
    assert "asked for changes" in note.text
    assert "Say how many tenants took part." in note.text
    assert note.url == "/my-learning/#case-study-proposals"
    assert not Notification.objects.filter(recipient=reviewer).exists()
    # One email each, from the site (not Wagtail's admin email with its admin links).
    assert sorted(message.to[0] for message in mail.outbox) == ["morven@example.org", "tam@example.org"]
    assert all("/admin/" not in message.body for message in mail.outbox)
    assert "Say how many tenants took part.\n" in mail.outbox[0].body
    assert "/my-learning/#case-study-proposals" in mail.outbox[0].body
    assert "because you proposed this case study or are credited on it" in mail.outbox[0].body


def test_approval_publishes_it_and_the_member_is_told_once(
    member, reviewer, client, django_capture_on_commit_callbacks
):
    proposal = propose(member, valid())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(proposal.page, reviewer, "approve")
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.state == Proposal.State.PUBLISHED
    page = proposal.page
    note = Notification.objects.get(recipient=member, kind=Notification.Kind.CASE_STUDY_REVIEW)
    assert "is published" in note.text
    assert note.url == page.url
    assert [message.to for message in mail.outbox] == [["morven@example.org"]]

    page.specific.save_revision(user=reviewer).publish(user=reviewer)  # a later edit tells nobody again
    assert Notification.objects.filter(recipient=member).count() == 1

    html = client.get(page.url).content.decode()
    assert "Written up by" in html
    assert "Morven Reid" in html


def test_a_cancelled_review_reads_as_withdrawn(member, reviewer):
    proposal = propose(member, valid())
    proposal.page.current_workflow_state.cancel(user=reviewer)
    assert Proposal.objects.get(pk=proposal.pk).state == Proposal.State.WITHDRAWN


def test_waiting_for_review_lists_only_those_in_review(member, reviewer):
    waiting = propose(member, valid(title="Waiting"))
    changes = propose(member, valid(title="Changes"))
    act(changes.page, reviewer, "reject", comment="More, please.")
    published = propose(member, valid(title="Published"))
    act(published.page, reviewer, "approve")
    assert list(Proposal.objects.waiting_for_review()) == [waiting]
