"""A demo collaborative action-research inquiry, written fresh from the seed's account of the method: a mixed
team (frontline, manager, strategic, researcher, community member) in the CAR network community, two cycles
completed and a third open. The second cycle's facilitated session took place in a live room of the
community, and ending it added its summary to the cycle (rooms.sessions.end_session with the cycle). What the
team learned in the first two cycles was written up as a case study through the inquiry's own write-up form
(forums.inquiries.write_up_initial, casestudies.proposals.propose), and a reviewer approved it in the
editorial workflow, so it is published and credits the team.

Everything goes through forums.inquiries, so it shows exactly as a team's own work does. Safe to run again:
the inquiry is keyed by its slug in its community; once it exists it is left as it is.
demo.forums.load_demo_forums calls `load_demo_inquiries` once the communities exist.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page

from casestudies.models import CaseStudyIndexPage, Proposal
from casestudies.proposals import CaseStudyProposalForm, propose
from forums import inquiries, markdown, services
from forums.models import Community, Cycle, CycleEntry, Inquiry
from learning.models import CouncilArea, Sector, Theme
from rooms.models import Room, RoomMessage
from rooms.sessions import end_session

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
class DemoSession:
    """A facilitated session in a live room of the community, ended with its summary added to the cycle."""

    room: str
    title: str
    purpose: str
    ground_rules: str
    messages: tuple  # (username, text)
    key_points: str
    reply: tuple = ()  # (username, text): a reply under the summary thread the session posts


@dataclass(frozen=True)
class DemoCycle:
    focus: str
    days_ago: int
    entries: tuple
    closed: bool = True
    session: DemoSession = None


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
        session=DemoSession(
            room="frontline-first",
            title="Frontline first: what should the board hear from us?",
            purpose="The inquiry team's protected space before the board: frontline staff and community members "
            "speak first, managers listen, and the facilitator takes the words to the board unedited.",
            ground_rules="Frontline staff and community members speak first.\n"
            "Managers listen before they answer.\n"
            "What is said goes to the board without names.",
            messages=(
                (
                    "facilitator",
                    "Welcome. Frontline colleagues and community members first: what should the board "
                    "hear from us this time?",
                ),
                ("frontline", "That the same household is referred between three services and none of them owns it."),
                (
                    "moderator",
                    "From the community side: people stop asking for help when they have told their story three times.",
                ),
                ("practitioner", "I will hold back until the round is done, as agreed. Thank you both."),
            ),
            key_points="- The same household passes between three services and no one owns it.\n"
            "- People stop asking for help after telling their story three times.\n"
            "- The board receives these words unedited, and the team hears back what it did with them.",
            reply=("frontline", "Thank you for writing it down as we said it. Please tell us what the board does."),
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
        _cycle(inquiry, spec, users, facilitator, report)
    report.append("created the demo inquiry with three cycles")
    _write_up(inquiry, users, report)


def _cycle(inquiry, spec, users, facilitator, report):
    opened = timezone.now() - timedelta(days=spec.days_ago)
    cycle = inquiries.open_cycle(inquiry, facilitator, spec.focus)
    for index, entry in enumerate(spec.entries):
        author = users.get(entry.author)
        if author is None:
            continue
        page = Page.objects.live().filter(slug=entry.link).first() if entry.link else None
        written = inquiries.write_entry(cycle, author, entry.kind, entry.body, page.url if page and page.url else "")
        CycleEntry.objects.filter(pk=written.pk).update(created=opened + timedelta(days=2 + index * 4))
    if spec.session is not None:
        _session(cycle, spec.session, users, facilitator, report)
    if spec.closed:
        inquiries.close_cycle(cycle, facilitator)
        Cycle.objects.filter(pk=cycle.pk).update(opened=opened, closed=opened + timedelta(days=28))
    else:
        Cycle.objects.filter(pk=cycle.pk).update(opened=opened)


def _as_if_time_passed(user):
    """The demo writes weeks of a team's work in a moment: forget the posting burst a person would have spread."""
    cache.delete(f"ratelimit-recent:post:{user.pk}")


