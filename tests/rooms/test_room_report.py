"""Reporting a room message: Report under every message a member may report, once each, to the room's moderators.

A report is a row of the moderation log (forums.moderation.report_message, the same rule as for posts:
report_refusal) that the community's moderators see in the moderation queue, with a link to the message.
"""

import pytest
from django.urls import reverse

from forums.models import ModerationAction, Notification
from rooms import messages as room_messages
from rooms.models import RoomMessage
from tests.factories import CommunityFactory, MemberFactory, RoomFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    community = CommunityFactory(name="Co-production in practice", slug="coproduction", visibility="open")
    return RoomFactory(
        community=community, slug="what-gets-in-the-way", title="What gets in the way?", allow_anonymous=True
    )


@pytest.fixture
def people(room):
    people = {name: MemberFactory(username=name) for name in ("priya", "fraser", "morven", "otto")}
    for name in ("priya", "fraser"):
        member_of(room.community, people[name])
    member_of(room.community, people["morven"], role="moderator")
    member_of(CommunityFactory(slug="elsewhere"), people["otto"], role="moderator")
    return people


@pytest.fixture
def said(room, people):
    named, _ = room_messages.send_message(room, people["priya"], "Budgets are set before we ask anyone.", "c-1")
    anonymous, _ = room_messages.send_message(room, people["priya"], "My manager never listens.", "c-2", anonymous=True)
    return named, anonymous


def item(response, message):
    return soup_of(response).find(id=f"message-{message.pk}")


def test_a_member_reports_a_message_once_and_the_moderators_see_it_in_the_queue(room, people, said):
    named, anonymous = said
    fraser = signed_in(people["fraser"], csrf=True)
    details = item(fraser.get(room.get_absolute_url()), anonymous).find("details", attrs={"data-report": True})
    assert text_of(details.find("summary")) == "Report Anonymous’s message"
    form = details.find("form")
    assert form["action"] == reverse("rooms:report", args=[room.slug, anonymous.pk])
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]

    response = fraser.post(form["action"], {"csrfmiddlewaretoken": token, "reason": "abuse", "note": "Names a manager"})
    assert response["Location"] == f"{room.get_absolute_url()}#message-{anonymous.pk}"
    report = ModerationAction.objects.get(action="report_message")
    assert (report.actor, report.target_id, report.community) == (people["fraser"], anonymous.pk, room.community)
    assert report.reason == "Abusive or disrespectful: Names a manager"
    assert report.target_url == f"{room.get_absolute_url()}#message-{anonymous.pk}"
    assert "My manager never listens" not in report.target_label  # the log names the message, not its words

    page = fraser.get(room.get_absolute_url())
    assert "the community’s moderators will look at this message" in text_of(soup_of(page).find(class_="cop-messages"))
    assert text_of(item(page, anonymous).find(attrs={"data-reported": True})).startswith("Reported")
    assert item(page, named).find("details", attrs={"data-report": True})  # the other one still offers it
    fraser.post(form["action"], {"csrfmiddlewaretoken": token, "reason": "spam"})  # again: refused, counted once
    assert ModerationAction.objects.filter(action="report_message").count() == 1

    queue = soup_of(signed_in(people["morven"]).get(reverse("moderation_queue"))).find(id=f"message-report-{report.pk}")
    assert "Names a manager" in text_of(queue)
    assert queue.find("a")["href"] == report.target_url
    other = soup_of(signed_in(people["otto"]).get(reverse("moderation_queue")))
    assert not other.find(id=f"message-report-{report.pk}")


def test_no_report_on_your_own_messages_or_for_visitors_and_no_reason_is_refused(client, room, people, said):
    named, anonymous = said
    page = signed_in(people["priya"]).get(room.get_absolute_url())
    for message in said:
        assert not item(page, message).find("details", attrs={"data-report": True})
    assert not soup_of(client.get(room.get_absolute_url())).find("details", attrs={"data-report": True})
    url = reverse("rooms:report", args=[room.slug, named.pk])
    signed_in(people["priya"]).post(url, {"reason": "spam"})  # her own
    signed_in(people["fraser"]).post(url, {"reason": "because"})
    client.post(url, {"reason": "spam"})
    assert not ModerationAction.objects.filter(action="report_message").exists()


def test_a_removed_message_cannot_be_reported(room, people, said):
    named, _ = said
    room_messages.moderate(room, people["morven"], "remove", named.pk)
    signed_in(people["fraser"]).post(reverse("rooms:report", args=[room.slug, named.pk]), {"reason": "spam"})
    assert not ModerationAction.objects.filter(action="report_message").exists()


def test_the_page_carries_the_control_for_messages_that_arrive_live(room, people, said):
    template = soup_of(signed_in(people["fraser"]).get(room.get_absolute_url())).find(
        "template", attrs={"data-report-template": True}
    )
    assert template.find("form")["action"] == reverse("rooms:report", args=[room.slug, 0])


def test_three_members_reports_take_a_message_out_until_a_moderator_puts_it_back(room, people, said):
    """As with posts: three different reporters hide it, the author is told, the log says so, and the
    community's moderator puts it back from the moderation queue."""
    named, _ = said
    reporters = [people["fraser"], MemberFactory(username="ailsa"), MemberFactory(username="bruce")]
    for reporter in reporters[1:]:
        member_of(room.community, reporter)
    for reporter in reporters[:2]:
        room_messages.report(room, reporter, named.pk, "abuse")
    assert not RoomMessage.objects.get(pk=named.pk).removed  # two are not enough
    room_messages.report(room, reporters[2], named.pk, "off_topic")
    assert RoomMessage.objects.get(pk=named.pk).removed
    assert ModerationAction.objects.filter(action="auto_hide", target_id=named.pk, actor=None).count() == 1
    told = Notification.objects.get(recipient=people["priya"], kind="moderation")
    assert "3 members reported it" in told.text

    queue = soup_of(signed_in(people["morven"]).get(reverse("moderation_queue")))
    form = queue.find("form", action=reverse("rooms:restore_message", args=[room.slug, named.pk]))
    assert form is not None
    signed_in(people["fraser"]).post(form["action"])  # a member cannot put it back
    assert RoomMessage.objects.get(pk=named.pk).removed
    response = signed_in(people["morven"]).post(form["action"], {"next": reverse("moderation_queue")}, follow=True)
    assert "The message is back in the room" in text_of(soup_of(response))
    assert not RoomMessage.objects.get(pk=named.pk).removed
