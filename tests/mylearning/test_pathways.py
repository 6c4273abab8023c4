"""Learning pathways as a member walks them: start, mark steps done (and undo), private reflections.

A pathway that is a draft or restricted is as absent as one that never existed; a reflection is
its author's alone; refused input changes nothing and never gives a 500.
"""

import pytest
from django.test import Client
from django.urls import reverse

from mylearning import pathways
from mylearning.models import REFLECTION_MAX_LENGTH, PathwayEnrolment, StepProgress
from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory, PathwayFactory, UserFactory, restrict_view
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


def steps_through(*pages):
    return [
        (
            "step",
            {
                "page": page,
                "why": f"Why {page.title} matters.",
                "reflection_prompt": f"What did {page.title} teach you?",
            },
        )
        for page in pages
    ]


def make_pathway(live=True, title="Facilitation basics"):
    guide = GuideFactory(title="Running a safe dialogue")
    case = CaseStudyFactory(title="Lochside redesign")
    evidence = EvidenceFactory(title="Deliberative forums")
    return PathwayFactory(title=title, live=live, steps=steps_through(guide, case, evidence))


@pytest.fixture
def pathway():
    return make_pathway()


@pytest.fixture
def step_ids(pathway):
    return [block.id for block in pathway.steps]


@pytest.fixture
def priya():
    return UserFactory(username="priya")


@pytest.fixture
def fraser():
    return UserFactory(username="fraser")


def start_url(pathway):
    return reverse("pathways:start", args=[pathway.pk])


def done_url(pathway, step_id):
    return reverse("pathways:step_done", args=[pathway.pk, step_id])


def reflection_url(pathway, step_id):
    return reverse("pathways:reflection", args=[pathway.pk, step_id])


def step_url(pathway, step_id):
    return reverse("pathways:step", args=[pathway.pk, step_id])


REFLECTION = {
    "plan": "Try a round at the start of the team meeting.",
    "act": "Ran a round: everyone said one thing before discussion.",
    "observe": "Two frontline colleagues spoke who usually stay quiet.",
    "reflect": "Keep the round; give the question a day ahead.",
}


# --- starting and progress ---------------------------------------------------------------------------
def test_anonymous_visitor_is_invited_to_sign_in_and_sees_no_forms(client, pathway):
    soup = soup_of(client.get(pathway.url))
    progress = soup.select_one("#progress")
    link = progress.find("a", string="Sign in to track your progress")
    assert link["href"].startswith(reverse("account_login"))
    assert "next=" in link["href"]
    assert not soup.select("form[action*='/pathways/progress/']")
    assert len(soup.select(".cop-steps--pathway > li")) == 3


def test_member_starts_a_pathway_and_sees_progress(pathway, priya):
    client = signed_in(priya)
    soup = soup_of(client.get(pathway.url))
    assert soup.select_one(f"form[action='{start_url(pathway)}'] button").get_text(strip=True) == "Start this pathway"

    response = client.post(start_url(pathway))
    assert response.status_code == 302
    assert response["Location"].startswith(pathway.url)
    assert PathwayEnrolment.objects.filter(user=priya, pathway=pathway).count() == 1

    soup = soup_of(client.get(pathway.url))
    assert "0 of 3 steps done" in text_of(soup.select_one("#progress"))
    bar = soup.select_one("#progress progress")
    assert bar["max"] == "3"
    assert bar["value"] == "0"
    assert bar["aria-labelledby"] == "progress-label"
    assert [text_of(tag) for tag in soup.select(".cop-step .ds_tag")] == ["Not done yet"] * 3

    client.post(start_url(pathway))  # starting again is harmless
    assert PathwayEnrolment.objects.filter(user=priya, pathway=pathway).count() == 1


