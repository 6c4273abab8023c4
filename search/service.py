"""Search as the views and the API use it: parse, expand, ask the right backend, fall back, log."""

import logging
from dataclasses import replace
from threading import Lock
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from learning.models import ContentPage, GlossaryTerm, Theme
from learning.visibility import visible_pages
from search import spelling, tasks
from search.access import viewer_communities
from search.backends import database_backend, primary_backend
from search.backends.base import BackendUnavailable
from search.breaker import breaker_for, node_failed
from search.models import PendingIndexUpdate, QueryLog
from search.query import SearchQuery
from search.text import (
    can_relax,
    covers_a_known_subject,
    fold,
    is_long,
    required_coverage,
    sunk_by_unknown_word,
    term_groups,
    unknown_words,
    words,
)

logger = logging.getLogger(__name__)
# The glossaries built lately, by the rows they were built from (a few: one is current, the others are
# what a rolled-back transaction or another database read).
KEPT_GLOSSARIES = 4
_glossaries = {}  # (glossary rows, theme rows) -> entries
_glossaries_lock = Lock()


def glossary():
    """(interchangeable names, related everyday phrases, description) of each entry of the editors'
    glossary. An entry that names a theme (among its names or related phrases) also describes itself in
    the theme's description, which editors write in plain words: a query that describes the theme without
    naming it finds its pages (search.text.concept_groups).

    Read on every search (the glossary's and the themes' short rows: about 0.5 ms, no more than fetching a
    cached copy from Redis took); only what is built from them is kept, in this process, by the rows
    themselves. So a search always uses the glossary its database holds now, however it changed (an
    editor's save, a bulk update or data migration that saves no entry, a rolled-back transaction, another
    database sharing the cache), and never one that an earlier search happened to read."""
    rows = (
        tuple(GlossaryTerm.objects.values_list("term", "expansion", "synonyms", "related", "description")),
        tuple(Theme.objects.values_list("name", "description")),
    )
    with _glossaries_lock:
        entries = _glossaries.get(rows)
    if entries is None:
        entries = _glossary_entries(*rows)
        with _glossaries_lock:
            if len(_glossaries) >= KEPT_GLOSSARIES:
                _glossaries.pop(next(iter(_glossaries)))  # the oldest goes first
            _glossaries[rows] = entries
    return entries


def _glossary_entries(term_rows, theme_rows):
    themes = {fold(name): description for name, description in theme_rows}
    entries = []
    for term, expansion, synonyms, related, description in term_rows:
        entry = GlossaryTerm(term=term, expansion=expansion, synonyms=synonyms, related=related)
        names, phrases = tuple(entry.equivalents()), tuple(entry.related_phrases())
        described = [themes[fold(phrase)] for phrase in (*names, *phrases) if themes.get(fold(phrase))]
        entries.append((names, phrases, " ".join(_unique_texts([description, *described]))))
    return tuple(entries)


def _unique_texts(texts):
    return list(dict.fromkeys(text for text in texts if text))


def forget_glossary():
    """Drop the glossaries built so far (a search reads the glossary afresh anyway: this only frees them)."""
    with _glossaries_lock:
        _glossaries.clear()
    forget_vocabulary()


def forget_vocabulary():
    """Suggestions' themes and glossary names are read again on the next suggestion (a page or the glossary changed)."""
    cache.delete(VOCABULARY_CACHE_KEY)


def prepare(query):
    query.groups = term_groups(query.text, glossary())
    return query


def search_with(backend, query, communities, correct=True):
    """The results of one backend for a prepared query, asking again as people would expect when the
    query as typed finds nothing: with the spelling of its unknown words corrected (shown only when the
    correction finds results), else needing fewer of its words (search.text.required_coverage) when
    each of them is in some document. A long query needs half of its words from the start, unless it is
    about a subject the site does not cover (search.text.is_long, covers_a_known_subject)."""
    loose = query.minimum is None and is_long(query.groups)
    if loose:
        results = _with_fewer_words(backend, query, communities)
        if results.total and not covers_a_known_subject(query.groups, _group_counts(query.groups, results)):
            results = backend.search(query, communities)
    else:
        results = backend.search(query, communities)
    if results.total and query.minimum is None and sunk_by_unknown_word(query.groups, results.group_counts):
        results = replace(results, total=0, hits=[], facets={name: [] for name in results.facets})
    if results.total or not query.groups:
        return results
    if correct:
        corrected_text = spelling.correct(backend, query.text, query.groups, results.group_counts, glossary())
        if corrected_text:
            corrected = search_with(
                backend, prepare(replace(query, text=corrected_text, minimum=None)), communities, False
            )
            if corrected.total:
                corrected.query = query
                corrected.did_you_mean = corrected_text
                corrected.corrected = True
                return corrected
    # Fewer words, but only when every word is in some document: a word no document uses means the
    # query is about something the site does not cover ("best restaurants in Dundee").
    known = not unknown_words(query.groups, _group_counts(query.groups, results))
    if query.minimum is None and not loose and can_relax(query.groups) and known:
        relaxed = _with_fewer_words(backend, query, communities)
        if relaxed.total:
            return relaxed
    return results


def _with_fewer_words(backend, query, communities):
    """The query's results needing half of its content words (search.text.required_coverage, relaxed)."""
    results = backend.search(replace(query, minimum=required_coverage(query.groups, relaxed=True)), communities)
    results.query = query
    return results


