"""Case studies over JSON (/api/v1/case-studies): the list, the detail and the open data downloads.

The same rules and shapes as learning/api.py: the case study index's filters, only what the caller may
see (learning/visibility.py), conditional answers (learning/open_data.py).
"""

from ninja import Field, Path, Query, Router

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from learning import open_data
from learning.api import (
    BODY_EXAMPLE,
    CSV_RESPONSE,
    ID,
    LINK_EXAMPLE,
    READ,
    Body,
    DownloadMeta,
    ListPage,
    PageSummary,
    Paging,
    Term,
    ThemeSector,
    download_example,
    example,
    listed,
    listing,
    page_example,
    readable,
    rich_text,
    stream,
    summary_of,
    visible_links,
)
from learning.visibility import access

router = Router(tags=["content"])


class CaseStudyFilters(ThemeSector):
    council_area: list[str] = Field(None, description="Council area slugs (any of them).", examples=[["fife"]])
    approach: list[str] = Field(None, description="co_production, participatory_budgeting, ...")


class CaseStudyItem(PageSummary):
    council_area: Term = Field(description="Where the work happened.")
    lead_organisation: str
    partners: list[str] = Field(description="The partner organisations, one per entry.")
    approach: Term
    start_year: int
    end_year: int | None = Field(description="Null while the work goes on.")
    period: str = Field(description="The period in words: 2017 to 2019, 2021 onwards.")


class CaseStudyList(ListPage):
    results: list[CaseStudyItem]


class CaseStudyDetail(CaseStudyItem):
    challenge: Body
    what_was_done: Body
    outcomes: Body = Field(description="What changed.")
    evaluation: Body
    lessons: Body
    evidence_used: list[dict] = Field(description="The evidence summaries the caller may see that it drew on.")
    attachments: Body


CASE_STUDY_EXAMPLE = page_example(
    "casestudy",
    "case-studies",
    council_area={"slug": "fife", "name": "Fife"},
    lead_organisation="Fife Council",
    partners=["NHS Fife", "Fife Voluntary Action"],
    approach={"slug": "co_production", "name": "Co-production"},
    start_year=2017,
    end_year=2019,
    period="2017 to 2019",
)


def case_study_item(request, page):
    return {
        **summary_of(request, page, "case-studies"),
        "council_area": {"slug": page.council_area.slug, "name": page.council_area.name},
        "lead_organisation": page.lead_organisation,
        "partners": page.partners,
        "approach": {"slug": page.approach, "name": page.get_approach_display()},
        "start_year": page.start_year,
        "end_year": page.end_year,
        "period": page.period,
    }


def case_study_pages(request):
    pages = listing(CaseStudyPage, request.user).select_related("council_area")
    return open_data.filtered(pages, CaseStudyIndexPage.filter_names, request.GET)


@router.get(
    "/case-studies",
    response={200: CaseStudyList, **READ},
    summary="Case studies",
    url_name="api-casestudy-list",
    openapi_extra=example(listed(CASE_STUDY_EXAMPLE)),
)
def case_study_list(request, filters: Query[CaseStudyFilters], paging: Query[Paging]):
    """The case studies the caller may see; the case study index's filters."""
    pages, _ = case_study_pages(request)
    pages = open_data.ordered(pages, paging.ordering)
    items, links = open_data.page_of(request, pages, paging.page, paging.page_size)
    data = {**links, "results": [case_study_item(request, page) for page in items]}
    return open_data.conditional_json(request, data, open_data.latest_published(pages))


COLUMNS = [
    "id", "title", "url", "summary", "themes", "sectors", "council_area", "lead_organisation", "partners",
    "approach", "approach_label", "start_year", "end_year", "period", "evidence_used", "first_published_at",
    "last_published_at",
]  # fmt: skip


def case_study_row(request, page, evidence):
    item = case_study_item(request, page)
    return {
        "id": page.pk,
        "title": page.title,
        "url": item["url"],
        "summary": page.summary,
        "themes": [theme["name"] for theme in item["themes"]],
        "sectors": [sector["name"] for sector in item["sectors"]],
        "council_area": page.council_area.name,
        "lead_organisation": page.lead_organisation,
        "partners": page.partners,
        "approach": page.approach,
        "approach_label": page.get_approach_display(),
        "start_year": page.start_year,
        "end_year": page.end_year,
        "period": page.period,
        "evidence_used": evidence,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def case_study_download(request, fmt):
    pages, active = case_study_pages(request)
    pages = list(open_data.ordered(pages.prefetch_related("evidence_used"), "title"))
    user_access = access(request.user)
    rows = []
    for page in pages:
        used = sorted(evidence.title for evidence in page.evidence_used.all() if user_access.allows(evidence))
        rows.append(case_study_row(request, page, used))
    latest = max((page.last_published_at for page in pages if page.last_published_at), default=None)
    return open_data.download(request, "case-studies", fmt, COLUMNS, rows, active, latest)


DOWNLOAD_DOC = (
    "One row per case study the caller may see, the case study index's filters applied, ordered by title; "
    "vocabularies as columns (lists joined by '; ' in CSV), under the Open Government Licence v3.0 "
    '(the `licence` column; a `Link: <...>; rel="license"` header).'
)


@router.get(
    "/case-studies/download.csv",
    response={200: None, **READ},
    summary="Case studies as CSV (open data)",
    description=DOWNLOAD_DOC,
    url_name="api-casestudy-csv",
    openapi_extra=CSV_RESPONSE,
)
def case_study_csv(request, filters: Query[CaseStudyFilters]):
    return case_study_download(request, "csv")


@router.get(
    "/case-studies/download.json",
    response={200: DownloadMeta, **READ},
    summary="Case studies as JSON (open data)",
    description=DOWNLOAD_DOC,
    url_name="api-casestudy-json",
    openapi_extra=example(
        download_example(
            ["id", "title", "council_area", "..."], {"id": 52, "title": "Fife co-design", "council_area": "Fife"}
        )
    ),
)
def case_study_json(request, filters: Query[CaseStudyFilters]):
    return case_study_download(request, "json")


@router.get(
    "/case-studies/{page_id}",
    response={200: CaseStudyDetail, **READ},
    summary="A case study",
    openapi_extra=example(
        {
            **CASE_STUDY_EXAMPLE,
            "challenge": BODY_EXAMPLE,
            "what_was_done": BODY_EXAMPLE,
            "outcomes": BODY_EXAMPLE,
            "evaluation": {"blocks": None, "html": "<p>An independent evaluation with a local university.</p>"},
            "lessons": BODY_EXAMPLE,
            "evidence_used": [{**LINK_EXAMPLE, "type": "evidence", "title": "What works in co-production"}],
            "attachments": {"blocks": [], "html": ""},
        }
    ),
)
def case_study_detail(request, page_id: int = Path(..., **ID)):
    """Place, period, approach, partners, outcomes, lessons and the evidence used, with every body."""
    page = readable(CaseStudyPage, page_id, request.user)
    data = {
        **case_study_item(request, page),
        "challenge": stream(page.challenge),
        "what_was_done": stream(page.what_was_done),
        "outcomes": stream(page.what_changed),
        "evaluation": rich_text(page.evaluation),
        "lessons": stream(page.lessons),
        "evidence_used": visible_links(request, page.evidence_used.all(), request.user),
        "attachments": stream(page.attachments),
    }
    return open_data.conditional_json(request, data, page.last_published_at)