def _session(cycle, spec, users, facilitator, report):
    """The session in its room, ended by the facilitator with its summary added to the cycle (as the room page does)."""
    room, created = Room.objects.get_or_create(
        slug=spec.room,
        defaults={
            "community": cycle.inquiry.community,
            "title": spec.title,
            "purpose": spec.purpose,
            "ground_rules": spec.ground_rules,
            "state": Room.State.OPEN,
        },
    )
    if not created:
        return
    for number, (username, text) in enumerate(spec.messages):
        if username in users:
            RoomMessage.objects.create(
                room=room,
                author=users[username],
                body_source=text,
                body_html=markdown.render(text),
                client_id=f"demo-{number}",
            )
    _as_if_time_passed(facilitator)
    session = end_session(room, facilitator, spec.key_points, cycle=cycle)
    replier = users.get(spec.reply[0]) if spec.reply else None
    if replier is not None and session.thread is not None:
        _as_if_time_passed(replier)
        services.post_reply(session.thread, replier, spec.reply[1])
    report.append(f"held a session in {room.title} and added its summary to cycle {cycle.number} of the inquiry")


WRITE_UP = {
    "title": "Frontline knowledge heard first: a partnership board changes how it listens",
    "summary": "An inquiry team of frontline staff, managers, a researcher and a community member traced where "
    "frontline knowledge dropped out of their partnership's decisions, then gave it a protected, facilitated "
    "space before the board, which now hears it unedited.",
    "lead_organisation": "The collaborative action research network's inquiry team",
    "partner_organisations": "Housing services\nA health centre\nPolice Scotland local officers\nA community council",
    "approach": "collaborative_action_research",
    "start_year": None,  # the year the inquiry started, filled in below
    "end_year": None,
    "what_changed": "The board discussed the unedited notes for longer than any report that evening, and deferred "
    "a decision to look at the gap between services that people described. Frontline staff said it was the "
    "first time giving up the time felt worth it, because someone came back and said what the board did.",
    "evaluation": "The team kept notes of each cycle and reflected on them together; no one outside the team has "
    "evaluated the change yet.",
    "lessons": "Change how the conversation happens, not only who is invited. Protect the time, and close the "
    "loop: tell people what happened to what they said.",
}
WRITE_UP_COUNCIL_AREA = "dundee-city"
WRITE_UP_SECTORS = ("public-sector", "community-sector")


def _write_up(inquiry, users, report):
    """Written up through the inquiry's own form (its starting values), approved by the reviewer: published."""
    writer, reviewer = users.get("practitioner"), users.get("reviewer")
    if writer is None or reviewer is None or not CaseStudyIndexPage.objects.exists():
        return
    if Proposal.objects.filter(page__title=WRITE_UP["title"]).exists():
        return
    data = {**inquiries.write_up_initial(inquiry), **WRITE_UP, "start_year": inquiry.started.year}
    council_area = CouncilArea.objects.filter(slug=WRITE_UP_COUNCIL_AREA).first() or CouncilArea.objects.first()
    data["council_area"] = council_area.pk if council_area else ""
    data["sectors"] = [sector.pk for sector in Sector.objects.filter(slug__in=WRITE_UP_SECTORS)]
    data["themes"] = [theme.pk for theme in Theme.objects.filter(name__in=("Collaborative action research",))]
    data = {key: ("" if value is None else value) for key, value in data.items()}
    form = CaseStudyProposalForm(data)
    if not form.is_valid():
        raise ValueError(f"the demo write-up does not pass the form: {form.errors.as_text()}")
    team = inquiries.team_users(inquiry)
    proposal = propose(
        writer,
        form.cleaned_data,
        contributors=[member for member in team if member != writer],
        origin=inquiry,
        origin_url=inquiry.get_absolute_url(),
        origin_title=inquiry.question,
    )
    workflow_state = proposal.page.current_workflow_state
    while workflow_state is not None and workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, reviewer, "approve")
        workflow_state.refresh_from_db()
    report.append(f"wrote the inquiry up as the case study {WRITE_UP['title']} and published it")
