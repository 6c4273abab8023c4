"""The project's text analysis, the one place both backends take it from, so they agree on what matches.

Words are folded (lower case, accents removed) and reduced to their Snowball English stem, in
documents and queries alike: mediate, mediating and mediation meet as `mediat`. Elasticsearch gets
the stems already made and only splits on spaces, because the minimal distribution has no stemmer
of its own; the database backend stores the same stems. Hyphenated compounds are kept as their
parts in place ("co production") and, once joined, in a tail after the text ("coproduct"), so
co-production, co production and coproduction find each other without breaking phrases.

A query becomes term groups (`TermGroup`): one per content word, or per glossary phrase found in
it. Every group may match by any of its phrases; related everyday phrases from the glossary match
too, but count for less. Question words and filler are optional: they add to a score and never
sink a query. How much of a query a document must match is `required_coverage`.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape

import Stemmer

WORD = re.compile(r"\w+", re.UNICODE)
COMPOUND = re.compile(r"\w+(?:[-‐‑–/]\w+)+", re.UNICODE)
SNIPPET_LENGTH = 200
TAIL = " ~ "  # between a text and its joined compounds: no phrase reaches across it
# Too common to mean anything: dropped from queries on every backend alike (they stay in the index, for phrases).
STOP_WORDS = frozenset(
    "a an and are as at be by for from i in is it of on or our the this to was we what when where which who "
    "why with".split()
)
# Words of questions and requests: a match still counts, but a document need not have them.
FILLER_WORDS = frozenset(
    "about actually also any anyone anything best better can could did do does doing done even example examples "
    "find finding get getting good has have having help helps helping how idea ideas if just keep keeps kind know "
    "look looking make making more most need needs other people really should show shows so some someone "
    "something still their them there these they thing things those tip tips tried try trying us use using want "
    "way ways well were whether will work works would you your".split()
)
# Prefixes people write joined, hyphenated or apart: "well-being", "wellbeing", "well being".
JOINING_PREFIXES = frozenset("co cross inter multi non post pre re self sub well".split())
RELATED_WEIGHT = 0.5  # a match through a related glossary phrase, against 1 for the words typed

_STEMMER = Stemmer.Stemmer("english")


def fold(text):
    """Lower-case, accents removed: 'Café' -> 'cafe'. Keeps the length, so offsets match the original."""
    text = text or ""
    if text.isascii():  # most text: nothing to fold but case, and str.lower() is far faster per character
        return text.lower()
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(char):
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char


def words(text):
    """Folded words, as typed (no stemming): for spelling and display."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word):
    """The word's Snowball English stem, stemmed once more: the second pass joins derived forms the
    first keeps apart (commissioners/commissioning, deliberative/deliberation, organisers/organisation)."""
    return _STEMMER.stemWord(_STEMMER.stemWord(word))


def stems(text):
    return [stem(word) for word in words(text)]


def compounds(text):
    """The joined stems of the hyphenated compounds in the text: 'co-production' -> ['coproduct']."""
    return [stem("".join(WORD.findall(found))) for found in COMPOUND.findall(fold(text))]


@lru_cache(maxsize=4096)
def analysed(text):
    """The form both backends index: stems separated by spaces, then the joined compounds after TAIL.
    Remembered for the last few thousand texts: a sync or rebuild analyses each document's title,
    summary and body for Elasticsearch and then again for the database backend."""
    if not text:
        return ""
    folded = fold(text)
    body = " ".join(stem(word) for word in WORD.findall(folded))
    if "-" not in folded and "/" not in folded and "‐" not in folded and "–" not in folded and "‑" not in folded:
        return body
    joined = compounds(folded)
    return f"{body}{TAIL}{' '.join(joined)}" if joined else body


def searchable(text):
    """The database backend's stored form: analysed text with a space on each side, so ' stem ' finds whole words."""
    return f" {analysed(text)} "


# --- Queries ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TermGroup:
    """Interchangeable ways of saying one part of a query, as tuples of stems."""

    phrases: tuple  # what was typed and its exact equivalents (glossary term, expansion, synonyms)
    related: tuple = ()  # editors' related phrases: a match counts RELATED_WEIGHT
    optional: bool = False  # a question word or filler: never required
    typed: str = ""  # the words as typed, for spelling corrections
    size: int = 1  # how many of the query's content words it stands for (a glossary phrase: several)

    @property
    def all_phrases(self):
        return self.phrases + self.related


def required_coverage(groups, relaxed=False):
    """How many of the query's content words a document must match, counted through the groups it
    matches (a group counts its `size`).

    Short queries need every content word; longer ones most of them (three of four, three of five),
    so one word the content does not use cannot hide the pages about the rest. `relaxed` is the last
    try when that finds nothing: half of them, at least one."""
    content = sum(group.size for group in groups if not group.optional)
    if relaxed:
        return max(1, math.ceil(content / 2))
    return content if content <= 2 else math.ceil(content * 0.6)


def can_relax(groups):
    return required_coverage(groups, relaxed=True) < required_coverage(groups)


def whole_phrase(groups):
    """The query's content words in order, as one phrase: a document that says it as typed ranks higher."""
    content = [group.phrases[0] for group in groups if not group.optional]
    if len(content) < 2:
        return None
    return tuple(word for phrase in content for word in phrase)


