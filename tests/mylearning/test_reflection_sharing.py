"""Sharing a pathway reflection to a community thread: only its author, only where they may post."""

import pytest
from django.test import Client
from django.urls import reverse

from forums.models import Thread
from mylearning import pathways
from mylearning.models import StepProgress
from tests.factories import CommunityFactory, GuideFactory, PathwayFactory, UserFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


REFLECTION = {
    "plan": "Open the meeting with a round.",
    "act": "Everyone spoke once before discussion.",
    "observe": "Frontline staff spoke first for once.",
    "reflect": "Send the question a day ahead next time.",
}


@pytest.fixture
def priya():
    return UserFactory(username="priya")


@pytest.fixture
def pathway():
    guides = [GuideFactory(title="Running a safe dialogue"), GuideFactory(title="Listening rounds")]
    steps = [("step", {"page": g, "why": "Why.", "reflection_prompt": "What changed?"}) for g in guides]
    return PathwayFactory(title="Facilitation basics", steps=steps)


@pytest.fixture
def reflection(pathway, priya):
    return pathways.save_reflection(priya, pathway, pathway.steps[0].id, REFLECTION)


@pytest.fixture
def planning(priya):
    community = CommunityFactory(name="Community planning practitioners", slug="planning")
    member_of(community, priya)
    return community


def share_url(row):
    return reverse("pathways:share_reflection", args=[row.pk])


def test_form_offers_only_communities_the_author_may_post_in_and_is_prefilled(reflection, planning, priya):
    CommunityFactory(name="Not joined", slug="not-joined")
    pending = CommunityFactory(name="Asked to join", slug="asked", visibility="restricted")
    member_of(pending, priya, status="pending")

    soup = soup_of(signed_in(priya).get(share_url(reflection)))
    options = [text_of(option) for option in soup.select("select#share-community option") if option["value"]]
    assert options == ["Community planning practitioners"]
    assert soup.select_one("#share-title")["value"] == "Reflection on Running a safe dialogue (Facilitation basics)"
    body = soup.select_one("textarea#share-body").get_text()
    for heading in ("**Plan**", "**Act**", "**Observe**", "**Reflect**"):
        assert heading in body
    assert REFLECTION["observe"] in body


def test_author_shares_and_a_thread_holds_the_reflection(reflection, planning, priya, pathway):
    client = signed_in(priya)
    response = client.post(
        share_url(reflection),
        {
            "community": planning.pk,
            "title": "What a round did for us",
            "body": pathways.reflection_markdown(reflection),
        },
    )
    thread = Thread.objects.get(community=planning)
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert thread.title == "What a round did for us"
    assert thread.author == priya
    post = thread.posts.get()
    assert REFLECTION["observe"] in post.body_source
    assert "<p><strong>Observe</strong></p>" in post.body_html  # rendered by forums' Markdown, like any post

    reflection.refresh_from_db()
    assert reflection.shared_url == thread.get_absolute_url()
    assert reflection.shared is not None
    # The thread is readable in its community, and the pathway says where the reflection went.
    assert REFLECTION["observe"] in text_of(soup_of(client.get(thread.get_absolute_url())))
    step = soup_of(client.get(pathway.url)).select_one(f"#step-{reflection.step_id}")
    link = step.find("a", string="Community planning practitioners")
    assert "Shared to Community planning practitioners" in text_of(step)
    assert link["href"] == thread.get_absolute_url()


def test_edited_text_is_what_is_posted(reflection, planning, priya):
    signed_in(priya).post(share_url(reflection), {"community": planning.pk, "title": "Edited", "body": "Just this."})
    assert Thread.objects.get(community=planning).posts.get().body_source == "Just this."
    reflection.refresh_from_db()
    assert reflection.plan == REFLECTION["plan"]  # the private reflection itself is unchanged


