"""GET /api/v1/search and /api/v1/search/suggest, in the shapes docs/protocols.md fixes."""

from ninja import Router

from cop_site.errors import DomainError, ErrorOut
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


@router.get(
    "/search", response={200: dict, 422: ErrorOut}, summary="Search pages and discussions", url_name="api-search"
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


@router.get("/search/suggest", summary="Title suggestions for the search box", url_name="api-search-suggest")
def search_suggest(request):
    return {"suggestions": suggest(request.GET.get("q", ""), request.user)}
