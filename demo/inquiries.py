"""A demo collaborative action-research inquiry, written fresh from the seed's account of the method: a mixed
team (frontline, manager, strategic, researcher, community member) in the CAR network community, two cycles
completed and a third open.

Everything goes through forums.inquiries, so it shows exactly as a team's own work does. Safe to run again:
the inquiry is keyed by its slug in its community; once it exists it is left as it is.
demo.forums.load_demo_forums calls `load_demo_inquiries` once the communities exist.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from forums import inquiries, services
from forums.models import Community, Cycle, CycleEntry, Inquiry

COMMUNITY = "collaborative-action-research-network"
SLUG = "frontline-knowledge-in-partnership-decisions"
QUESTION = "How can frontline knowledge be heard, and valued equally, when our partnership makes decisions?"
WHY = (
    "Partnership boards hear a great deal from managers and strategic leads, and far less from the people who "
    "deliver services every day or use them. When frontline staff and community members are in the room, "
    "their knowledge is often treated as anecdote beside a report.\n\n"
    "If we can find ways of working that value every kind of knowledge equally, decisions will rest on a fuller "
    "picture, and staff who are stretched in many directions will feel ownership of what is decided."
)
TEAM = (("practitioner", "member"), ("frontline", "member"), ("reviewer", "member"), ("moderator", "member"))


@dataclass(frozen=True)
class DemoEntry:
    author: str
    kind: str
    body: str
    link: str = ""  # a page slug


@dataclass(frozen=True)
class DemoCycle:
    focus: str
    days_ago: int
    entries: tuple
    closed: bool = True


CYCLES = (
    DemoCycle(
        focus="Map where frontline knowledge enters the partnership's decisions, and where it drops out",
        days_ago=84,
        entries=(
            DemoEntry(
                "facilitator",
                "plan",
                "Each of us follows one recent decision back to where it started: who was asked, what evidence "
                "was used, and whose experience counted. We meet again in three weeks to put the maps side by side.",
            ),
            DemoEntry(
                "practitioner",
                "act",
                "I traced the locality plan's housing priority. The board papers cite two surveys and a "
                "performance report; the notes from the frontline workshop are in an appendix nobody referred to.",
            ),
            DemoEntry(
                "frontline",
                "observe",
                "We were asked for our views once, in a workshop at the start. Nobody came back to tell us what "
                "happened to them. Colleagues said they had stopped going because it felt like a box being ticked.",
            ),
            DemoEntry(
                "reviewer",
                "reflect",
                "The maps show the knowledge is gathered but not weighed. Frontline accounts arrive as stories, "
                "reports arrive as numbers, and the numbers win. Next we should change how the conversation "
                "happens, not only who is invited.",
                link="collaborative-action-research-in-scottish-partnerships",
            ),
        ),
    ),
    DemoCycle(
        focus="Try a protected, facilitated space where frontline staff and community members speak first",
        days_ago=49,
        entries=(
            DemoEntry(
                "facilitator",
                "plan",
                "Before the next board, a two-hour session with an external facilitator. Frontline staff and "
                "community members speak first and without managers answering back; the board gets their words "
                "unedited.",
                link="setting-up-a-collaborative-action-research-group",
            ),
            DemoEntry(
                "frontline",
                "act",
                "Eight of us from housing, the health centre and the police came. We set the ground rules "
                "ourselves: what is said stays anonymous, and every example is taken seriously.",
            ),
            DemoEntry(
                "moderator",
                "observe",
                "As a community member I noticed people relax when managers listened instead of explaining. Two "
                "people described the same gap between services in nearly the same words.",
            ),
            DemoEntry(
                "practitioner",
                "observe",
                "The board discussed the unedited notes for forty minutes, longer than any report that evening. "
                "One decision was deferred so the team could look at the gap people described.",
            ),
            DemoEntry(
                "frontline",
                "reflect",
                "It mattered that someone came back to us afterwards and said what the board did with our words. "
                "That is the first time I have felt it was worth giving up the time.",
            ),
        ),
    ),
    DemoCycle(
        focus="Bring evidence from elsewhere into the space, with time protected for frontline staff",
        days_ago=14,
        closed=False,
        entries=(
            DemoEntry(
                "practitioner",
                "plan",
                "We will share a short summary of international evidence on joined-up housing support before the "
                "next session, and agree cover so frontline colleagues can attend in work time.",
            ),
            DemoEntry(
                "facilitator",
                "act",
                "Cover is agreed with two of the three services. The summary is written in plain language and "
                "read aloud at the start, so nobody has to prepare in their own time.",
            ),
        ),
    ),
)


def load_demo_inquiries(report, users):
    """Create the demo inquiry when it is missing; append what changed to `report`."""
    community = Community.objects.filter(slug=COMMUNITY).first()
    facilitator = users.get("facilitator")
    if community is None or facilitator is None or community.inquiries.filter(slug=SLUG).exists():
        return
    for username, _ in TEAM:
        if username in users:
            services.join(community, users[username])
    start = timezone.now() - timedelta(days=CYCLES[0].days_ago + 7)
    inquiry = inquiries.start_inquiry(community, facilitator, QUESTION, WHY)
    Inquiry.objects.filter(pk=inquiry.pk).update(slug=SLUG, started=start.date(), created=start)
    inquiry.refresh_from_db()
    for username, role in TEAM:
        if username in users:
            inquiries.add_to_team(inquiry, users[username], facilitator, role)
    for spec in CYCLES:
        _cycle(inquiry, spec, users, facilitator)
    report.append("created the demo inquiry with three cycles")


def _cycle(inquiry, spec, users, facilitator):
    opened = timezone.now() - timedelta(days=spec.days_ago)
    cycle = inquiries.open_cycle(inquiry, facilitator, spec.focus)
    for index, entry in enumerate(spec.entries):
        author = users.get(entry.author)
        if author is None:
            continue
        page = Page.objects.live().filter(slug=entry.link).first() if entry.link else None
        written = inquiries.write_entry(cycle, author, entry.kind, entry.body, page.url if page and page.url else "")
        CycleEntry.objects.filter(pk=written.pk).update(created=opened + timedelta(days=2 + index * 4))
    if spec.closed:
        inquiries.close_cycle(cycle, facilitator)
        Cycle.objects.filter(pk=cycle.pk).update(opened=opened, closed=opened + timedelta(days=28))
    else:
        Cycle.objects.filter(pk=cycle.pk).update(opened=opened)
