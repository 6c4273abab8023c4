"""A scheduled session as an iCalendar file (RFC 5545) that calendars accept: written by hand, it is small.

One VEVENT per file, its UID stable for the session (so importing it again updates the same event),
its times in UTC, its text escaped and its lines folded at 75 octets with CRLF endings.
"""

from datetime import UTC

from django.utils import timezone

from cop_site.addresses import absolute, site_host
from forums.models.threads import display_name

PRODID = "-//Community of practice//Scheduled sessions//EN"


def escape(text):
    """TEXT values: backslashes, semicolons, commas and newlines escaped (RFC 5545 3.3.11)."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """A content line cut into lines of at most 75 octets, each continuation starting with a space (3.1)."""
    encoded = line.encode("utf-8")
    parts, limit = [], 75
    while len(encoded) > limit:
        cut = limit
        while cut > 0 and (encoded[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut])
        encoded = encoded[cut:]
        limit = 74  # the leading space counts
    parts.append(encoded)
    return b"\r\n ".join(parts).decode("utf-8")


def utc(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def uid(session):
    return f"scheduled-session-{session.pk}@{site_host()}"


def session_calendar(session, now=None, request=None):
    """The .ics file's text for one session; its link on the address the file was asked from."""
    room = session.room
    link = absolute(room.get_absolute_url(), request)
    description = f"{room.purpose}\n\nJoin the room: {link}"
    if session.facilitator is not None:
        description = f"Facilitated by {display_name(session.facilitator)}.\n\n{description}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid(session)}",
        f"DTSTAMP:{utc(now or timezone.now())}",
        f"DTSTART:{utc(session.starts_at)}",
        f"DTEND:{utc(session.ends_at)}",
        f"SUMMARY:{escape(session.topic)}",
        f"DESCRIPTION:{escape(description)}",
        f"LOCATION:{escape(f'{room.title}: {link}')}",
        f"URL:{link}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
