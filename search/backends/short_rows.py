"""What each process keeps of the search index for the database backend: the short columns of every
entry, and the matches of related phrases.

Facets, sorting and scoring need a few short columns of every matching row; reading them from the
database costs more than everything else a search does (about 25 ms for 10,000 rows on SQLite, most
of it making Python tuples). A query naming a glossary entry also asks which entries hold any of the
entry's related phrases (dozens of them: "participatory budgeting" has 47); on PostgreSQL that is a
phrase query whose every candidate row must be rechecked, about 100 ms at 10,000 entries, the same
answer for every query naming the entry. Both change only when the index is written, so each process
keeps them and reloads them when `SearchIndexVersion` says they changed: every write sets it to a new
random value in its own transaction, so every process sees it once committed, and a rolled-back write
(which restores the old value and the old rows together) never leaves a copy looking current. Asking
costs one read of one row, once a search (`current_version`).

Kept matches are keyed by the phrases themselves, so a glossary edit (new or changed phrases) asks
afresh at once, in every process. They are entry ids of every community: who may see them is decided
per search, after them (`DatabaseBackend._short_rows`).
"""

import secrets
from threading import Lock

from django.db import connection

from search.models import SearchEntry, SearchIndexVersion

# Kept matches per version at most: one or two per glossary entry (63 seeded). Every seeded entry's at
# 10,000 entries took about 8 MB; beyond the bound the oldest goes.
KEPT_MATCHES = 200

_lock = Lock()
_cache = {}  # database name -> (version, {id: row}, [rows])
_matches = {}  # database name -> (version, {phrases: frozenset of ids})


def bump():
    """Say the index changed (call inside the writing transaction)."""
    version = secrets.randbits(62)
    if not SearchIndexVersion.objects.filter(pk=1).update(version=version):
        SearchIndexVersion.objects.update_or_create(pk=1, defaults={"version": version})


def current_version():
    return SearchIndexVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def rows(fetch, fields, version=None):
    """({id: row}, [rows]) of every entry, rows as `fetch(queryset, fields)` makes them. `version` is
    the index's as this search read it (`current_version`); read here when not given."""
    name = connection.settings_dict["NAME"]
    version = current_version() if version is None else version
    with _lock:
        cached = _cache.get(name)
        if cached and cached[0] == version:
            return cached[1], cached[2]
    found = fetch(SearchEntry.objects.all(), fields)
    by_id = {row[0]: row for row in found}
    with _lock:
        _cache[name] = (version, by_id, found)
    return by_id, found


def matches(phrases, find, version):
    """The ids of the entries holding any of `phrases` (a tuple of tuples of stems), as `find(phrases)`
    answers, kept for this version of the index."""
    name = connection.settings_dict["NAME"]
    with _lock:
        kept_version, kept = _matches.get(name, (None, {}))
        if kept_version == version and phrases in kept:
            return kept[phrases]
    found = frozenset(find(phrases))
    with _lock:
        kept_version, kept = _matches.get(name, (None, {}))
        if kept_version != version:
            kept = {}
            _matches[name] = (version, kept)
        if len(kept) >= KEPT_MATCHES:
            kept.pop(next(iter(kept)))  # the oldest goes first
        kept[phrases] = found
    return found
