"""The rules of collaborative action-research inquiries: starting one, its team, its cycles and their entries,
and the balance of voices. Views, the API and the demo all call these; each refuses with DomainError and
changes nothing when it refuses.

Who may read an inquiry is its community's reading rule (forums.visibility). Who may write in it: its
team, while they are active members of the community and not suspended. Its facilitators (and the
community's facilitators and moderators) open and close cycles and put community members on the team.
Hiding and restoring entries is forums/moderation.py's.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from accounts.models import LevelChoice
from casestudies.models import Proposal
from cop_site.errors import DomainError
from forums import notifications
from forums.discussion import refusal
from forums.models import Cycle, CycleEntry, EntryLink, Inquiry, TeamMember
from forums.moderation import is_suspended
from forums.services import check_body, rate_limit, render
from learning import visibility as pages

MAX_QUESTION_LENGTH = 300
MAX_WHY_LENGTH = 5_000
MAX_FOCUS_LENGTH = 300
MAX_LINKS = 10
DOMINANT_SHARE = 0.5  # a level with more than this share of a cycle's entries is said to dominate it
CHART_WIDTH = 600  # the balance chart's bars, in the SVG's own units
NOT_GIVEN = "not_given"  # the level of an author whose profile does not say


# --- who may do what --------------------------------------------------------------------------------------
def _check_taking_part(user, community):
    if user is None or not user.is_authenticated:
        raise DomainError("forbidden", "Sign in to take part.")
    if is_suspended(user):
        raise DomainError("suspended", "Your account is suspended, so you cannot take part just now.")
    if not community.can_read(user):
        raise DomainError("forbidden", "You cannot take part here.")
    if not community.is_member(user) and not community.can_moderate(user):
        raise DomainError("forbidden", f"Join {community.name} to take part in its inquiries.")


def check_can_start(community, user):
    """Any active member of the community may start an inquiry (and facilitates it)."""
    _check_taking_part(user, community)


def check_can_facilitate(inquiry, user):
    _check_taking_part(user, inquiry.community)
    if not inquiry.can_facilitate(user):
        raise DomainError("forbidden", "Only the inquiry's facilitators and the community's moderators can do that.")


def check_can_write(cycle, user):
    """Team members write in the inquiry's open cycle."""
    inquiry = cycle.inquiry
    _check_taking_part(user, inquiry.community)
    if inquiry.team_member(user) is None:
        raise DomainError("forbidden", "Only the inquiry's team writes in its cycles. Ask its facilitator to join.")
    if not cycle.is_open:
        raise DomainError("locked", f"Cycle {cycle.number} is closed: write in the open cycle.")


# --- inquiries and their teams -------------------------------------------------------------------------------
def _check_text(text, what, limit):
    text = " ".join((text or "").split())
    if not text:
        raise DomainError("empty", f"Write {what}.")
    if len(text) > limit:
        raise DomainError("too_long", f"Keep {what} under {limit:,} characters (this is {len(text):,}).")
    return text


def _unique_slug(community, question):
    base = slugify(question)
    if len(base) > 70:  # whole words, as far as 70 characters
        base = base[:71].rsplit("-", 1)[0]
    base = base.strip("-") or "inquiry"
    slug, n = base, 1
    while slug == "new" or Inquiry.objects.filter(community=community, slug=slug).exists():  # new/: the form
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def start_inquiry(community, user, question, why_it_matters):
    """A member starts an inquiry in their community; they are its facilitator and first team member."""
    check_can_start(community, user)
    question = _check_text(question, "the question", MAX_QUESTION_LENGTH)
    why = (why_it_matters or "").strip()
    if not why:
        raise DomainError("empty", "Say why the question matters.")
    if len(why) > MAX_WHY_LENGTH:
        raise DomainError("too_long", f"Keep why it matters under {MAX_WHY_LENGTH:,} characters.")
    rate_limit(user)
    inquiry = Inquiry.objects.create(
        community=community,
        slug=_unique_slug(community, question),
        question=question,
        why_it_matters=why,
        facilitator=user,
    )
    TeamMember.objects.create(inquiry=inquiry, user=user, role=TeamMember.Role.FACILITATOR)
    return inquiry


