"""The content over JSON: evidence summaries, practice guides, pathways and the glossary (/api/v1/).

Lists take the index pages' filters (learning/models/filters.py), page through a stable order and link
`next`/`previous`; a detail has every structured field, StreamField bodies both as blocks and as
sanitised HTML. Only what the caller may see (learning/visibility.py, as that person); a page they may
not see is a 404 like a missing one. Every answer is conditional (learning/open_data.py: ETag,
Last-Modified, 304). The evidence downloads (CSV and JSON, under the content licence) take the same
filters. Case studies are the same in casestudies/api.py.
"""

from datetime import datetime

import nh3
from ninja import Field, Path, Query, Router, Schema
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from cop_site.addresses import absolute
from cop_site.errors import DomainError, ErrorOut
from learning import open_data
from learning.models import (
    EvidenceIndexPage,
    EvidenceSummaryPage,
    GlossaryTerm,
    GuideIndexPage,
    LearningPathwayPage,
    PathwayIndexPage,
    PracticeGuidePage,
)
from learning.open_data import example
from learning.ratings import COST_CRITERIA, IMPACT_CRITERIA, STRENGTH_CRITERIA
from learning.visibility import access, visible_pages

router = Router(tags=["content"])

MAX_ID = 2**31 - 1
ID = {"ge": 1, "le": MAX_ID}
READ = {304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut}  # 400: a NUL character (cop_site/middleware.py)
HTML_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "ol", "ul", "li", "a", "blockquote", "figure",
    "figcaption", "img", "div", "span", "cite", "footer", "dl", "dt", "dd", "h5", "h6", "abbr",
}  # fmt: skip
HTML_ATTRIBUTES = {"*": {"class", "title"}, "a": {"href"}, "img": {"src", "alt", "width", "height"}}


# --- shapes -------------------------------------------------------------------------------------------
class Term(Schema):
    slug: str
    name: str


class Rating(Schema):
    value: str | int
    label: str
    criteria: str = Field(description="What an editor found to give this rating (learning/ratings.py).")


class Body(Schema):
    """A StreamField or rich text field both ways."""

    blocks: list[dict] | None = Field(
        description="Structured blocks [{type, value, id}] (rich text as HTML; images, documents and pages by id); "
        "null for a rich text field."
    )
    html: str = Field(description="The body as the page shows it, sanitised: no scripts, styles or embeds.")


class PageSummary(Schema):
    id: int
    type: str = Field(description="casestudy, evidence, guide or pathway")
    title: str
    slug: str
    url: str = Field(description="The page on the site.")
    api_url: str = Field(description="The page's detail in this API.")
    summary: str
    themes: list[Term]
    sectors: list[Term]
    first_published_at: datetime | None
    last_published_at: datetime | None


class ListPage(Schema):
    count: int = Field(description="How many items match, over every page.")
    page: int
    page_size: int
    next: str | None = Field(description="The next page's address, or null on the last page.")
    previous: str | None


class EvidenceItem(PageSummary):
    question: str
    countries: list[Term]
    study_type: Term
    strength: Rating = Field(description="0 to 5, with the criteria of the level given.")
    impact: Rating
    cost: Rating


class EvidenceList(ListPage):
    results: list[EvidenceItem]


class EvidenceDetail(EvidenceItem):
    source_citation: str
    source_url: str
    key_findings: Body
    implications: Body
    limitations: Body
    used_by_case_studies: list[dict] = Field(description="Case studies the caller may see that used it: id, title, url")


class GuideItem(PageSummary):
    purpose: str
    audience: str
    time_needed: str
    skills: list[Term]


class GuideList(ListPage):
    results: list[GuideItem]


class GuideDetail(GuideItem):
    steps: Body
    tips: Body
    resources: Body
    related_case_studies: list[dict] = Field(description="Case studies the caller may see: id, title, url.")


class PathwayItem(PageSummary):
    step_count: int


class PathwayList(ListPage):
    results: list[PathwayItem]


class PathwayStep(Schema):
    page: dict | None = Field(description="The page to work through (id, type, title, url), or null if hidden.")
    why: str
    reflection_prompt: str


class PathwayDetail(PathwayItem):
    introduction: Body
    steps: list[PathwayStep]


class GlossaryEntry(Schema):
    term: str
    expansion: str
    synonyms: list[str] = Field(description="Other names for the same thing: search treats them all alike.")
    related: list[str] = Field(description="Everyday phrases people use for it.")
    related_terms: list[str] = Field(description="Other glossary terms named in this one's description.")
    description: str