def test_a_community_the_author_is_not_in_is_refused(reflection, planning, priya):
    outsider = CommunityFactory(name="Frontline voices", slug="frontline", visibility="private")
    soup = soup_of(
        signed_in(priya).post(share_url(reflection), {"community": outsider.pk, "title": "Mine", "body": "Text"}),
        status=400,
    )
    assert "Choose one of the communities you can post in." in text_of(soup.select_one(".ds_error-summary"))
    assert not Thread.objects.exists()
    reflection.refresh_from_db()
    assert reflection.shared_url == ""


def test_bad_input_is_refused_with_the_reason_and_nothing_posted(reflection, planning, priya):
    client = signed_in(priya)
    for data, message in (
        ({"title": "T", "body": "B"}, "Choose the community"),
        ({"community": "abc", "title": "T", "body": "B"}, "Choose one of the communities"),
        ({"community": planning.pk, "title": " ", "body": "B"}, "Give the thread a title."),
        ({"community": planning.pk, "title": "T", "body": ""}, "Write something before posting."),
    ):
        soup = soup_of(client.post(share_url(reflection), data), status=400)
        assert message in text_of(soup.select_one(".ds_error-summary"))
    assert not Thread.objects.exists()


def test_a_member_of_no_community_is_told_how_to_join(reflection, priya):
    soup = soup_of(signed_in(priya).get(share_url(reflection)))
    assert "not a member of any community you can post in" in text_of(soup)
    assert not soup.select("form[action*='/share/']")


def test_another_member_gets_404_everywhere_for_someone_elses_reflection(reflection, planning, pathway, priya):
    fraser = UserFactory(username="fraser")
    member_of(planning, fraser)
    client = signed_in(fraser)
    assert client.get(share_url(reflection)).status_code == 404
    response = client.post(share_url(reflection), {"community": planning.pk, "title": "Stolen", "body": "Stolen"})
    assert response.status_code == 404
    assert client.get(reverse("pathways:share_reflection", args=[999999])).status_code == 404
    assert not Thread.objects.exists()
    # His own pages for the same step never show Priya's words.
    step_id = reflection.step_id
    for url in (pathway.url, reverse("pathways:step", args=[pathway.pk, step_id])):
        assert REFLECTION["observe"] not in client.get(url).content.decode()
    assert StepProgress.objects.get(pk=reflection.pk).plan == REFLECTION["plan"]


def test_sharing_needs_sign_in_and_a_csrf_token(reflection, planning, priya):
    response = Client().get(share_url(reflection))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    data = {"community": planning.pk, "title": "T", "body": "B"}
    assert signed_in(priya, csrf=True).post(share_url(reflection), data).status_code == 403
    assert not Thread.objects.exists()


def test_a_reflection_on_a_pathway_taken_down_cannot_be_shared(reflection, planning, pathway, priya):
    pathway.unpublish()
    assert signed_in(priya).get(share_url(reflection)).status_code == 404


def test_posting_twice_in_a_row_makes_one_thread(reflection, planning, priya):
    client = signed_in(priya)
    form = {"community": planning.pk, "title": "What a round did for us", "body": "It helped."}
    first = client.post(share_url(reflection), form)
    again = client.post(share_url(reflection), form)
    thread = Thread.objects.get(community=planning)
    assert first["Location"] == again["Location"] == thread.get_absolute_url()


def test_a_reflection_longer_than_a_post_is_flagged_before_posting(pathway, planning, priya):
    long = {part: "word " * 790 for part in REFLECTION}  # 4 x 3,950 characters: more than a 10,000 post
    row = pathways.save_reflection(priya, pathway, pathway.steps[0].id, long)
    soup = soup_of(signed_in(priya).get(share_url(row)))
    warning = soup.select_one("#share-body-length")
    assert "longer than a post can be (10,000)" in text_of(warning)
    assert "share-body-length" in soup.select_one("textarea#share-body")["aria-describedby"]
    other = pathways.save_reflection(priya, pathway, pathway.steps[1].id, REFLECTION)
    short = soup_of(signed_in(priya).get(share_url(other)))
    assert short.select_one("#share-body-length") is None
