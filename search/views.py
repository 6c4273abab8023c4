"""The /search/ page: the same service as the API, rendered for people."""

from django.shortcuts import render

from search.documents import TYPE_LABELS
from search.query import QueryError
from search.service import run_search

FACET_LABELS = {"type": "Type", "theme": "Theme", "sector": "Sector", "region": "Council area", "country": "Country"}


def search_page(request):
    context = {"query": " ".join(request.GET.get("q", "").split())}
    status = 200
    if request.GET:
        try:
            results = run_search(request.GET, request.user)
        except QueryError as exc:
            context["errors"] = exc.errors
            status = 400
        else:
            for hit in results.hits:
                hit.type_label = TYPE_LABELS.get(hit.type, hit.type)
            context.update(results=results, facets=_facets(results, request.GET), pages=_pages(results, request.GET))
    return render(request, "search/search_page.html", context, status=status)


def _facets(results, params):
    """Each facet's values as checkboxes, ticked when active, with counts that respect the other filters."""
    facets = []
    for name, buckets in results.facets.items():
        selected = set(params.getlist(name))
        values = [
            {
                "value": b["value"],
                "count": b["count"],
                "selected": b["value"] in selected,
                "label": TYPE_LABELS.get(b["value"], b["value"]) if name == "type" else b["value"],
            }
            for b in buckets
        ]
        if values:
            facets.append({"name": name, "label": FACET_LABELS[name], "values": values})
    return facets


def _pages(results, params):
    query = params.copy()
    query.pop("page", None)
    last = max(1, -(-results.total // results.query.page_size))
    base = query.urlencode()

    def link(number):
        return f"?{base}&page={number}" if base else f"?page={number}"

    return {
        "current": results.query.page,
        "last": last,
        "previous": link(results.query.page - 1) if results.query.page > 1 else None,
        "next": link(results.query.page + 1) if results.query.page < last else None,
    }
