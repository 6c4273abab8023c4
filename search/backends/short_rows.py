"""The short columns of every search entry, kept in each process's memory for the database backend.

Facets, sorting and scoring need a few short columns of every matching row; reading them from the
database costs more than everything else a search does (about 25 ms for 10,000 rows on SQLite, most
of it making Python tuples). They change only when the index is written, so each process keeps them
and reloads them when `SearchIndexVersion` says they changed: every write sets it to a new random
value in its own transaction, so every process sees it once committed, and a rolled-back write
(which restores the old value and the old rows together) never leaves a copy looking current.
Asking costs one read of one row.
"""

import secrets
from threading import Lock

from django.db import connection

from search.models import SearchEntry, SearchIndexVersion

_lock = Lock()
_cache = {}  # database name -> (version, {id: row}, [rows])


def bump():
    """Say the index changed (call inside the writing transaction)."""
    version = secrets.randbits(62)
    if not SearchIndexVersion.objects.filter(pk=1).update(version=version):
        SearchIndexVersion.objects.update_or_create(pk=1, defaults={"version": version})


def current_version():
    return SearchIndexVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def rows(fetch, fields):
    """({id: row}, [rows]) of every entry, rows as `fetch(queryset, fields)` makes them."""
    name = connection.settings_dict["NAME"]
    version = current_version()
    with _lock:
        cached = _cache.get(name)
        if cached and cached[0] == version:
            return cached[1], cached[2]
    found = fetch(SearchEntry.objects.all(), fields)
    by_id = {row[0]: row for row in found}
    with _lock:
        _cache[name] = (version, by_id, found)
    return by_id, found