def test_marking_steps_done_completes_the_pathway_and_undo_clears_it(pathway, step_ids, priya):
    client = signed_in(priya)
    client.post(start_url(pathway))

    response = client.post(done_url(pathway, step_ids[0]), {"done": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"{pathway.url}#step-{step_ids[0]}"
    soup = soup_of(client.get(pathway.url))
    assert "1 of 3 steps done" in text_of(soup.select_one("#progress"))
    first = soup.select_one(f"#step-{step_ids[0]}")
    assert text_of(first.select_one(".ds_tag")) == "Done"
    assert first.find("button", string="Mark step 1 as not done")

    for step_id in step_ids[1:]:
        client.post(done_url(pathway, step_id), {"done": "yes"})
    enrolment = PathwayEnrolment.objects.get(user=priya, pathway=pathway)
    assert enrolment.completed is not None
    soup = soup_of(client.get(pathway.url))
    progress = text_of(soup.select_one("#progress"))
    assert "3 of 3 steps done" in progress
    assert f"You completed this pathway on {enrolment.completed:%-d %B %Y}" in progress

    client.post(done_url(pathway, step_ids[1]), {"done": "no"})
    enrolment.refresh_from_db()
    assert enrolment.completed is None
    soup = soup_of(client.get(pathway.url))
    assert "2 of 3 steps done" in text_of(soup.select_one("#progress"))
    assert "You completed" not in text_of(soup)


def test_marking_a_step_done_starts_the_pathway_if_needed(pathway, step_ids, priya):
    signed_in(priya).post(done_url(pathway, step_ids[2]), {"done": "yes"})
    progress = pathways.progress_for(priya, pathway)
    assert (progress.n_done, progress.n_total, progress.percent) == (1, 3, 33)
    assert [step.done for step in progress.steps] == [False, False, True]
    assert progress.next_step_title == "Running a safe dialogue"


def test_completion_counts_only_current_steps(pathway, step_ids, priya):
    for step_id in step_ids:
        pathways.mark_done(priya, pathway, step_id)
    assert PathwayEnrolment.objects.get(user=priya).completed
    # An editor adds a step: marking any step again re-checks against what the pathway has now.
    pathway.steps.append(("step", {"page": GuideFactory(), "why": "New.", "reflection_prompt": "New?"}))
    pathway.save_revision().publish()
    pathway.refresh_from_db()
    progress = pathways.mark_done(priya, pathway, step_ids[0])
    assert (progress.n_done, progress.n_total, progress.completed) == (3, 4, None)


def test_a_step_added_after_completion_shows_the_pathway_in_progress_again(pathway, step_ids, priya):
    """Until the member marks anything, My learning and the pathway page follow the steps it has now."""
    from mylearning.overview import my_learning

    for step_id in step_ids:
        pathways.mark_done(priya, pathway, step_id)
    pathway.steps.append(
        ("step", {"page": GuideFactory(title="Closing the loop"), "why": "New.", "reflection_prompt": "?"})
    )
    pathway.save_revision().publish()
    pathway.refresh_from_db()

    learning = my_learning(priya)
    assert learning.completed == []
    assert [(item.title, item.done, item.total) for item in learning.in_progress] == [(pathway.title, 3, 4)]
    progress = text_of(soup_of(signed_in(priya).get(pathway.url)).select_one("#progress"))
    assert "3 of 4 steps done" in progress
    assert "You completed" not in progress
    assert "Next: step 4, Closing the loop" in progress


def test_bad_done_value_changes_nothing(pathway, step_ids, priya):
    client = signed_in(priya)
    client.post(start_url(pathway))
    for data in ({}, {"done": "maybe"}, {"done": ["yes", "<script>"]}):
        soup = soup_of(client.post(done_url(pathway, step_ids[0]), data), status=400)
        assert "Choose done or not done." in text_of(soup.select_one(".ds_error-summary"))
    assert not StepProgress.objects.filter(done__isnull=False).exists()


# --- reflections -------------------------------------------------------------------------------------
def test_reflection_form_shows_the_step_prompt_and_four_labelled_parts(pathway, step_ids, priya):
    client = signed_in(priya)
    soup = soup_of(client.get(step_url(pathway, step_ids[0])))
    assert text_of(soup.h1) == "Your reflection on Running a safe dialogue"
    assert "What did Running a safe dialogue teach you?" in text_of(soup.select_one(".cop-reflection"))
    labels = [text_of(label) for label in soup.select("form label")]
    assert labels == ["Plan", "Act", "Observe", "Reflect"]
    for name in ("plan", "act", "observe", "reflect"):
        textarea = soup.select_one(f"textarea#reflection-{name}")
        assert textarea["name"] == name
        assert soup.select_one(f"#{textarea['aria-describedby']}").get_text(strip=True)


def test_member_saves_a_private_reflection_and_sees_it_again(pathway, step_ids, priya):
    client = signed_in(priya)
    response = client.post(reflection_url(pathway, step_ids[0]), REFLECTION)
    assert response.status_code == 302
    assert response["Location"] == f"{pathway.url}#step-{step_ids[0]}"
    row = StepProgress.objects.get(enrolment__user=priya, step_id=step_ids[0])
    assert (row.plan, row.act, row.observe, row.reflect) == tuple(REFLECTION.values())
    assert row.done is None  # a reflection does not mark the step done

    soup = soup_of(client.get(step_url(pathway, step_ids[0])))
    assert soup.select_one("textarea#reflection-observe").get_text() == REFLECTION["observe"]
    soup = soup_of(client.get(pathway.url))
    assert soup.select_one(f"#step-{step_ids[0]}").find("a", string="Edit your reflection on step 1")
    assert soup.select_one(f"#step-{step_ids[1]}").find("a", string="Write your reflection on step 2")


def test_nobody_else_sees_or_changes_a_reflection(pathway, step_ids, priya, fraser):
    signed_in(priya).post(reflection_url(pathway, step_ids[0]), REFLECTION)
    other = signed_in(fraser)

    # Fraser's own page and form are his: empty, never Priya's words.
    for url in (pathway.url, step_url(pathway, step_ids[0])):
        page = soup_of(other.get(url))
        assert REFLECTION["observe"] not in str(page)
    assert REFLECTION["observe"] not in Client().get(pathway.url).content.decode()

    # Writing his own reflection on the same step leaves Priya's untouched.
    other.post(reflection_url(pathway, step_ids[0]), {"plan": "Mine", "act": "", "observe": "", "reflect": ""})
    assert StepProgress.objects.get(enrolment__user=priya).plan == REFLECTION["plan"]
    assert StepProgress.objects.get(enrolment__user=fraser).plan == "Mine"


def test_too_long_reflection_is_refused_and_nothing_changes(pathway, step_ids, priya):
    client = signed_in(priya)
    client.post(reflection_url(pathway, step_ids[0]), REFLECTION)
    too_long = {**REFLECTION, "plan": "Changed", "act": "x" * (REFLECTION_MAX_LENGTH + 1)}
    soup = soup_of(client.post(reflection_url(pathway, step_ids[0]), too_long), status=400)
    summary = text_of(soup.select_one(".ds_error-summary"))
    assert "Your reflection was not saved" in summary
    assert f"Act must be {REFLECTION_MAX_LENGTH:,} characters or fewer (it has {len(too_long['act']):,})" in summary
    assert soup.select_one(".ds_error-summary a")["href"] == "#reflection-act"
    assert soup.select_one("textarea#reflection-act")["aria-invalid"] == "true"
    assert soup.select_one("textarea#reflection-plan").get_text() == "Changed"  # what they typed is kept
    row = StepProgress.objects.get(enrolment__user=priya)
    assert row.plan == REFLECTION["plan"]
    assert row.act == REFLECTION["act"]


def test_a_reflection_part_of_exactly_the_maximum_is_saved(pathway, step_ids, priya):
    longest = {**REFLECTION, "reflect": "r" * REFLECTION_MAX_LENGTH}
    assert signed_in(priya).post(reflection_url(pathway, step_ids[0]), longest).status_code == 302
    assert len(StepProgress.objects.get(enrolment__user=priya).reflect) == REFLECTION_MAX_LENGTH


def test_a_null_character_in_a_reflection_is_refused_and_nothing_changes(pathway, step_ids, priya):
    """PostgreSQL cannot store one: refusing it is the clear error a member gets instead of a 500."""
    client = signed_in(priya)
    client.post(reflection_url(pathway, step_ids[0]), REFLECTION)
    tampered = {**REFLECTION, "plan": "Changed", "observe": "Two spoke\x00 up"}
    soup = soup_of(client.post(reflection_url(pathway, step_ids[0]), tampered), status=400)
    assert "Observe: it held a character that cannot be saved" in text_of(soup.select_one(".ds_error-summary"))
    assert soup.select_one("textarea#reflection-observe").get_text() == "Two spoke up"  # ready to save again
    row = StepProgress.objects.get(enrolment__user=priya)
    assert (row.plan, row.observe) == (REFLECTION["plan"], REFLECTION["observe"])


def test_odd_reflection_input_is_handled(pathway, step_ids, priya):
    client = signed_in(priya)
    response = client.post(reflection_url(pathway, step_ids[0]), {"plan": ["one", "two"], "extra": "ignored"})
    assert response.status_code == 302
    assert StepProgress.objects.get(enrolment__user=priya).plan == "two"


# --- what is not there ------------------------------------------------------------------------------
def test_unknown_step_or_pathway_is_404_and_creates_nothing(pathway, step_ids, priya):
    client = signed_in(priya)
    for response in (
        client.get(step_url(pathway, "not-a-step")),
        client.post(done_url(pathway, "not-a-step"), {"done": "yes"}),
        client.post(reflection_url(pathway, "not-a-step"), REFLECTION),
        client.post(start_url(pathway).replace(str(pathway.pk), "999999")),
        client.post(f"/pathways/progress/{GuideFactory().pk}/start/"),  # a page, but not a pathway
    ):
        assert response.status_code == 404
    assert not PathwayEnrolment.objects.exists()
    assert not StepProgress.objects.exists()


def test_draft_and_restricted_pathways_are_404(priya):
    draft = make_pathway(live=False)
    restricted = PathwayFactory(title="Private route", steps=steps_through(GuideFactory(), GuideFactory()))
    restrict_view(restricted, "login")
    client = signed_in(priya)
    for page in (draft, restricted):
        step_id = page.get_latest_revision_as_object().steps[0].id
        for response in (
            client.post(start_url(page)),
            client.post(done_url(page, step_id), {"done": "yes"}),
            client.post(reflection_url(page, step_id), REFLECTION),
            client.get(step_url(page, step_id)),
        ):
            assert response.status_code == 404
    assert not PathwayEnrolment.objects.exists()
    assert pathways.pathways_in_progress(priya) == []


# --- the rules of HTTP -------------------------------------------------------------------------------
def test_anonymous_visitors_are_sent_to_sign_in(client, pathway, step_ids):
    login = reverse("account_login")
    for response in (
        client.post(start_url(pathway)),
        client.post(done_url(pathway, step_ids[0]), {"done": "yes"}),
        client.post(reflection_url(pathway, step_ids[0]), REFLECTION),
        client.get(step_url(pathway, step_ids[0])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    assert not PathwayEnrolment.objects.exists()


def test_a_reflection_sent_after_the_session_ran_out_is_on_the_form_after_signing_in(pathway, step_ids, priya):
    """Nothing a member wrote is lost: signed out while writing, they sign in and find their text waiting."""
    client = Client()  # the session ran out: the form posts as a visitor
    response = client.post(reflection_url(pathway, step_ids[1]), {**REFLECTION, "observe": "Quiet\x00 voices spoke"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={step_url(pathway, step_ids[1])}"
    assert not StepProgress.objects.exists()  # nothing saved while signed out

    client.login(username="priya", password="pass-2026-word")  # signing in keeps the session's contents
    soup = soup_of(client.get(step_url(pathway, step_ids[1])))
    assert "Your reflection is not saved yet" in text_of(soup.select_one("[role=status]"))
    assert soup.select_one("textarea#reflection-plan").get_text() == REFLECTION["plan"]
    assert soup.select_one("textarea#reflection-observe").get_text() == "Quiet voices spoke"
    assert not StepProgress.objects.exists()  # saving is still theirs to do

    again = soup_of(client.get(step_url(pathway, step_ids[1])))  # shown once, then the form is as saved
    assert again.select_one("[role=status]") is None
    assert again.select_one("textarea#reflection-plan").get_text() == ""


def test_changes_need_a_csrf_token(pathway, step_ids, priya):
    client = signed_in(priya, csrf=True)
    assert client.post(start_url(pathway)).status_code == 403
    assert client.post(done_url(pathway, step_ids[0]), {"done": "yes"}).status_code == 403
    assert client.post(reflection_url(pathway, step_ids[0]), REFLECTION).status_code == 403
    assert not PathwayEnrolment.objects.exists()

    # The page's own forms carry the token.
    soup = soup_of(client.get(pathway.url))
    token = soup.select_one(f"form[action='{start_url(pathway)}'] input[name=csrfmiddlewaretoken]")["value"]
    assert client.post(start_url(pathway), {"csrfmiddlewaretoken": token}).status_code == 302
    assert PathwayEnrolment.objects.filter(user=priya).exists()


def test_get_on_change_endpoints_is_405(pathway, step_ids, priya):
    client = signed_in(priya)
    assert client.get(start_url(pathway)).status_code == 405
    assert client.get(done_url(pathway, step_ids[0])).status_code == 405
    assert client.get(reflection_url(pathway, step_ids[0])).status_code == 405
    assert client.post(step_url(pathway, step_ids[0]), REFLECTION).status_code == 405
    assert not PathwayEnrolment.objects.exists()


# --- My learning's view of pathways ----------------------------------------------------------------
def test_pathways_in_progress_and_completed_for_my_learning(pathway, step_ids, priya, fraser):
    other = make_pathway(title="Evidence use")
    pathways.start(priya, other)
    pathways.mark_done(priya, pathway, step_ids[0])

    in_progress = pathways.pathways_in_progress(priya)
    assert {item.title for item in in_progress} == {"Facilitation basics", "Evidence use"}
    item = next(item for item in in_progress if item.pathway == pathway)
    assert (item.url, item.done, item.total, item.percent) == (pathway.url, 1, 3, 33)
    assert item.started
    assert item.completed is None
    assert item.next_step_title == "Lochside redesign"
    assert pathways.completed_pathways(priya) == []
    assert pathways.pathways_in_progress(fraser) == []

    for step_id in step_ids[1:]:
        pathways.mark_done(priya, pathway, step_id)
    assert [item.title for item in pathways.pathways_in_progress(priya)] == ["Evidence use"]
    (done,) = pathways.completed_pathways(priya)
    assert done.pathway == pathway
    assert done.completed
    assert done.percent == 100
    assert done.next_step_title == ""

    pathway.unpublish()  # a pathway taken down leaves My learning
    assert pathways.completed_pathways(priya) == []
