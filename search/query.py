"""A search request, checked: what the API, the search page and both backends take."""

from dataclasses import dataclass, field

from search.documents import FACETS, TYPES
from search.text import WORD

MAX_QUERY_LENGTH = 200
MAX_PAGE = 100
PAGE_SIZE = 10
SORTS = ("relevance", "newest")
# The API's filter parameters and the document field each one filters.
FILTER_FIELDS = {"type": "type", "theme": "themes", "sector": "sectors", "region": "region", "country": "countries"}


class QueryError(ValueError):
    """Bad parameters: `errors` maps each parameter to what is wrong with it."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name -> accepted values (OR)
    page: int = 1
    sort: str = "relevance"
    page_size: int = PAGE_SIZE
    groups: list = field(default_factory=list)  # TermGroups, filled by the service (search.text.term_groups)
    minimum: int | None = None  # content words a document must match; None: search.text.required_coverage

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @classmethod
    def from_params(cls, params):
        """Build from a QueryDict (or dict of lists). Raises QueryError with every problem found."""
        errors = {}
        text = " ".join((params.get("q") or "").split())
        if len(text) > MAX_QUERY_LENGTH:
            errors["q"] = f"Use at most {MAX_QUERY_LENGTH} characters."
        elif text and not WORD.search(text):
            errors["q"] = "Type a word to search for: punctuation alone matches nothing."
        filters = {}
        for name in FACETS:
            values = [v.strip() for v in _getlist(params, name) if v.strip()]
            if any(len(v) > 100 for v in values):
                errors[name] = "A filter value is at most 100 characters."
            elif name == "type" and any(v not in TYPES for v in values):
                errors[name] = f"Choose from {', '.join(TYPES)}."
            elif values:
                filters[name] = values
        page = params.get("page") or "1"
        if not str(page).isdigit() or not 1 <= int(page) <= MAX_PAGE:
            errors["page"] = f"A whole number from 1 to {MAX_PAGE}."
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            errors["sort"] = f"Choose from {', '.join(SORTS)}."
        if errors:
            raise QueryError(errors)
        return cls(text=text, filters=filters, page=int(page), sort=sort)


def _getlist(params, name):
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name, [])
    return value if isinstance(value, list) else [value]


@dataclass
class Hit:
    doc_id: str
    type: str
    title: str
    url: str
    snippet_html: str
    themes: list[str]
    published: object
    score: float
    title_html: str = ""  # the title with the query's words marked


@dataclass
class SearchResults:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[dict]]
    backend: str
    did_you_mean: str | None = None  # a spelling correction that finds results
    corrected: bool = False  # the hits are for did_you_mean, because the query as typed found nothing
    incomplete: bool = False  # answered by the fallback because the main backend is down
    group_counts: list[int] = field(default_factory=list)  # documents matching each term group, any filter