class GlossaryOut(Schema):
    count: int
    terms: list[GlossaryEntry]


class DownloadMeta(Schema):
    licence: dict = Field(description="name, url, attribution: the content licence the data is published under.")
    filters: dict[str, list[str]]
    count: int
    columns: list[str]
    items: list[dict] = Field(description="One row per item, the columns as keys; lists as lists.")


# --- examples for the OpenAPI document -----------------------------------------------------------------
def listed(item):
    next_page = "https://example.org/api/v1/evidence?strength=4&strength=5&page=2"
    return {"count": 3, "page": 1, "page_size": 1, "next": next_page, "previous": None, "results": [item]}


THEME = {"slug": "deliberation", "name": "deliberation"}
SECTOR = {"slug": "local-government", "name": "Local government"}
PAGE_EXAMPLE = {
    "id": 41,
    "title": "Deliberative mini-publics",
    "slug": "deliberative-mini-publics",
    "summary": "What randomly selected citizens' panels change in local decisions.",
    "themes": [THEME],
    "sectors": [SECTOR],
    "first_published_at": "2026-03-02T10:00:00Z",
    "last_published_at": "2026-11-20T09:30:00Z",
}


def page_example(kind, route, **fields):
    return {
        **PAGE_EXAMPLE,
        "type": kind,
        "url": f"https://example.org/{route}/deliberative-mini-publics/",
        "api_url": f"https://example.org/api/v1/{route}/41",
        **fields,
    }


BODY_EXAMPLE = {
    "blocks": [{"type": "text", "value": "<p>Panels changed <b>three</b> decisions.</p>", "id": "5c1e..."}],
    "html": '<div class="cop-richtext"><p>Panels changed <b>three</b> decisions.</p></div>',
}
EVIDENCE_EXAMPLE = page_example(
    "evidence",
    "evidence",
    question="Do deliberative mini-publics improve local decisions?",
    countries=[{"slug": "scotland", "name": "Scotland"}],
    study_type={"slug": "systematic_review", "name": "Systematic review"},
    strength={"value": 4, "label": "4 - extensive", "criteria": STRENGTH_CRITERIA[4]},
    impact={"value": "moderate", "label": "Moderate positive", "criteria": IMPACT_CRITERIA["moderate"]},
    cost={"value": "low", "label": "Low", "criteria": COST_CRITERIA["low"]},
)
GUIDE_EXAMPLE = page_example(
    "guide",
    "guides",
    purpose="Plan and host a safe, structured community conversation.",
    audience="Community planning officers.",
    time_needed="Two hours, plus preparation",
    skills=[{"slug": "facilitation", "name": "Facilitation"}],
)
PATHWAY_EXAMPLE = page_example("pathway", "pathways", step_count=2)
LINK_EXAMPLE = {
    "id": 52,
    "type": "casestudy",
    "title": "Fife co-design",
    "url": "https://example.org/case-studies/fife/",
}


def download_example(columns, item):
    return {
        "licence": open_data.LICENCE,
        "filters": {"strength": ["4", "5"]},
        "count": 1,
        "columns": columns,
        "items": [item],
    }


# --- pieces every content endpoint uses ----------------------------------------------------------------
def clean_html(html):
    return nh3.clean(str(html), tags=HTML_TAGS, attributes=HTML_ATTRIBUTES, url_schemes={"http", "https", "mailto"})


def stream(value):
    """A StreamField as blocks and as the page's sanitised HTML."""
    return {"blocks": value.stream_block.get_api_representation(value), "html": clean_html(value.render_as_block())}


def rich_text(value):
    return {"blocks": None, "html": clean_html(expand_db_html(value or ""))}


def terms(items):
    return [{"slug": item.slug, "name": item.name} for item in items]


def page_link(request, page):
    return {
        "id": page.pk,
        "type": getattr(page.specific_class, "content_type_key", ""),
        "title": page.title,
        "url": absolute(page.get_url(request=request) or "/", request),
    }


