"""Inquiries over JSON, to read: a community's inquiries (/api/v1/communities/<slug>/inquiries) and one inquiry
with its team, cycles and entries (/api/v1/inquiries/<id>).

Who may read them is the community's reading rule (forums/visibility.py): to anyone else a community's
inquiries, or an inquiry, is a 404 like a missing one. Entries hidden by moderation are left out; links to
pages are given only for pages the caller may see (forums.inquiries.shown_links). Answers are conditional by
ETag (learning/open_data.py).
"""

from ninja import Field, Path, Router, Schema

from cop_site.addresses import absolute
from cop_site.errors import DomainError, ErrorOut
from forums import inquiries
from forums.discussion import with_profiles
from forums.forms import MAX_ID
from forums.models import Community, CycleEntry, Inquiry
from forums.models.threads import display_name
from forums.payloads import author_level, author_url
from learning import open_data
from learning.open_data import example

router = Router(tags=["inquiries"])


class PersonOut(Schema):
    id: int
    name: str
    level: str = Field(description="frontline, manager, strategic, researcher, community_member, or empty")
    level_label: str = Field("", description="The level in words, as pages show it.")
    url: str = Field("", description="Their public profile.")


class InquirySummary(Schema):
    id: int
    slug: str
    question: str
    status: str = Field(description="active (under way) or completed")
    community: str = Field(description="The community's slug.")
    facilitator: PersonOut | None
    started: str
    ended: str | None
    cycles: int = Field(description="How many cycles have been opened.")
    url: str = Field(description="The inquiry's page.")
    api_url: str


class InquiryList(Schema):
    community: str
    results: list[InquirySummary]


class TeamMemberOut(Schema):
    person: PersonOut
    role: str = Field(description="facilitator or member")


class LinkOut(Schema):
    title: str
    url: str
    page_id: int | None = Field(description="The site's page, when the link is to one.")


class EntryOut(Schema):
    id: int
    kind: str = Field(description="plan, act (what was done), observe (what was observed) or reflect")
    kind_label: str
    author: PersonOut | None = Field(description="None once the author's account is deleted.")
    body_html: str = Field(description="Rendered and sanitised Markdown.")
    links: list[LinkOut]
    created: str
    edited: str | None


class CycleOut(Schema):
    number: int
    focus: str
    status: str = Field(description="open or closed")
    opened: str
    closed: str | None
    entries: list[EntryOut] = Field(description="Plan, what was done, what was observed, reflection; oldest first.")


class InquiryDetail(InquirySummary):
    why_it_matters: str = Field(description="Markdown.")
    why_it_matters_html: str
    team: list[TeamMemberOut]
    cycle_list: list[CycleOut] = Field(description="The cycles in order, each with its entries.")


PERSON_EXAMPLE = {
    "id": 5,
    "name": "Morag Reid",
    "level": "frontline",
    "level_label": "Frontline",
    "url": "/members/morag/",
}
INQUIRY_EXAMPLE = {
    "id": 3,
    "slug": "how-do-we-listen",
    "question": "How do we listen to tenants before we plan?",
    "status": "active",
    "community": "collaborative-action-research",
    "facilitator": PERSON_EXAMPLE,
    "started": "2026-09-01T09:00:00+00:00",
    "ended": None,
    "cycles": 2,
    "url": "https://example.org/communities/collaborative-action-research/inquiries/how-do-we-listen/",
    "api_url": "https://example.org/api/v1/inquiries/3",
}


def _person(user):
    if user is None:
        return None
    profile = getattr(user, "profile", None)
    return {
        "id": user.pk,
        "name": display_name(user),
        "level": getattr(profile, "level", "") if profile else "",
        "level_label": author_level(user),
        "url": author_url(user),
    }


def _iso(value):
    return value.isoformat() if value is not None else None


def _summary(request, inquiry):
    return {
        "id": inquiry.pk,
        "slug": inquiry.slug,
        "question": inquiry.question,
        "status": inquiry.status,
        "community": inquiry.community.slug,
        "facilitator": _person(inquiry.facilitator),
        "started": inquiry.started.isoformat(),
        "ended": _iso(inquiry.ended),
        "cycles": len(inquiry.cycles.all()),
        "url": absolute(inquiry.get_absolute_url(), request),
        "api_url": absolute(f"/api/v1/inquiries/{inquiry.pk}", request),
    }


