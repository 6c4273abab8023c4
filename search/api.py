"""GET /api/v1/search and /api/v1/search/suggest, in the shapes docs/protocols.md fixes."""

from ninja import Router

from cop_site.errors import DomainError, ErrorOut
from learning.open_data import example
from search.query import QueryError
from search.service import run_search, suggest

router = Router(tags=["search"])


def results_json(results):
    return {
        "query": results.query.text,
        "total": results.total,
        "page": results.query.page,
        "page_size": results.query.page_size,
        "backend": results.backend,
        "incomplete": results.incomplete,
        "did_you_mean": results.did_you_mean,
        "corrected": results.corrected,
        "results": [
            {
                "type": hit.type,
                "title": hit.title,
                "title_html": hit.title_html,
                "url": hit.url,
                "snippet_html": hit.snippet_html,
                "themes": hit.themes,
                "published": hit.published.isoformat() if hasattr(hit.published, "isoformat") else hit.published,
                "score": hit.score,
            }
            for hit in results.hits
        ],
        "facets": results.facets,
    }


SEARCH_EXAMPLE = {
    "query": "participatory budgeting",
    "total": 1,
    "page": 1,
    "page_size": 10,
    "backend": "elasticsearch",
    "incomplete": False,
    "did_you_mean": None,
    "corrected": False,
    "results": [
        {
            "type": "casestudy",
            "title": "Residents decide on Leith's budget",
            "title_html": "Residents decide on Leith's budget",
            "url": "https://example.org/case-studies/leith-decides/",
            "snippet_html": "<mark>Participatory budgeting</mark> in Leith since 2010.",
            "themes": ["participatory budgeting"],
            "published": "2026-03-02T10:00:00+00:00",
            "score": 12.5,
        }
    ],
    "facets": {"type": [{"value": "casestudy", "count": 1}], "theme": [], "sector": [], "region": [], "country": []},
}


@router.get(
    "/search",
    response={200: dict, 422: ErrorOut},
    summary="Search pages and discussions",
    url_name="api-search",
    openapi_extra=example(SEARCH_EXAMPLE),
)
def search(request):
    """Query parameters: q, type, theme, sector, region, country (repeatable), page, sort (relevance|newest),
    original (1: no spelling correction). When the query as typed finds nothing and a corrected spelling
    does, the results are for the correction: `did_you_mean` holds it and `corrected` is true."""
    try:
        results = run_search(request.GET, request.user)
    except QueryError as exc:
        raise DomainError("invalid_parameters", f"Check the search: {exc}.", fields=exc.errors) from exc
    return results_json(results)


@router.get(
    "/search/suggest",
    summary="Title suggestions for the search box",
    url_name="api-search-suggest",
    openapi_extra=example(
        {
            "suggestions": [
                {"title": "Participatory budgeting in Leith", "url": "/case-studies/leith/", "type": "casestudy"}
            ]
        }
    ),
)
def search_suggest(request):
    return {"suggestions": suggest(request.GET.get("q", ""), request.user)}