def summary_of(request, page, route):
    return {
        "id": page.pk,
        "type": page.content_type_key,
        "title": page.title,
        "slug": page.slug,
        "url": absolute(page.get_url(request=request) or "/", request),
        "api_url": absolute(f"/api/v1/{route}/{page.pk}", request),
        "summary": page.summary,
        "themes": terms(sorted((tagged.tag for tagged in page.tagged_themes.all()), key=lambda tag: tag.name)),
        "sectors": terms(page.sectors.all()),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def listing(model, user):
    """The pages of one type this person may see, with what a list shows fetched once."""
    return visible_pages(model.objects.all(), user).prefetch_related("tagged_themes__tag", "sectors")


def readable(model, page_id, user):
    page = listing(model, user).filter(pk=page_id).first()
    if page is None:
        raise DomainError("not_found", "There is no such page, or you cannot see it.")
    return page


def list_answer(request, pages, page, page_size, item):
    items, links = open_data.page_of(request, pages, page, page_size)
    data = {**links, "results": [item(request, each) for each in items]}
    return open_data.conditional_json(request, data, open_data.latest_published(pages))


def visible_links(request, pages, user):
    return [page_link(request, page) for page in visible_pages(pages, user).order_by("title", "pk")]


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_ID, description="Which page, from 1.")
    page_size: int = Field(open_data.PAGE_SIZE, ge=1, le=open_data.MAX_PAGE_SIZE, description="Items per page.")
    ordering: str = Field(
        "-published",
        description="-published (newest first), published, title, -title; evidence also -strength, strength.",
        examples=["-published"],
    )


class ThemeSector(Schema):
    theme: list[str] = Field(None, description="Theme slugs (any of them).", examples=[["co-production"]])
    sector: list[str] = Field(None, description="Sector slugs (any of them).")


class EvidenceFilters(ThemeSector):
    country: list[str] = Field(None, description="Country slugs (any of them).", examples=[["scotland"]])
    study_type: list[str] = Field(None, description="systematic_review, randomised_trial, ...")
    strength: list[str] = Field(None, description="Strengths of evidence, 0 to 5.", examples=[["4", "5"]])


class GuideFilters(ThemeSector):
    skill: list[str] = Field(None, description="Skill slugs (any of them).")


# --- evidence -----------------------------------------------------------------------------------------
STRENGTH_ORDERING = {"-strength": ("-strength", "-first_published_at", "-pk"), "strength": ("strength", "pk")}


def rating(value, label, criteria):
    return {"value": value, "label": label, "criteria": criteria}


def evidence_item(request, page):
    return {
        **summary_of(request, page, "evidence"),
        "question": page.question,
        "countries": terms(page.countries.all()),
        "study_type": {"slug": page.study_type, "name": page.get_study_type_display()},
        "strength": rating(page.strength, page.get_strength_display(), STRENGTH_CRITERIA[page.strength]),
        "impact": rating(page.impact, page.get_impact_display(), IMPACT_CRITERIA[page.impact]),
        "cost": rating(page.cost, page.get_cost_display(), COST_CRITERIA[page.cost]),
    }


def evidence_pages(request):
    pages = listing(EvidenceSummaryPage, request.user).prefetch_related("countries")
    pages, active = open_data.filtered(pages, EvidenceIndexPage.filter_names, request.GET)
    return pages, active


@router.get(
    "/evidence",
    response={200: EvidenceList, **READ},
    summary="Evidence summaries",
    url_name="api-evidence-list",
    openapi_extra=example(listed(EVIDENCE_EXAMPLE)),
)
def evidence_list(request, filters: Query[EvidenceFilters], paging: Query[Paging]):
    """The evidence summaries the caller may see, with their ratings; the evidence index's filters."""
    pages, _ = evidence_pages(request)
    pages = open_data.ordered(pages, paging.ordering, STRENGTH_ORDERING)
    return list_answer(request, pages, paging.page, paging.page_size, evidence_item)


EVIDENCE_COLUMNS = [
    "id", "title", "url", "summary", "question", "themes", "sectors", "countries", "study_type",
    "study_type_label", "strength", "strength_label", "strength_criteria", "impact", "impact_label", "cost",
    "cost_label", "source_citation", "source_url", "used_by_case_studies", "first_published_at", "last_published_at",
]  # fmt: skip


