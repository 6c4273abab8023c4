"""Spelling corrections for queries that find nothing: one rule for both backends.

Only a word that matches no document at all and is not an English word is corrected, so a real
word ("rough", "reducing", "weather") is never replaced by a commoner neighbour ("through",
"producing", "whether"), and a glossary term is a word too. English words are those of
search.english (pyspellchecker's offline frequency list). Candidates come from the public
documents' titles, summaries and themes and the glossary (never a private community's words, which
a correction would reveal), within one edit for short words and two for longer ones; the closest
wins, then the one more documents use.
"""

import time
from collections import Counter
from functools import lru_cache
from threading import Lock

from search.english import is_english_word
from search.text import STOP_WORDS, words

VOCABULARY_SECONDS = 300  # a new page's words become corrections within five minutes
MAX_ROWS = 20_000
MIN_LENGTH = 4  # "cpp", "sds": short words are more likely abbreviations than typos

_lock = Lock()
_vocabularies = {}  # (backend name, index, document count, glossary names and phrases) -> (built at, Vocabulary)


class Vocabulary:
    def __init__(self, counts):
        self.counts = counts
        self.deletes = {}
        for word in counts:
            for variant in _deletes(word):
                self.deletes.setdefault(variant, []).append(word)

    def __contains__(self, word):
        return word in self.counts

    def best(self, word):
        """The likeliest intended word, or None when nothing is close enough."""
        limit = 1 if len(word) <= 5 else 2
        candidates = set()
        for variant in (word, *_deletes(word)):
            candidates.update(self.deletes.get(variant, ()))
            if variant in self.counts:
                candidates.add(variant)
        scored = []
        for candidate in candidates:
            distance = edit_distance(word, candidate)
            if 0 < distance <= limit:
                scored.append((distance, candidate[0] != word[0], -self.counts[candidate], candidate))
        return min(scored)[3] if scored else None


def _deletes(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=4096)
def edit_distance(a, b):
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def vocabulary(backend, glossary):
    """The words corrections may use, with how many documents use each: built from the backend's public
    documents and the glossary, again when the number of documents or the glossary changes, or after a few
    minutes."""
    key = (backend.name, getattr(backend, "alias", ""), backend.count(), _glossary_words(glossary))
    with _lock:
        built, found = _vocabularies.get(key, (0.0, None))
        if found is None or time.monotonic() - built > VOCABULARY_SECONDS:
            found = Vocabulary(_count_words(backend, glossary))
            _vocabularies.clear()  # one vocabulary per process is enough
            _vocabularies[key] = (time.monotonic(), found)
        return found


def _glossary_words(glossary):
    return tuple((tuple(names), tuple(related)) for names, related, *_ in glossary)


def _count_words(backend, glossary):
    counts = Counter()
    for title, summary, themes in backend.vocabulary_rows(MAX_ROWS):
        counts.update(set(words(f"{title} {summary} {' '.join(themes)}")))
    for names, related, *_ in glossary:
        for name in (*names, *related):
            for word in words(name):
                counts[word] += 1000  # the field's own vocabulary: preferred, and never corrected
    return counts


def correct(backend, text, groups, group_counts, glossary):
    """The query with its unmatched, unknown words corrected, or None when there is nothing to correct."""
    if not group_counts or all(group_counts):
        return None
    unmatched = {
        word for group, count in zip(groups, group_counts, strict=False) if not count for word in words(group.typed)
    }
    known = vocabulary(backend, glossary)
    corrected, changed = [], False
    for word in words(text):
        if (
            word in unmatched
            and word not in known
            and word not in STOP_WORDS
            and len(word) >= MIN_LENGTH
            and not is_english_word(word)
        ):
            if not word.isdigit() and (better := known.best(word)):
                corrected.append(better)
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else None
