"""Search as the views and the API use it: parse, expand, ask the right backend, fall back, log."""

import logging

from django.core.cache import cache

from search.access import viewer_communities
from search.backends import database_backend, primary_backend
from search.backends.base import BackendUnavailable
from search.models import QueryLog
from search.query import SearchQuery
from search.text import term_groups

logger = logging.getLogger(__name__)
GLOSSARY_CACHE_KEY = "search:glossary:v1"


def glossary():
    """Lists of interchangeable names from the editors' glossary (cached; cleared when it changes)."""
    entries = cache.get(GLOSSARY_CACHE_KEY)
    if entries is None:
        from learning.models import GlossaryTerm

        entries = [term.equivalents() for term in GlossaryTerm.objects.all()]
        cache.set(GLOSSARY_CACHE_KEY, entries, 300)
    return entries


def forget_glossary():
    cache.delete(GLOSSARY_CACHE_KEY)


def prepare(query):
    query.groups = term_groups(query.text, glossary())
    return query


def _with_fallback(action):
    """Run `action(backend)` on the primary backend; if Elasticsearch is down, on the database."""
    backend = primary_backend()
    try:
        return action(backend), False
    except BackendUnavailable as exc:
        if backend.name == "database":
            raise
        logger.warning("search falling back to the database: %s", exc)
        return action(database_backend()), True


def run_search(params, user):
    """SearchResults for request parameters (raises QueryError for bad ones)."""
    query = prepare(SearchQuery.from_params(params))
    communities = viewer_communities(user)
    results, incomplete = _with_fallback(lambda backend: backend.search(query, communities))
    results.incomplete = incomplete
    if query.text and query.page == 1:
        QueryLog.objects.create(query=query.text[:200].lower(), results=results.total, backend=results.backend)
    return results


def suggest(text, user, limit=8):
    text = " ".join((text or "").split())[:100]
    if len(text) < 2:
        return []
    suggestions, _ = _with_fallback(lambda backend: backend.suggest(text, viewer_communities(user), limit))
    return suggestions


def more_like_this(doc_id, user, limit=3):
    hits, _ = _with_fallback(lambda backend: backend.more_like_this(doc_id, viewer_communities(user), limit))
    return hits