def evidence_row(request, page, case_studies):
    item = evidence_item(request, page)
    return {
        "id": page.pk,
        "title": page.title,
        "url": item["url"],
        "summary": page.summary,
        "question": page.question,
        "themes": [theme["name"] for theme in item["themes"]],
        "sectors": [sector["name"] for sector in item["sectors"]],
        "countries": [country["name"] for country in item["countries"]],
        "study_type": page.study_type,
        "study_type_label": page.get_study_type_display(),
        "strength": page.strength,
        "strength_label": page.get_strength_display(),
        "strength_criteria": STRENGTH_CRITERIA[page.strength],
        "impact": page.impact,
        "impact_label": page.get_impact_display(),
        "cost": page.cost,
        "cost_label": page.get_cost_display(),
        "source_citation": page.source_citation,
        "source_url": page.source_url,
        "used_by_case_studies": case_studies.get(page.pk, []),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def evidence_download(request, fmt):
    pages, active = evidence_pages(request)
    pages = list(open_data.ordered(pages.prefetch_related("used_by_case_studies"), "title"))
    user_access = access(request.user)
    case_studies = {}
    for page in pages:
        used = [study for study in page.used_by_case_studies.all() if user_access.allows(study)]
        case_studies[page.pk] = [study.title for study in sorted(used, key=lambda study: study.title)]
    rows = [evidence_row(request, page, case_studies) for page in pages]
    latest = max((page.last_published_at for page in pages if page.last_published_at), default=None)
    return open_data.download(request, "evidence-summaries", fmt, EVIDENCE_COLUMNS, rows, active, latest)


DOWNLOAD_DOC = (
    "One row per evidence summary the caller may see, the evidence index's filters applied, ordered by title; "
    "ratings and vocabularies as columns (lists joined by '; ' in CSV), under the Open Government Licence v3.0 "
    '(the `licence` column; a `Link: <...>; rel="license"` header).'
)
CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "A CSV file with a header row; cells a spreadsheet would read as a formula start with '.",
            "content": {"text/csv": {"schema": {"type": "string"}, "example": "id,title,...,licence\r\n"}},
        }
    }
}


@router.get(
    "/evidence/download.csv",
    response={200: None, **READ},
    summary="Evidence summaries as CSV (open data)",
    description=DOWNLOAD_DOC,
    url_name="api-evidence-csv",
    openapi_extra=CSV_RESPONSE,
)
def evidence_csv(request, filters: Query[EvidenceFilters]):
    return evidence_download(request, "csv")


@router.get(
    "/evidence/download.json",
    response={200: DownloadMeta, **READ},
    summary="Evidence summaries as JSON (open data)",
    description=DOWNLOAD_DOC,
    url_name="api-evidence-json",
    openapi_extra=example(
        download_example(
            ["id", "title", "strength", "..."], {"id": 41, "title": "Deliberative mini-publics", "strength": 4}
        )
    ),
)
def evidence_json(request, filters: Query[EvidenceFilters]):
    return evidence_download(request, "json")


@router.get(
    "/evidence/{page_id}",
    response={200: EvidenceDetail, **READ},
    summary="An evidence summary",
    openapi_extra=example(
        {
            **EVIDENCE_EXAMPLE,
            "source_citation": "Smith, J. (2021) Mini-publics in local government. Policy Press.",
            "source_url": "https://example.org/study",
            "key_findings": BODY_EXAMPLE,
            "implications": BODY_EXAMPLE,
            "limitations": {"blocks": None, "html": "<p>Few studies in Scotland.</p>"},
            "used_by_case_studies": [LINK_EXAMPLE],
        }
    ),
)
def evidence_detail(request, page_id: int = Path(..., **ID)):
    """Every structured field: the ratings with their criteria, countries, study type, the source, the bodies."""
    page = readable(EvidenceSummaryPage, page_id, request.user)
    data = {
        **evidence_item(request, page),
        "source_citation": page.source_citation,
        "source_url": page.source_url,
        "key_findings": stream(page.key_findings),
        "implications": stream(page.implications),
        "limitations": rich_text(page.limitations),
        "used_by_case_studies": visible_links(request, page.used_by_case_studies.all(), request.user),
    }
    return open_data.conditional_json(request, data, page.last_published_at)


# --- guides -------------------------------------------------------------------------------------------
def guide_item(request, page):
    return {
        **summary_of(request, page, "guides"),
        "purpose": page.purpose,
        "audience": page.audience,
        "time_needed": page.time_needed,
        "skills": terms(page.skills.all()),
    }


@router.get(
    "/guides",
    response={200: GuideList, **READ},
    summary="Practice guides",
    url_name="api-guide-list",
    openapi_extra=example(listed(GUIDE_EXAMPLE)),
)
def guide_list(request, filters: Query[GuideFilters], paging: Query[Paging]):
    """The practice guides the caller may see; the guide index's filters."""
    pages = listing(PracticeGuidePage, request.user).prefetch_related("skills")
    pages, _ = open_data.filtered(pages, GuideIndexPage.filter_names, request.GET)
    pages = open_data.ordered(pages, paging.ordering)
    return list_answer(request, pages, paging.page, paging.page_size, guide_item)