@transaction.atomic
def add_to_team(inquiry, member, invited_by, role=TeamMember.Role.MEMBER):
    """A facilitator puts a member of the community on the team; they are told by notification."""
    check_can_facilitate(inquiry, invited_by)
    if role not in TeamMember.Role.values:
        raise DomainError("invalid", "Choose team member or facilitator.")
    if member is None or not member.is_active:
        raise DomainError("invalid", "There is no such member.")
    if not inquiry.community.is_member(member):
        raise DomainError("invalid", f"Only members of {inquiry.community.name} can join its inquiries.")
    if inquiry.team.filter(user=member).exists():
        raise DomainError("invalid", "They are already on the team.")
    place = TeamMember.objects.create(inquiry=inquiry, user=member, role=role, invited_by=invited_by)
    notifications.handle("inquiry_team", member=place, actor=invited_by)
    return place


# --- cycles -------------------------------------------------------------------------------------------------------
@transaction.atomic
def open_cycle(inquiry, user, focus):
    """Open the next cycle; an inquiry has at most one open cycle at a time."""
    check_can_facilitate(inquiry, user)
    focus = _check_text(focus, "the cycle's focus", MAX_FOCUS_LENGTH)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    current = inquiry.open_cycle
    if current is not None:
        raise DomainError("invalid", f"Close cycle {current.number} before opening the next.")
    if inquiry.status == Inquiry.Status.COMPLETED:
        raise DomainError("invalid", "This inquiry is completed.")
    number = (inquiry.cycles.aggregate(last=Max("number"))["last"] or 0) + 1
    return Cycle.objects.create(inquiry=inquiry, number=number, focus=focus)


@transaction.atomic
def close_cycle(cycle, user):
    check_can_facilitate(cycle.inquiry, user)
    if not cycle.is_open:
        raise DomainError("invalid", f"Cycle {cycle.number} is already closed.")
    cycle.status = Cycle.Status.CLOSED
    cycle.closed = timezone.now()
    cycle.save(update_fields=["status", "closed"])
    return cycle


def complete_inquiry(inquiry, user):
    """The facilitator marks the inquiry completed: no cycle may be open, and none opens after it."""
    check_can_facilitate(inquiry, user)
    if inquiry.status == Inquiry.Status.COMPLETED:
        raise DomainError("invalid", "This inquiry is already completed.")
    if inquiry.cycles.filter(status=Cycle.Status.OPEN).exists():
        raise DomainError("invalid", "Close the open cycle first: the team may still be writing in it.")
    inquiry.status = Inquiry.Status.COMPLETED
    inquiry.ended = timezone.localdate()
    inquiry.save(update_fields=["status", "ended"])
    return inquiry


def reopen_inquiry(inquiry, user):
    """A completed inquiry taken up again: the facilitator can open its next cycle."""
    check_can_facilitate(inquiry, user)
    if inquiry.status != Inquiry.Status.COMPLETED:
        raise DomainError("invalid", "This inquiry is under way already.")
    inquiry.status = Inquiry.Status.ACTIVE
    inquiry.ended = None
    inquiry.save(update_fields=["status", "ended"])
    return inquiry


# --- entries ---------------------------------------------------------------------------------------------------------
@transaction.atomic
def write_entry(cycle, author, kind, body, links=""):
    """A team member writes a plan, what was done, an observation or a reflection in the open cycle.

    `links`: one per line, an address on this site (a page: an evidence summary, a case study) or on the web.
    """
    check_can_write(cycle, author)
    if kind not in CycleEntry.Kind.values:
        message = "Choose what you are writing: plan, what we did, what we observed or reflection."
        raise DomainError("invalid", message, fields={"kind": message})
    body = check_body(body)
    found = parse_links(links)
    rate_limit(author)
    entry = CycleEntry.objects.create(cycle=cycle, kind=kind, author=author, body_source=body, body_html=render(body))
    _save_links(entry, found)
    return entry


@transaction.atomic
def edit_entry(entry, user, body, links=None):
    if not entry.can_edit(user):
        raise DomainError("forbidden", "You can edit your own entries for 30 minutes after writing them.")
    body = check_body(body)
    found = None if links is None else parse_links(links)
    entry.body_source = body
    entry.body_html = render(body)
    entry.edited = timezone.now()
    entry.save(update_fields=["body_source", "body_html", "edited"])
    if found is not None:
        entry.links.all().delete()
        _save_links(entry, found)
    return entry


def _save_links(entry, found):
    for link in found:
        link.entry = entry
    EntryLink.objects.bulk_create(found)


def links_text(entry):
    """An entry's links as the edit form shows them: one address a line."""
    return "\n".join(link.page.url if link.page_id else link.url for link in entry.links.all())