def _group_counts(groups, results):
    """How many documents match each group; a backend that did not count (something matched every group
    it needed) has every group in some document."""
    return results.group_counts or [1] * len(groups)


def _with_fallback(action):
    """(action(backend), incomplete) on the primary backend; on the database when Elasticsearch is
    down, hung, or its breaker is open."""
    backend = primary_backend()
    if backend.name == "database":
        return action(backend), False
    breaker = breaker_for()
    if breaker.allow():
        try:
            result = action(backend)
        except BackendUnavailable as exc:
            if not node_failed(exc):
                breaker.succeeded()  # the node answered, refusing only this request
                logger.warning("search falling back to the database for one request: %s", exc)
                return action(database_backend()), True
            breaker.failed()
            logger.warning("search falling back to the database for %ss: %s", breaker.cooldown, exc)
        else:
            breaker.succeeded()
            return result, _updates_pending()
    return action(database_backend()), True


RETRY_QUEUED_CACHE_KEY = "search:retry-pending-queued"


def _updates_pending():
    """Whether index updates still wait for Elasticsearch; if so, queue their retry, at most once per
    SEARCH_RETRY_INTERVAL (the mark is in the cache, which every process shares). See search.breaker."""
    if not PendingIndexUpdate.objects.exists():
        return False
    if cache.add(RETRY_QUEUED_CACHE_KEY, True, settings.SEARCH_RETRY_INTERVAL):
        try:
            tasks.retry_pending_updates.enqueue()
        except Exception:  # a search must not fail because the task queue did
            logger.exception("could not queue the retry of pending search index updates")
    return True


def run_search(params, user):
    """SearchResults for request parameters (raises QueryError for bad ones)."""
    query = prepare(SearchQuery.from_params(params))
    communities = viewer_communities(user)
    correct = params.get("original") not in ("1", "true", "on")  # "Search instead for" what was typed
    results, incomplete = _with_fallback(lambda backend: search_with(backend, query, communities, correct))
    results.incomplete = incomplete
    if query.text and query.page == 1:
        QueryLog.objects.create(query=query.text[:200].lower(), results=results.total, backend=results.backend)
    return results


def suggest(text, user, limit=8):
    """What the search box offers as people type: titles the viewer may see, themes and glossary terms,
    best first (a name that is what was typed, then one starting with it, then one with a word starting
    with it; themes and terms before titles; shorter first), one entry per name."""
    text = " ".join((text or "").split())[:100]
    typed = words(text)
    if not typed or len(text) < 2:
        return []
    titles, _ = _with_fallback(lambda backend: backend.suggest(text, viewer_communities(user), limit * 3))
    candidates = [*_vocabulary_suggestions(), *((item, [item["title"]]) for item in titles)]
    ranked = []
    for index, (item, names) in enumerate(candidates):
        rank = _suggestion_rank(typed, names)
        if rank is not None:
            ranked.append(((rank[0], item["type"] not in ("theme", "glossary"), rank[1]), index, item))
    found, seen = [], set()
    for _, _, item in sorted(ranked, key=lambda entry: entry[:2]):
        key = fold(item["title"])  # a theme and a glossary term of one name are offered once
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found[:limit]


VOCABULARY_CACHE_KEY = "search:suggest-vocabulary:v1"


def _vocabulary_suggestions():
    """Themes in use on pages a visitor may see (learning.visibility), and glossary terms:
    [({title, url, type}, names it answers to)] (cached; forgotten when a page or the glossary changes)."""
    entries = cache.get(VOCABULARY_CACHE_KEY)
    if entries is None:
        pages = visible_pages(ContentPage.objects.all())
        themes = Theme.objects.filter(tagged_pages__content_object__in=pages).distinct().values_list("name", flat=True)
        entries = [
            ({"title": name, "url": f"{reverse('search')}?{urlencode({'theme': name})}", "type": "theme"}, [name])
            for name in themes
        ]
        for term in GlossaryTerm.objects.all():
            if term.term.isupper():  # an abbreviation: what it stands for, then the letters
                title = f"{term.expansion[:1].upper()}{term.expansion[1:]} ({term.term})"
            else:
                title = term.term[:1].upper() + term.term[1:]
            url = f"{reverse('search')}?{urlencode({'q': term.expansion})}"
            item = {"title": title, "url": url, "type": "glossary"}
            entries.append((item, term.equivalents()))
        cache.set(VOCABULARY_CACHE_KEY, entries, 300)
    return entries


def _suggestion_rank(typed, names):
    """(how well, length) of the best of the names for the typed words, lower is better; None if none fits."""
    joined = " ".join(typed)
    best = None
    for name in names:
        name_words = words(name)
        folded = " ".join(name_words)
        if not name_words:
            continue
        if folded == joined:
            rank = 0
        elif folded.startswith(joined):
            rank = 1
        elif _words_start_with(name_words, typed):
            rank = 2
        else:
            continue
        if best is None or (rank, len(name)) < best:
            best = (rank, len(name))
    return best


def _words_start_with(name_words, typed):
    """Every typed word is a word of the name (the last one may be the start of one)."""
    *complete, last = typed
    return all(word in name_words for word in complete) and any(word.startswith(last) for word in name_words)


def more_like_this(doc_id, user, limit=3):
    hits, _ = _with_fallback(lambda backend: backend.more_like_this(doc_id, viewer_communities(user), limit))
    return hits