@router.get(
    "/guides/{page_id}",
    response={200: GuideDetail, **READ},
    summary="A practice guide",
    openapi_extra=example(
        {
            **GUIDE_EXAMPLE,
            "steps": BODY_EXAMPLE,
            "tips": BODY_EXAMPLE,
            "resources": {"blocks": [], "html": ""},
            "related_case_studies": [LINK_EXAMPLE],
        }
    ),
)
def guide_detail(request, page_id: int = Path(..., **ID)):
    page = readable(PracticeGuidePage, page_id, request.user)
    related = page.related_case_studies.values_list("case_study_id", flat=True)
    data = {
        **guide_item(request, page),
        "steps": stream(page.steps),
        "tips": stream(page.tips),
        "resources": stream(page.resources),
        "related_case_studies": visible_links(request, Page.objects.filter(pk__in=list(related)), request.user),
    }
    return open_data.conditional_json(request, data, page.last_published_at)


# --- pathways -----------------------------------------------------------------------------------------
def pathway_item(request, page):
    return {**summary_of(request, page, "pathways"), "step_count": len(page.steps)}


@router.get(
    "/pathways",
    response={200: PathwayList, **READ},
    summary="Learning pathways",
    url_name="api-pathway-list",
    openapi_extra=example(listed(PATHWAY_EXAMPLE)),
)
def pathway_list(request, filters: Query[ThemeSector], paging: Query[Paging]):
    """The learning pathways the caller may see; the pathway index's filters."""
    pages = listing(LearningPathwayPage, request.user)
    pages, _ = open_data.filtered(pages, PathwayIndexPage.filter_names, request.GET)
    pages = open_data.ordered(pages, paging.ordering)
    return list_answer(request, pages, paging.page, paging.page_size, pathway_item)


@router.get(
    "/pathways/{page_id}",
    response={200: PathwayDetail, **READ},
    summary="A learning pathway",
    openapi_extra=example(
        {
            **PATHWAY_EXAMPLE,
            "introduction": {"blocks": None, "html": "<p>A route through the material.</p>"},
            "steps": [
                {"page": LINK_EXAMPLE, "why": "See it used.", "reflection_prompt": "What would differ for you?"},
                {"page": None, "why": "A step you cannot see.", "reflection_prompt": "..."},
            ],
        }
    ),
)
def pathway_detail(request, page_id: int = Path(..., **ID)):
    """Its steps in order; a step whose page the caller may not see names no page (`page` is null)."""
    page = readable(LearningPathwayPage, page_id, request.user)
    user_access = access(request.user)
    steps = []
    for step in page.steps:
        target = step.value["page"]
        shown = target is not None and user_access.allows(target)
        steps.append(
            {
                "page": page_link(request, target) if shown else None,
                "why": step.value["why"],
                "reflection_prompt": step.value["reflection_prompt"],
            }
        )
    data = {**pathway_item(request, page), "introduction": rich_text(page.introduction), "steps": steps}
    return open_data.conditional_json(request, data, page.last_published_at)


# --- glossary -----------------------------------------------------------------------------------------
@router.get(
    "/glossary",
    response={200: GlossaryOut, 304: None},
    summary="The glossary",
    url_name="api-glossary",
    openapi_extra=example(
        {
            "count": 1,
            "terms": [
                {
                    "term": "PB",
                    "expansion": "participatory budgeting",
                    "synonyms": ["community choices"],
                    "related": ["a say over money", "community grants"],
                    "related_terms": [],
                    "description": "Residents deciding directly how part of a public budget is spent.",
                }
            ],
        }
    ),
)
def glossary(request):
    """Every abbreviation and term of art, A to Z, with its synonyms, everyday phrases and related terms."""
    entries = list(GlossaryTerm.objects.order_by("term"))
    data = {"count": len(entries), "terms": [glossary_entry(entry, entries) for entry in entries]}
    return open_data.conditional_json(request, data)


def glossary_entry(entry, entries):
    description = f" {entry.description.lower()} "
    related = [
        other.term
        for other in entries
        if other.pk != entry.pk and any(f" {name.lower()} " in description for name in other.equivalents())
    ]
    return {
        "term": entry.term,
        "expansion": entry.expansion,
        "synonyms": [name for name in entry.equivalents()[2:]],
        "related": entry.related_phrases(),
        "related_terms": related,
        "description": entry.description,
    }