@router.get(
    "/communities/{slug}/inquiries",
    response={200: InquiryList, 304: None, 404: ErrorOut},
    summary="A community's inquiries",
    openapi_extra=example({"community": "collaborative-action-research", "results": [INQUIRY_EXAMPLE]}),
)
def inquiry_list(request, slug: str):
    """The community's inquiries, newest first, when the caller may read the community."""
    community = Community.objects.filter(slug=slug).first()
    if community is None or not community.can_read(request.user):
        raise DomainError("not_found", "There is no such community, or you cannot read its inquiries.")
    rows = community.inquiries.select_related("community", "facilitator__profile").prefetch_related("cycles")
    data = {"community": community.slug, "results": [_summary(request, inquiry) for inquiry in rows]}
    return open_data.conditional_json(request, data, dated=False)


@router.get(
    "/inquiries/{inquiry_id}",
    response={200: InquiryDetail, 304: None, 404: ErrorOut},
    summary="An inquiry, with its team, cycles and entries",
    openapi_extra=example(
        {
            **INQUIRY_EXAMPLE,
            "why_it_matters": "Plans made **without** tenants fail.",
            "why_it_matters_html": "<p>Plans made <strong>without</strong> tenants fail.</p>",
            "team": [{"person": PERSON_EXAMPLE, "role": "facilitator"}],
            "cycle_list": [
                {
                    "number": 1,
                    "focus": "Listen",
                    "status": "closed",
                    "opened": "2026-09-01T09:00:00+00:00",
                    "closed": "2026-10-01T09:00:00+00:00",
                    "entries": [
                        {
                            "id": 21,
                            "kind": "plan",
                            "kind_label": "Plan",
                            "author": PERSON_EXAMPLE,
                            "body_html": "<p>Listen first.</p>",
                            "links": [{"title": "Deliberative mini-publics", "url": "/evidence/x/", "page_id": 41}],
                            "created": "2026-09-01T09:30:00+00:00",
                            "edited": None,
                        }
                    ],
                }
            ],
        }
    ),
)
def inquiry_detail(request, inquiry_id: int = Path(..., ge=1, le=MAX_ID)):
    inquiry = (
        Inquiry.objects.readable_by(request.user)
        .select_related("community", "facilitator__profile")
        .prefetch_related("cycles")
        .filter(pk=inquiry_id)
        .first()
    )
    if inquiry is None:
        raise DomainError("not_found", "There is no such inquiry, or you cannot read it.")
    cycles = list(inquiry.cycles.all())
    entries = with_profiles(CycleEntry.objects.visible().filter(cycle__in=cycles), "author").prefetch_related(
        "links__page"
    )
    by_cycle = {cycle.pk: [] for cycle in cycles}
    for entry in inquiries.entries_in_order(entries):
        by_cycle[entry.cycle_id].append(_entry(request, entry))
    data = {
        **_summary(request, inquiry),
        "why_it_matters": inquiry.why_it_matters,
        "why_it_matters_html": inquiries.render(inquiry.why_it_matters),
        "team": [
            {"person": _person(member.user), "role": member.role}
            for member in with_profiles(inquiry.team.all(), "user")
        ],
        "cycle_list": [
            {
                "number": cycle.number,
                "focus": cycle.focus,
                "status": cycle.status,
                "opened": cycle.opened.isoformat(),
                "closed": _iso(cycle.closed),
                "entries": by_cycle[cycle.pk],
            }
            for cycle in cycles
        ],
    }
    return open_data.conditional_json(request, data, dated=False)


def _entry(request, entry):
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "author": _person(entry.author),
        "body_html": entry.body_html,
        "links": [
            {
                "title": link.title or link.url,
                "url": absolute(link.page.url, request) if link.page_id else link.url,
                "page_id": link.page_id,
            }
            for link in inquiries.shown_links(entry, request.user)
        ],
        "created": entry.created.isoformat(),
        "edited": _iso(entry.edited),
    }
