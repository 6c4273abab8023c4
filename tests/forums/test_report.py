"""Reporting from the page: every post, reply and comment a member may report offers "Report" beside it.

The disclosure posts to the flag form (forums/moderation_views.py) without JavaScript and comes back to
the post; the rule for who may report what is forums.moderation's (flag_refusal), asked once per page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import moderation, services
from forums.models import Flag, QueueEntry
from tests.factories import CaseStudyFactory, CommunityFactory, UserFactory, member_of, site_moderator
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Community planning", slug="community-planning")


@pytest.fixture
def people(community):
    members = {name: UserFactory(username=name, first_name=name.title()) for name in ("priya", "ailsa", "bruce")}
    for member in members.values():
        member_of(community, member)
    return members


@pytest.fixture
def thread(community, people):
    thread = services.start_thread(community, people["priya"], "Locality plans", "Our plan was written in a week.")
    services.post_reply(thread, people["bruce"], "Ours took a year.", parent=thread.posts.get())
    return thread


def report_controls(response):
    """{post id: the post's Report disclosure, or the text "Reported", or None} as the page shows them."""
    controls = {}
    for article in soup_of(response).select("article[data-post]"):
        actions = article.find(class_="cop-post__actions", recursive=False)
        reported = actions.find(attrs={"data-reported": True})
        controls[int(article["data-post-id"])] = (
            actions.find("details", attrs={"data-report": True}) or (reported and text_of(reported)) or None
        )
    return controls


def test_a_member_may_report_others_posts_from_the_thread_page_but_not_their_own(thread, people):
    opening, reply = thread.posts.order_by("pk")
    controls = report_controls(signed_in(people["bruce"]).get(thread.get_absolute_url()))
    assert controls[reply.pk] is None  # Bruce wrote the reply
    details = controls[opening.pk]
    assert text_of(details.find("summary")) == "Report Priya’s post"
    form = details.find("form")
    assert form["action"] == reverse("flag_post", args=[opening.pk])
    assert form.find("input", attrs={"name": "next"})["value"] == opening.get_absolute_url()
    radios = form.find("fieldset").find_all("input", attrs={"type": "radio", "name": "reason"})
    assert [radio["value"] for radio in radios] == list(Flag.Reason.values)
    for radio in radios:  # each reason is labelled, and ids are unique to the post
        assert form.find("label", attrs={"for": radio["id"]})
        assert radio["id"].startswith(f"report-post-{opening.pk}-")
    assert form.find("textarea", attrs={"name": "note"})
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})

    controls = report_controls(signed_in(people["ailsa"]).get(thread.get_absolute_url()))
    assert text_of(controls[reply.pk].find("summary")) == "Report Bruce’s reply"


def test_visitors_see_no_report(client, thread):
    assert set(report_controls(client.get(thread.get_absolute_url())).values()) == {None}


def test_reporting_from_the_page_comes_back_to_the_post_which_then_says_reported(thread, people):
    opening = thread.posts.order_by("pk").first()
    ailsa = signed_in(people["ailsa"], csrf=True)
    page = soup_of(ailsa.get(thread.get_absolute_url()))
    form = page.find(id=opening.get_absolute_url().split("#")[1]).find("form", attrs={"data-report-form": True})
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"type": "hidden"})}
    response = ailsa.post(form["action"], {**fields, "reason": "off_topic", "note": "Not about locality plans"})
    assert response.status_code == 302
    assert response["Location"] == opening.get_absolute_url()

    flag = Flag.objects.get()
    assert (flag.post, flag.flagged_by, flag.reason, flag.note) == (
        opening,
        people["ailsa"],
        "off_topic",
        "Not about locality plans",
    )
    assert QueueEntry.objects.get(post=opening).is_open
    after = ailsa.get(response["Location"])
    assert "Thank you: the moderators will look at this post." in text_of(soup_of(after).find(class_="cop-messages"))
    assert report_controls(after)[opening.pk] == "Reported: you reported this post to the moderators"


def test_a_suspended_member_is_offered_no_report(thread, people):
    moderation.suspend(people["ailsa"], site_moderator(username="morag"), "Cooling off", days=1)
    assert set(report_controls(signed_in(people["ailsa"]).get(thread.get_absolute_url())).values()) == {None}


def test_hidden_posts_offer_no_report_to_their_author_or_moderators(thread, people):
    opening = thread.posts.order_by("pk").first()
    morag = site_moderator(username="morag")
    moderation.hide_post(opening, morag, "Names a family")
    assert report_controls(signed_in(morag).get(thread.get_absolute_url()))[opening.pk] is None


def test_comments_under_a_page_offer_report_too(people):
    case = CaseStudyFactory(title="Lochside redesign")
    comment = services.post_reply(services.comment_thread_for(case), people["priya"], "We began in Fife.")
    details = report_controls(signed_in(people["ailsa"]).get(case.url))[comment.pk]
    assert text_of(details.find("summary")) == "Report Priya’s comment"
    assert details.find("input", attrs={"name": "next"})["value"] == f"{case.url}#comment-{comment.pk}"


def test_the_report_control_costs_the_same_queries_however_many_posts(community, thread, people):
    ailsa = signed_in(people["ailsa"])
    ailsa.get(thread.get_absolute_url())  # warm: sessions, site root
    with CaptureQueriesContext(connection) as few:
        ailsa.get(thread.get_absolute_url())
    for n in range(5):
        someone = UserFactory(username=f"someone{n}")
        member_of(community, someone)
        services.post_reply(thread, someone, f"Reply {n}")
    with CaptureQueriesContext(connection) as many:
        ailsa.get(thread.get_absolute_url())
    assert len(many) <= len(few) + 2, [q["sql"] for q in many.captured_queries]
