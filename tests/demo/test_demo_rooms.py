"""The demo rooms' upcoming session: dated from the day the content is loaded, loaded once."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.test import Client

from demo.rooms import SESSION, next_session_start
from rooms.models import ScheduledSession

pytestmark = pytest.mark.django_db


def test_the_open_room_has_one_upcoming_session_on_a_tuesday_morning(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    session = ScheduledSession.objects.get()
    assert session.room.slug == SESSION["room"]
    assert session.facilitator.username == "facilitator"
    starts = session.starts_at.astimezone(next_session_start().tzinfo)
    assert (starts.weekday(), starts.hour, starts.minute) == (1, 10, 0)
    community = session.room.community
    assert session.topic in Client().get(community.get_absolute_url()).content.decode()


def test_next_tuesday_is_never_today_and_in_uk_time():
    monday_evening = datetime(2027, 3, 1, 20, 0, tzinfo=UTC)
    assert next_session_start(monday_evening).isoformat() == "2027-03-02T10:00:00+00:00"
    tuesday_morning = datetime(2027, 3, 2, 8, 0, tzinfo=UTC)
    assert next_session_start(tuesday_morning).isoformat() == "2027-03-09T10:00:00+00:00"
    summer = datetime(2027, 7, 1, 12, 0, tzinfo=UTC)
    assert next_session_start(summer).isoformat() == "2027-07-06T10:00:00+01:00"
