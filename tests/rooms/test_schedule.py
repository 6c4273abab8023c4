"""Scheduled sessions as stories: a facilitator schedules one, members see it where they may, ask to be
reminded, and are reminded once, in time, while they may still see it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cop_site.errors import DomainError
from forums.models import Notification, Suspension
from rooms import schedule
from rooms.models import ScheduledSession, SessionReminder
from tests.factories import CommunityFactory, MemberFactory, RoomFactory, ScheduledSessionFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db

FORMAT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def community():
    return CommunityFactory(name="Co-production in practice", slug="coproduction", visibility="open")


@pytest.fixture
def room(community):
    return RoomFactory(community=community, slug="what-gets-in-the-way", title="What gets in the way?")


@pytest.fixture
def fiona(community):
    user = MemberFactory(username="fiona", profile__display_name="Fiona Facilitator")
    member_of(community, user, role="facilitator")
    return user


@pytest.fixture
def fraser(community):
    user = MemberFactory(username="fraser", profile__display_name="Fraser Frontline")
    member_of(community, user)
    return user


@pytest.fixture
def private_room():
    community = CommunityFactory(name="Directors", slug="directors", visibility="private")
    return RoomFactory(community=community, slug="directors-room", title="Directors only")


def local(when):
    return timezone.localtime(when).strftime(FORMAT)


def form_for(starts_at, minutes=90, topic="Listening to frontline staff", **extra):
    return {
        "topic": topic,
        "starts_at": local(starts_at),
        "ends_at": local(starts_at + timedelta(minutes=minutes)),
    } | extra


def next_week():
    return (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)


# --- what a session may be ----------------------------------------------------------------------------
def test_a_session_must_end_after_it_starts_start_in_the_future_and_last_at_most_eight_hours():
    now = timezone.now()
    assert schedule.problems(now + timedelta(hours=1), now + timedelta(hours=2), "Topic") == {}
    assert "starts_at" in schedule.problems(now - timedelta(minutes=1), now + timedelta(hours=1), "Topic")
    assert "ends_at" in schedule.problems(now + timedelta(hours=2), now + timedelta(hours=1), "Topic")
    assert "ends_at" in schedule.problems(now + timedelta(hours=1), now + timedelta(hours=10), "Topic")
    assert "starts_at" in schedule.problems(now + timedelta(days=400), now + timedelta(days=400, hours=1), "Topic")
    assert "topic" in schedule.problems(now + timedelta(hours=1), now + timedelta(hours=2), "  ")


def test_the_database_refuses_a_session_that_ends_before_it_starts(room):
    start = next_week()
    with pytest.raises(IntegrityError):
        ScheduledSession.objects.create(room=room, starts_at=start, ends_at=start - timedelta(hours=1), topic="x")


def test_only_the_rooms_facilitators_schedule_sessions(room, fiona, fraser):
    start = next_week()
    session = schedule.schedule_session(
        room, fiona, starts_at=start, ends_at=start + timedelta(hours=1), topic=" Topic ", facilitator=fiona
    )
    assert (session.topic, session.facilitator, session.created_by) == ("Topic", fiona, fiona)
    with pytest.raises(DomainError) as refused:
        schedule.schedule_session(room, fraser, starts_at=start, ends_at=start + timedelta(hours=1), topic="Mine")
    assert refused.value.status == 403
    with pytest.raises(DomainError) as invalid:
        schedule.schedule_session(
            room, fiona, starts_at=start, ends_at=start + timedelta(hours=1), topic="x", facilitator=fraser
        )
    assert invalid.value.fields == {"facilitator": "Choose one of the community's facilitators"}


# --- the room page: the facilitator's form --------------------------------------------------------
def test_the_facilitator_schedules_a_session_from_the_room_page(room, fiona):
    start = next_week()
    client = signed_in(fiona)
    page = soup_of(client.get(room.get_absolute_url()))
    form = page.select_one("[data-schedule-form]")
    for name in ("topic", "starts_at", "ends_at", "facilitator"):
        control = form.select_one(f"[name={name}]")
        assert page.select_one(f"label[for={control['id']}]"), name
    response = client.post(reverse("rooms:schedule_session", args=[room.slug]), form_for(start, facilitator=fiona.pk))
    session = ScheduledSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url()
    assert (session.starts_at, session.ends_at - session.starts_at, session.facilitator) == (
        start,
        timedelta(minutes=90),
        fiona,
    )
    item = soup_of(client.get(room.get_absolute_url())).select_one(f"#session-{session.pk}")
    assert "Listening to frontline staff" in text_of(item)
    assert "Fiona Facilitator" in text_of(item)


def test_a_session_that_needs_fixing_keeps_what_was_typed_and_says_what_to_fix(room, fiona):
    start = next_week()
    client = signed_in(fiona)
    response = client.post(
        reverse("rooms:schedule_session", args=[room.slug]),
        form_for(start, minutes=-30, topic="Keep this topic"),
    )
    page = soup_of(response, 400)
    assert page.title.string.startswith("Error:")
    summary = text_of(page.select_one(".ds_error-summary"))
    assert "The end must be after the start" in summary
    assert page.select_one("#session-topic")["value"] == "Keep this topic"
    ends = page.select_one("#session-ends_at")
    assert ends["aria-invalid"] == "true"
    assert "ds_input--error" in ends["class"]
    assert page.select_one("#session-ends_at-error")
    assert not ScheduledSession.objects.exists()

    past = client.post(
        reverse("rooms:schedule_session", args=[room.slug]), form_for(timezone.now() - timedelta(days=1))
    )
    assert "The start must be in the future" in text_of(soup_of(past, 400).select_one(".ds_error-summary"))
    garbled = client.post(reverse("rooms:schedule_session", args=[room.slug]), {"topic": "x", "starts_at": "soon"})
    assert "Enter the start as a date and time" in text_of(soup_of(garbled, 400).select_one(".ds_error-summary"))


def test_a_member_cannot_schedule_and_sees_no_form(room, fraser):
    client = signed_in(fraser)
    assert not soup_of(client.get(room.get_absolute_url())).select_one("[data-schedule-form]")
    response = client.post(reverse("rooms:schedule_session", args=[room.slug]), form_for(next_week()))
    assert response.status_code == 302
    assert not ScheduledSession.objects.exists()


def test_the_facilitator_edits_and_cancels_a_session(room, fiona, fraser):
    session = ScheduledSessionFactory(room=room)
    SessionReminder.objects.create(session=session, member=fraser, remind_before=60, sent_at=timezone.now())
    client = signed_in(fiona)
    edit = reverse("rooms:edit_session", args=[room.slug, session.pk])
    assert soup_of(client.get(edit)).select_one("#session-topic")["value"] == session.topic
    assert signed_in(fraser).get(edit).status_code == 404
    bad = client.post(edit, form_for(session.starts_at, minutes=600, topic="Too long"))
    assert "at most 8 hours" in text_of(soup_of(bad, 400).select_one(".ds_error-summary"))
    later = session.starts_at + timedelta(days=1)
    assert client.post(edit, form_for(later, topic="Moved")).status_code == 302
    session.refresh_from_db()
    assert (session.topic, session.starts_at) == ("Moved", later)
    assert SessionReminder.objects.get().sent_at is None  # moved: reminded again at the new time

    assert signed_in(fraser).post(reverse("rooms:cancel_session", args=[room.slug, session.pk])).status_code == 302
    assert ScheduledSession.objects.exists()
    client.post(reverse("rooms:cancel_session", args=[room.slug, session.pk]))
    assert not ScheduledSession.objects.exists()


# --- who sees it, where -------------------------------------------------------------------------------
def test_upcoming_sessions_follow_the_community_reading_rule(room, fraser, private_room):
    open_session = ScheduledSessionFactory(room=room, topic="Open to all")
    private_session = ScheduledSessionFactory(room=private_room, topic="Directors' session")
    ScheduledSessionFactory(
        room=room,
        topic="Long over",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=1),
    )
    director = MemberFactory(username="dana")
    member_of(private_room.community, director)
    assert list(schedule.upcoming(None)) == [open_session]
    assert list(schedule.upcoming(fraser)) == [open_session]
    assert set(schedule.upcoming(director)) == {open_session, private_session}
    for user, session in ((None, private_session), (fraser, private_session)):
        assert not schedule.visible(session, user)


def test_the_community_page_lists_its_upcoming_sessions(room, community, fraser):
    session = ScheduledSessionFactory(room=room, topic="Open to all")
    page = soup_of(Client().get(community.get_absolute_url()))
    link = page.select_one("#upcoming-sessions").find_parent("section").select_one("a")
    assert text_of(link) == "Open to all"
    assert link["href"] == session.get_absolute_url()


def test_my_learning_lists_the_sessions_of_my_communities(room, fraser):
    ScheduledSessionFactory(room=room, topic="In my community")
    other = RoomFactory(community=CommunityFactory(slug="elsewhere", visibility="open"), slug="elsewhere-room")
    ScheduledSessionFactory(room=other, topic="Somewhere else")
    section = soup_of(signed_in(fraser).get("/my-learning/")).select_one("#upcoming-sessions").find_parent("section")
    assert "In my community" in text_of(section)
    assert "Somewhere else" not in text_of(section)


def test_a_private_communitys_session_is_a_404_to_outsiders(private_room, fraser):
    session = ScheduledSessionFactory(room=private_room)
    for client in (Client(), signed_in(fraser)):
        assert client.get(reverse("rooms:session_calendar", args=[private_room.slug, session.pk])).status_code == 404
        assert client.post(reverse("rooms:remind", args=[private_room.slug, session.pk])).status_code == 404
    member = MemberFactory(username="dana")
    member_of(private_room.community, member)
    assert (
        signed_in(member).get(reverse("rooms:session_calendar", args=[private_room.slug, session.pk])).status_code
        == 200
    )


def test_a_restricted_communitys_session_is_for_its_members(fraser):
    restricted = RoomFactory(community=CommunityFactory(slug="restricted", visibility="restricted"), slug="r-room")
    session = ScheduledSessionFactory(room=restricted, topic="Members only")
    assert (
        signed_in(fraser).get(reverse("rooms:session_calendar", args=[restricted.slug, session.pk])).status_code == 404
    )
    assert "Members only" not in text_of(soup_of(signed_in(fraser).get(restricted.get_absolute_url())))


# --- reminders ----------------------------------------------------------------------------------------------
def test_a_member_asks_to_be_reminded_and_can_stop(room, fraser):
    session = ScheduledSessionFactory(room=room)
    client = signed_in(fraser, csrf=True)
    page = soup_of(client.get(room.get_absolute_url()))
    form = page.select_one(f"#session-{session.pk} form")
    token = form.select_one("[name=csrfmiddlewaretoken]")["value"]
    response = client.post(form["action"], {"remind_before": "15", "csrfmiddlewaretoken": token}, follow=True)
    assert "We will remind you" in text_of(soup_of(response))
    assert SessionReminder.objects.get(member=fraser).remind_before == 15
    assert "reminded 15 minutes before" in text_of(soup_of(response).select_one(f"#session-{session.pk}"))
    assert signed_in(fraser, csrf=True).post(form["action"], {"remind_before": "15"}).status_code == 403  # no token
    client.post(form["action"], {"remind_before": "off", "csrfmiddlewaretoken": token})
    assert not SessionReminder.objects.exists()
    client.post(form["action"], {"remind_before": "7", "csrfmiddlewaretoken": token})
    assert not SessionReminder.objects.exists()


def test_a_reminder_is_sent_once_in_time_in_the_app_and_by_email(room, fraser, django_capture_on_commit_callbacks):
    session = ScheduledSessionFactory(room=room, starts_at=timezone.now() + timedelta(hours=2))
    session.ends_at = session.starts_at + timedelta(hours=1)
    session.save()
    SessionReminder.objects.create(session=session, member=fraser, remind_before=60)
    assert schedule.send_due_reminders() == (0, 0)  # not before its time
    soon = session.starts_at - timedelta(minutes=59)
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule.send_due_reminders(soon) == (1, 0)
        assert schedule.send_due_reminders(soon + timedelta(minutes=5)) == (0, 0)  # once
    notification = Notification.objects.get(recipient=fraser)
    assert notification.kind == Notification.Kind.SESSION_REMINDER
    assert notification.url == session.get_absolute_url()
    assert session.topic in notification.text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [fraser.email]
    assert schedule.send_due_reminders(session.starts_at + timedelta(minutes=1)) == (0, 0)


def test_a_member_who_turned_reminder_emails_off_is_reminded_in_the_app_only(
    room, fraser, django_capture_on_commit_callbacks
):
    fraser.profile.email_on_session_reminder = False
    fraser.profile.save()
    session = ScheduledSessionFactory(room=room)
    SessionReminder.objects.create(session=session, member=fraser, remind_before=1440)
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule.send_due_reminders(session.starts_at - timedelta(hours=2)) == (1, 0)
    assert Notification.objects.filter(recipient=fraser).count() == 1
    assert mail.outbox == []


def test_a_member_who_lost_access_is_not_reminded(private_room):
    member = MemberFactory(username="dana")
    membership = member_of(private_room.community, member)
    session = ScheduledSessionFactory(room=private_room)
    SessionReminder.objects.create(session=session, member=member, remind_before=15)
    membership.delete()
    assert schedule.send_due_reminders(session.starts_at - timedelta(minutes=10)) == (0, 1)
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_command_sends_due_reminders_and_says_what_it_did(room, fraser):
    from io import StringIO

    from django.core.management import call_command

    session = ScheduledSessionFactory(
        room=room, starts_at=timezone.now() + timedelta(minutes=10), ends_at=timezone.now() + timedelta(hours=1)
    )
    SessionReminder.objects.create(session=session, member=fraser, remind_before=15)
    out = StringIO()
    call_command("send_session_reminders", stdout=out)
    assert "1 reminder sent" in out.getvalue()
    assert Notification.objects.filter(recipient=fraser).count() == 1


# --- the member's data ----------------------------------------------------------------------------------
def test_reminders_are_in_the_members_data_and_go_with_the_account(room, fraser, fiona):
    from accounts.data import member_data
    from accounts.deletion import delete_member

    session = ScheduledSessionFactory(room=room, facilitator=fiona, topic="Listening")
    SessionReminder.objects.create(session=session, member=fraser, remind_before=60)
    [row] = member_data(fraser)["session_reminders"]
    assert (row["room"], row["topic"], row["remind_minutes_before"], row["sent"]) == (
        room.title,
        "Listening",
        60,
        None,
    )
    summary = delete_member(fraser)
    assert summary.removed["rooms.SessionReminder"] == 1
    delete_member(fiona)
    session.refresh_from_db()
    assert session.facilitator is None


def test_a_suspended_member_is_not_reminded_of_a_room_they_may_not_enter_until_the_suspension_ends(room, fraser):
    session = ScheduledSessionFactory(room=room)
    SessionReminder.objects.create(session=session, member=fraser, remind_before=15)
    suspension = Suspension.objects.create(user=fraser, until=timezone.now() + timedelta(days=7), reason="test")
    due = session.starts_at - timedelta(minutes=10)
    assert schedule.send_due_reminders(due) == (0, 1)
    assert not Notification.objects.exists()

    suspension.until = timezone.now() - timedelta(minutes=1)  # lifted before the session starts
    suspension.save()
    assert schedule.send_due_reminders(due) == (1, 0)