def term_groups(query, glossary):
    """Split a query into TermGroups.

    `glossary` is a list of (names, related) pairs: names are interchangeable ways of saying one thing
    (a term, its expansion and synonyms), related are everyday phrases for it. A glossary phrase found
    in the query (its content words, in order, within a few words of each other) becomes one group;
    each remaining word is a group of its own.
    """
    tokens = words(query)
    stemmed = [stem(token) for token in tokens]
    consumed = [False] * len(tokens)
    found = []  # (position, TermGroup)
    for phrase, names, related, is_related in _glossary_phrases(glossary):
        span = _find(phrase, stemmed, consumed)
        if span is None:
            continue
        start, end = span
        for i in range(start, end):
            consumed[i] = True
        typed_words = tokens[start:end]
        typed = tuple(stemmed[start:end])
        if is_related:  # a related phrase typed: it counts fully, the names it stands for count less
            exact, weaker = [typed, phrase], names
        else:
            exact, weaker = [typed, *names], related
        exact = _unique(exact)
        size = sum(1 for word in typed if word not in _STOP_STEMS) or 1
        found.append((start, TermGroup(_flat(exact), _flat(_unique(weaker)), typed=" ".join(typed_words), size=size)))
    for position, (token, stemmed_token) in enumerate(zip(tokens, stemmed, strict=True)):
        if consumed[position] or token in STOP_WORDS:
            continue
        phrases, size = [(stemmed_token,)], 1
        nxt = position + 1
        if token in JOINING_PREFIXES and nxt < len(tokens) and not consumed[nxt]:
            consumed[nxt] = True  # "well being" is one thing: itself, or "wellbeing"
            phrases, size = [(stemmed_token, stemmed[nxt]), (stem(token + tokens[nxt]),)], 2
            token = f"{token} {tokens[nxt]}"
        found.append((position, TermGroup(tuple(phrases), optional=token in FILLER_WORDS, typed=token, size=size)))
    groups = [group for _, group in sorted(found, key=lambda item: item[0])]
    if groups and all(group.optional for group in groups):  # a query of filler alone still means its words
        groups = [replace(group, optional=False) for group in groups]
    if not groups and tokens:  # only stop words ("what is the"): they are all there is to look for
        groups = [
            TermGroup(((stemmed_token,),), typed=token) for token, stemmed_token in zip(tokens, stemmed, strict=True)
        ]
    return groups


def _flat(items):
    return tuple(item for item in items if item)


@lru_cache(maxsize=64)
def _glossary_index(glossary):
    """Each glossary phrase as stems (longest first) with its entry's names and related phrases."""
    entries = []
    for names, related in glossary:
        name_stems = _unique(tuple(stems(name)) for name in names if stems(name))
        related_stems = _unique(tuple(stems(phrase)) for phrase in related if stems(phrase))
        for phrase in name_stems:
            entries.append((phrase, tuple(name_stems), tuple(related_stems), False))
        for phrase in related_stems:
            entries.append((phrase, tuple(name_stems), tuple(related_stems), True))
    entries.sort(key=lambda entry: -len(entry[0]))
    return tuple(entries)


def _glossary_phrases(glossary):
    return _glossary_index(tuple((tuple(names), tuple(related)) for names, related in glossary))


_STOP_STEMS = frozenset(stem(word) for word in STOP_WORDS)


def _find(phrase, stemmed, consumed):
    """Where the phrase is in the query: its content words in order, each unconsumed, with at most two
    other words between neighbours (stop words in the phrase may be missing). None if it is not there."""
    content = [word for word in phrase if word not in _STOP_STEMS] or list(phrase)
    for start in range(len(stemmed)):
        if consumed[start] or stemmed[start] != content[0]:
            continue
        position, end = start, start + 1
        for word in content[1:]:
            for candidate in range(position + 1, min(len(stemmed), position + 4)):
                if not consumed[candidate] and stemmed[candidate] == word:
                    position, end = candidate, candidate + 1
                    break
            else:
                break
        else:
            return start, end
    return None


def _unique(items):
    seen, unique = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


# --- Highlighting -------------------------------------------------------------------------------
def query_stems(groups):
    """Every stem a query may match, stop words left out (they would light up every 'the')."""
    return frozenset(
        word for group in groups for phrase in group.all_phrases for word in phrase if word not in _STOP_STEMS
    )


def mark(text, wanted):
    """HTML-safe text with the words whose stems are wanted wrapped in <mark>."""
    html, cursor = [], 0
    folded = fold(text)
    for found in WORD.finditer(folded):
        if _matches(found.group(), wanted):
            html.append(escape(text[cursor : found.start()]))
            html.append(f"<mark>{escape(text[found.start() : found.end()])}</mark>")
            cursor = found.end()
    html.append(escape(text[cursor:]))
    return "".join(html)


def _matches(word, wanted):
    return stem(word) in wanted or (word in wanted)


def snippet_html(text, groups, length=SNIPPET_LENGTH):
    """An HTML-safe extract of `text` around the first match, matches wrapped in <mark>."""
    text = text or ""
    wanted = query_stems(groups)
    start = 0
    if wanted:
        first = next((m for m in WORD.finditer(fold(text)) if _matches(m.group(), wanted)), None)
        if first and first.start() > length // 3:
            start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + mark(text[start:end], wanted) + suffix


def title_html(title, groups):
    return mark(title or "", query_stems(groups))
