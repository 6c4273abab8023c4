"""Text rules both backends share: normalising, splitting a query into terms, glossary expansion,
and highlighted snippets. Written once so that the two backends agree on what matches."""

import re
import unicodedata
from functools import lru_cache
from html import escape

WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_LENGTH = 200
# Words too common to require: dropped from queries on every backend alike.
STOP_WORDS = frozenset(
    "a an and are as at be by for from how i in is it of on or our the this to was we what when where which who "
    "why with".split()
)


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
    return WORD.findall(fold(text))


def searchable(text):
    """The form stored for the database backend: folded words with a space on each side."""
    return f" {' '.join(words(text))} "


def term_groups(query, glossary):
    """Split a query into groups of interchangeable phrases, each group a list of word tuples.

    `glossary` is a list of lists of equivalent names. The longest glossary phrase found in the
    query wins; each remaining word is a group of its own. Every phrase also stands for its singular
    or plural (see `number_variants`), which neither backend's analyser can do on the minimal node.
    """
    return [
        _unique([variant for phrase in group for variant in _phrase_variants(phrase)])
        for group in _groups(query, glossary)
    ]


def _groups(query, glossary):
    tokens = words(query)
    phrases = []  # (word tuple, group index)
    groups = [[tuple(words(name)) for name in names if words(name)] for names in glossary]
    for index, group in enumerate(groups):
        for phrase in group:
            phrases.append((phrase, index))
    phrases.sort(key=lambda item: -len(item[0]))
    result, position = [], 0
    while position < len(tokens):
        for phrase, index in phrases:
            if tuple(tokens[position : position + len(phrase)]) == phrase:
                result.append(_unique(groups[index]))
                position += len(phrase)
                break
        else:
            if tokens[position] not in STOP_WORDS:
                result.append([(tokens[position],)])
            position += 1
    return result


def number_variants(word):
    """The word with its plural or singular: 'partnerships' -> ['partnerships', 'partnership'],
    'policy' -> ['policy', 'policies']. Deliberately crude (an S-stemmer run both ways): a wrong form
    is a word no document contains, while a missed one hides the page that says it differently."""
    if len(word) < 4 or not word.isalpha():
        return [word]
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith(("ches", "shes", "sses", "xes", "zes")):
        forms.append(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.append(word[:-1])
    if word.endswith("y") and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    elif word.endswith(("ch", "sh", "ss", "x", "z")):
        forms.append(word + "es")
    elif not word.endswith("s"):
        forms.append(word + "s")
    return forms


def _phrase_variants(phrase):
    """A phrase in both numbers of its last word, the one English inflects: 'community planning partnerships'."""
    *head, last = phrase
    return [(*head, form) for form in number_variants(last)]


def _unique(items):
    seen, unique = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def phrase_pattern(groups):
    """A regular expression that finds any phrase of any group in original (unfolded) text."""
    alternatives = sorted({" ".join(p) for group in groups for p in group}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(r"\W+".join(re.escape(w) for w in alt.split()) for alt in alternatives)
    return re.compile(rf"(?<!\w)({body})(?!\w)", re.IGNORECASE)


def snippet_html(text, groups, length=SNIPPET_LENGTH):
    """An HTML-safe extract of `text` around the first match, matches wrapped in <mark>."""
    text = text or ""
    pattern = phrase_pattern(groups)
    folded = fold(text)
    match = pattern.search(folded) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    extract = text[start:end]
    folded_extract = folded[start:end]
    html, cursor = [], 0
    if pattern:
        for found in pattern.finditer(folded_extract):
            html.append(escape(extract[cursor : found.start()]))
            html.append(f"<mark>{escape(extract[found.start() : found.end()])}</mark>")
            cursor = found.end()
    html.append(escape(extract[cursor:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(html) + suffix
