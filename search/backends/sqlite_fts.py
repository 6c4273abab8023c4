"""An FTS5 index over the SearchEntry table, for the database backend on SQLite (the embedded default).

Without it every search reads every document's text (a LIKE scan: ~90 ms per pattern at 10,000
documents). The index is an external-content FTS5 table over the analysed `title_search`,
`text_search` and `themes` columns, kept in step by triggers, so the ORM writes SearchEntry as
before and the index follows. Its tokenizer splits on what `search.text.words` splits on, and the
stored text is already stemmed by search.text, so a phrase matches exactly where ' stem stem '
matches when scanning.

A covering index of the short columns (community first, as every query filters on it) lets each
process load its copy of them (short_rows.py) without reading the long text columns that SQLite
stores before them.

Created by migration 0002; `install()` is idempotent, so a rebuild restores it if a later migration
remade the table (SQLite drops a table's triggers with it). When it is missing the backend falls
back to scanning, with the same results.
"""

from contextlib import nullcontext

from django.db import OperationalError, connection

from search.models import SearchEntry
from search.text import PHRASE_SLOP, words_between

TABLE = SearchEntry._meta.db_table
FTS = f"{TABLE}_fts"
COVERING_INDEX = f"{TABLE}_facets"
TRIGGERS = {f"{FTS}_insert", f"{FTS}_delete", f"{FTS}_update"}
# bm25 weights, in column order (title, text, themes): the text's strength only (titles and themes are
# scored in Python).
TEXT_ONLY = (0.0, 1.0, 0.0)

# Only constant names go into these statements; what people type is always a query parameter.
_COLUMNS = "title_search, text_search, themes"
_DELETE_OLD = f"INSERT INTO {FTS}({FTS}, rowid, {_COLUMNS}) VALUES ('delete', old.id, old.title_search, old.text_search, old.themes);"  # noqa: E501, S608
_INSERT_NEW = f"INSERT INTO {FTS}(rowid, {_COLUMNS}) VALUES (new.id, new.title_search, new.text_search, new.themes);"  # noqa: S608
INSTALL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({_COLUMNS}, content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_insert AFTER INSERT ON {TABLE} BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_delete AFTER DELETE ON {TABLE} BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_update AFTER UPDATE ON {TABLE} BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
    f"CREATE INDEX IF NOT EXISTS {COVERING_INDEX} ON {TABLE} "
    "(community, type, published, themes, sectors, region, countries, title_search)",
]
UNINSTALL = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in sorted(TRIGGERS)),
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP INDEX IF EXISTS {COVERING_INDEX}",
]


def supported(using=connection):
    """SQLite built with FTS5 (Python's and Debian's are; a custom build may not be)."""
    if using.vendor != "sqlite":
        return False
    with using.cursor() as cursor:
        try:
            cursor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.cop_fts5_probe USING fts5(probe)")
        except OperationalError:
            return False
        cursor.execute("DROP TABLE temp.cop_fts5_probe")
    return True


def install(using=connection):
    """Create the index if it is missing and fill it from the table. Returns False where FTS5 is unavailable."""
    if not supported(using):
        return False
    with using.cursor() as cursor:
        for statement in INSTALL:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")  # noqa: S608
    return True


def uninstall(using=connection):
    if using.vendor != "sqlite":
        return
    with using.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)


def installed(using=connection):
    """Whether the index and all its triggers are in place (a missing trigger would let it go stale).
    Asked on every search, never remembered: another process (a migration) may remake the table, and
    the question costs a few microseconds."""
    if using.vendor != "sqlite":
        return False
    with using.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master "
            "WHERE (type = 'table' AND name = %s) OR (type = 'trigger' AND tbl_name = %s)",
            [FTS, TABLE],
        )
        found = {row[0] for row in cursor.fetchall()}
    return FTS in found and TRIGGERS <= found


def lookups(using=connection):
    """Around a search's lookups (PostgreSQL's must be kept from scanning the table; FTS5 never does)."""
    return nullcontext()


def match_expression(phrases):
    """An FTS5 query matching any of the phrases (tuples of stems). Words are \\w+ runs, so quoting each
    phrase is all the escaping they need."""
    return " OR ".join('"' + " ".join(phrase).replace('"', '""') + '"' for phrase in phrases)


def matching_ids(phrases, using=connection):
    """The ids of the entries holding any of the phrases."""
    if not phrases:
        return set()
    with using.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [match_expression(phrases)])  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


def ids_holding_all(words, using=connection):
    """The ids of the entries holding every one of the words, anywhere: one lookup, not one per word."""
    if not words:
        return set()
    expression = " AND ".join(match_expression([(word,)]) for word in words)
    with using.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [expression])  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


def ranked_ids(phrases, weights=TEXT_ONLY, limit=None, using=connection):
    """{entry id: BM25 score of its text} for the entries holding any of the phrases; higher is better.
    With `limit`, at most that many of them (any, not the best)."""
    if not phrases:
        return {}
    weights = ", ".join(str(float(w)) for w in weights)
    bound = "" if limit is None else f" LIMIT {int(limit)}"
    with using.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({FTS}, {weights}) FROM {FTS} WHERE {FTS} MATCH %s{bound}",  # noqa: S608
            [match_expression(phrases)],
        )
        return {rowid: -rank for rowid, rank in cursor.fetchall()}


def words_apart(phrase, slop=PHRASE_SLOP, using=connection):
    """{entry id: how many words its title or text puts between the phrase's words} for the entries saying
    them in order within `slop` words in all (search.text.words_between). FTS5's NEAR finds the entries
    holding them close together in any order; the order is checked on those texts alone."""
    words = " ".join('"' + word.replace('"', '""') + '"' for word in phrase)
    expression = f"NEAR({words}, {int(slop) + len(phrase) - 2})"
    with using.cursor() as cursor:
        cursor.execute(f"SELECT rowid, title_search, text_search FROM {FTS} WHERE {FTS} MATCH %s", [expression])  # noqa: S608
        found = {rowid: words_between(f"{title} {text}", phrase, slop) for rowid, title, text in cursor.fetchall()}
    return {rowid: apart for rowid, apart in found.items() if apart is not None}