def parse_links(text):
    """EntryLinks (unsaved) for the lines of `text`: a path on this site names a page, anything else must be a
    web address. The page link is generic: readers see the page only where the page rule lets them."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_LINKS:
        message = f"Link at most {MAX_LINKS} pages or documents in one entry."
        raise DomainError("too_long", message, fields={"links": message})
    found = []
    for line in lines:
        page = _site_page(line)
        if page is not None:
            found.append(EntryLink(page=page, title=page.title[:200]))
            continue
        parts = urlsplit(line)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(line) > 500:
            message = f"“{line[:80]}” is not a page of this site or a web address (starting https://)."
            raise DomainError("invalid", message, fields={"links": message})
        found.append(EntryLink(url=line, title=parts.netloc[:200]))
    return found


def _site_page(address):
    """The live page at a path of the default site ("/evidence/some-summary/"), or None."""
    if not address.startswith("/") or address.startswith("//"):
        return None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    path = urlsplit(address).path.strip("/")
    url_path = site.root_page.url_path + (f"{path}/" if path else "")
    page = Page.objects.live().filter(url_path=url_path).first()
    if page is None:
        message = f"There is no page at “{address[:80]}” on this site."
        raise DomainError("invalid", message, fields={"links": message})
    return page


def shown_links(entry, user):
    """An entry's links this person may follow: web addresses, and the pages the page rule lets them see
    (a draft, or a page behind a restriction closed to them, is left out, its title too)."""
    access = pages.access(user)
    return [link for link in entry.links.all() if not link.page_id or access.allows(link.page)]


# --- room sessions ---------------------------------------------------------------------------------------------
def cycles_open_to(community, user):
    """Open cycles of the community's inquiries this person may write in (a room session's summary may go to one)."""
    if user is None or not user.is_authenticated:
        return []
    cycles = Cycle.objects.filter(
        status=Cycle.Status.OPEN,
        inquiry__community=community,
        inquiry__status=Inquiry.Status.ACTIVE,
        inquiry__team__user=user,
    ).select_related("inquiry__community")
    found = []
    for cycle in cycles:
        try:
            check_can_write(cycle, user)
        except DomainError:
            continue
        found.append(cycle)
    return found


def add_session_summary(cycle, user, room_title, key_points, transcript_url):
    """A room session's summary as an observation in an inquiry's open cycle, linking to its transcript."""
    body = f"Summary of the live session in {room_title}:\n\n{key_points}\n\n[Read the transcript]({transcript_url})"
    return write_entry(cycle, user, CycleEntry.Kind.OBSERVE, body)


# --- writing it up as a case study --------------------------------------------------------------------------
def write_ups(inquiry, user):
    """The case studies written up from this inquiry, as this reader may know them: a published one (that they
    may see, learning.visibility) with its link, for whoever reads the inquiry; one still with the editors, by
    title and state only, for those who may write the inquiry up (the team and its facilitators)."""
    proposals = Proposal.objects.filter(
        origin_type=ContentType.objects.get_for_model(Inquiry), origin_id=inquiry.pk
    ).select_related("page")
    team = refusal(check_can_write_up, inquiry, user) is None
    access = pages.access(user)
    shown = []
    for proposal in proposals:
        page = proposal.page
        if access.allows(page):
            shown.append({"title": page.title, "state": proposal.state_label, "url": page.url})
        elif team and not page.live:
            shown.append({"title": page.title, "state": proposal.state_label, "url": None})
    return shown


def check_can_write_up(inquiry, user):
    """The inquiry's team (and the community's facilitators and moderators) write it up as a case study."""
    _check_taking_part(user, inquiry.community)
    if inquiry.team_member(user) is None and not inquiry.can_facilitate(user):
        raise DomainError("forbidden", "Only the inquiry's team writes it up as a case study.")


def write_up_initial(inquiry):
    """The case study proposal form's starting values, from the inquiry: its question and why it matters, what
    was planned and done, observed and reflected in each cycle (entries on show), the evidence it linked."""
    cycles = list(inquiry.cycles.all())
    entries = entries_in_order(
        CycleEntry.objects.visible().filter(cycle__in=cycles).select_related("cycle").prefetch_related("links__page")
    )

    def written(*kinds, limit=10_000):
        parts = [
            f"Cycle {entry.cycle.number} ({entry.cycle.focus}): {entry.body_source}"
            for entry in sorted(entries, key=lambda e: (e.cycle.number, KIND_ORDER[e.kind], e.created))
            if entry.kind in kinds
        ]
        return "\n\n".join(parts)[:limit]

    addresses = []
    for entry in entries:
        for link in entry.links.all():
            address = link.url or (link.page.full_url if link.page_id and link.page.live else "")
            if address and address not in addresses:
                addresses.append(address)
    levels = sorted({label for row in balance(inquiry) for label, count, _ in row.cells if count})
    facilitator = getattr(inquiry.facilitator, "profile", None)
    return {
        "title": inquiry.question[:200],
        "summary": inquiry.why_it_matters[:1000],
        "lead_organisation": getattr(facilitator, "organisation", "")[:200],
        "approach": "collaborative_action_research",
        "start_year": inquiry.started.year,
        "challenge": f"{inquiry.question}\n\n{inquiry.why_it_matters}"[:10_000],
        "what_was_done": written(CycleEntry.Kind.PLAN, CycleEntry.Kind.ACT),
        "what_changed": written(CycleEntry.Kind.OBSERVE),
        "evaluation": (
            f"A team worked through {len(cycles)} cycle{'s' if len(cycles) != 1 else ''} of plan, act, observe and "
            f"reflect, writing as they went"
            + (f" ({', '.join(level.lower() for level in levels)})." if levels else ".")
        ),
        "lessons": written(CycleEntry.Kind.REFLECT),
        "evidence_used": "\n".join(addresses)[:4000],
        "themes": list(inquiry.community.themes.values_list("pk", flat=True)),
    }


def team_users(inquiry):
    return [member.user for member in inquiry.team.select_related("user")]


# --- what a page shows ------------------------------------------------------------------------------------------------
KIND_ORDER = {kind: index for index, kind in enumerate(CycleEntry.Kind.values)}


def entries_in_order(entries):
    """Plan, then what was done, what was observed, reflection; each kind oldest first."""
    return sorted(entries, key=lambda entry: (KIND_ORDER[entry.kind], entry.created, entry.pk))


# --- balance of voices ---------------------------------------------------------------------------------------------
LEVELS = [*LevelChoice.choices, (NOT_GIVEN, "Level not given")]  # frontline first, as LevelChoice orders them


@dataclass
class CycleBalance:
    cycle: Cycle
    counts: dict  # {level: entries}
    writers: dict  # {level: people}
    total: int = 0
    dominant: str = ""  # the label of a level with more than DOMINANT_SHARE of the entries, if one has
    cells: list = field(default_factory=list)  # [(label, entries, people)] in LEVELS order
    segments: list = field(default_factory=list)  # the chart's bar: [(level, label, entries, x, width)] in CHART_WIDTH

    @property
    def note(self):
        if not self.dominant:
            return ""
        top = max(self.counts.values())
        return (
            f"One level dominates cycle {self.cycle.number}: {self.dominant} wrote {top} of its {self.total} "
            "entries. Facilitators may want to bring the other voices in."
        )


def balance(inquiry):
    """Who has written in each cycle, by level: visible entries and the people who wrote them."""
    cycles = list(inquiry.cycles.all())
    entries = CycleEntry.objects.visible().filter(cycle__in=cycles).select_related("author__profile")
    by_cycle = {cycle.pk: ({}, {}) for cycle in cycles}
    for entry in entries:
        level = _level(entry.author)
        counts, writers = by_cycle[entry.cycle_id]
        counts[level] = counts.get(level, 0) + 1
        writers.setdefault(level, set()).add(entry.author_id)
    rows = []
    for cycle in cycles:
        counts, writers = by_cycle[cycle.pk]
        total = sum(counts.values())
        row = CycleBalance(cycle, counts, {level: len(people) for level, people in writers.items()}, total)
        row.cells = [(label, counts.get(level, 0), row.writers.get(level, 0)) for level, label in LEVELS]
        x = 0.0
        for level, label in LEVELS:
            count = counts.get(level, 0)
            if total and count > total * DOMINANT_SHARE:
                row.dominant = label
            if count:
                width = CHART_WIDTH * count / total
                row.segments.append((level, label, count, round(x, 1), round(width, 1)))
                x += width
        rows.append(row)
    return rows


def _level(user):
    profile = getattr(user, "profile", None) if user is not None else None
    return (getattr(profile, "level", "") if profile else "") or NOT_GIVEN
