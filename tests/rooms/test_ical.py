"""The "Add to calendar" file, read back by a strict RFC 5545 reader written from the RFC alone."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from rooms import ical
from tests.factories import CommunityFactory, RoomFactory, ScheduledSessionFactory

pytestmark = pytest.mark.django_db

NAME = re.compile(r"^[A-Za-z0-9-]+$")


def strict_parse(raw):
    """(components, [(name, value) of the VEVENT]): refuses anything RFC 5545 does not allow that we write."""
    assert raw.endswith(b"\r\n"), "the file must end with CRLF"
    physical = raw[:-2].split(b"\r\n")
    for line in physical:
        assert b"\n" not in line, "bare LF"
        assert b"\r" not in line, "bare CR"
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
        line.decode("utf-8")  # each physical line is whole UTF-8: folding never cuts a character
    logical = []
    for line in physical:
        if line.startswith((b" ", b"\t")):
            assert logical, "a continuation before any line"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    stack, event, calendar = [], [], []
    for line in (item.decode("utf-8") for item in logical):
        name, sep, value = line.partition(":")
        assert sep, f"no colon: {line!r}"
        assert NAME.match(name.split(";")[0]), f"bad property name: {name!r}"
        if name == "BEGIN":
            stack.append(value)
        elif name == "END":
            assert stack, "END without BEGIN"
            assert stack.pop() == value, "unbalanced END"
        elif stack == ["VCALENDAR", "VEVENT"]:
            event.append((name, value))
        else:
            calendar.append((name, value))
    assert not stack, "unclosed component"
    return dict(calendar), dict(event)


def unescape(value):
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            following = value[i + 1]
            assert following in "\\;,nN", f"bad escape \\{following}"
            out.append("\n" if following in "nN" else following)
            i += 2
        else:
            assert value[i] not in ",;", f"unescaped {value[i]!r} in {value!r}"
            out.append(value[i])
            i += 1
    return "".join(out)


def utc_time(value):
    assert re.fullmatch(r"\d{8}T\d{6}Z", value), value
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


@pytest.fixture
def session(settings):
    settings.SITE_URL = "https://cop.example.org"
    settings.ALLOWED_HOSTS = ["cop.example.org"]
    room = RoomFactory(
        community=CommunityFactory(slug="coproduction", visibility="open"),
        slug="what-gets-in-the-way",
        title="What gets in the way?",
        purpose="Frontline, managers; strategic staff \\ researchers compare notes.\nBring one example.",
    )
    topic = "Listening, really listening; to frontline staff \\ ünïcödé " + "long words " * 12
    return ScheduledSessionFactory(room=room, topic=topic)


def test_the_calendar_file_is_strict_rfc_5545(session):
    response = Client().get(
        reverse("rooms:session_calendar", args=[session.room.slug, session.pk]),
        headers={"host": "cop.example.org"},
        secure=True,
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    calendar, event = strict_parse(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert utc_time(event["DTSTART"]) == session.starts_at
    assert utc_time(event["DTEND"]) == session.ends_at
    assert abs(utc_time(event["DTSTAMP"]) - datetime.now(UTC)) < timedelta(minutes=5)
    assert unescape(event["SUMMARY"]) == session.topic
    link = "https://cop.example.org/rooms/what-gets-in-the-way/"
    assert event["URL"] == link
    assert unescape(event["LOCATION"]) == f"What gets in the way?: {link}"
    description = unescape(event["DESCRIPTION"])
    assert session.room.purpose in description
    assert link in description
    assert event["UID"] == f"scheduled-session-{session.pk}@cop.example.org"


def test_the_uid_is_stable_and_the_times_utc_whatever_the_clocks(session):
    session.starts_at = datetime(2027, 7, 6, 9, 0, tzinfo=UTC)  # 10:00 in London, summer time
    session.ends_at = session.starts_at + timedelta(hours=1)
    first = strict_parse(ical.session_calendar(session).encode())[1]
    again = strict_parse(ical.session_calendar(session).encode())[1]
    assert first["UID"] == again["UID"]
    assert (first["DTSTART"], first["DTEND"]) == ("20270706T090000Z", "20270706T100000Z")


def test_folding_never_cuts_a_character_and_unfolds_to_the_line():
    line = "SUMMARY:" + "é" * 100
    folded = ical.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
