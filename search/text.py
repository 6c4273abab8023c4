"""The project's text analysis, the one place both backends take it from, so they agree on what matches.

Words are folded (lower case, accents removed) and reduced to their Snowball English stem, in
documents and queries alike: mediate, mediating and mediation meet as `mediat`. Elasticsearch gets
the stems already made and only splits on spaces, because the minimal distribution has no stemmer
of its own; the database backend stores the same stems. Hyphenated compounds are kept as their
parts in place ("co production") and, once joined, in a tail after the text ("coproduct"), so
co-production, co production and coproduction find each other without breaking phrases.

A query becomes term groups (`TermGroup`): one per content word, or per glossary phrase found in
it. Every group may match by any of its phrases; related everyday phrases from the glossary match
too, but count for less. A glossary phrase typed also matches a document holding its words apart
(`loose`), as a plain match: recognising a phrase never finds less than its words would. Question
words and filler are optional: they add to a score and never sink a query. How much of a query a
document must match is `required_coverage`.

A query that describes a glossary entry in other words ("stopping problems before they happen" for
prevention) gains a concept group (`concept_groups`): the entry's names and related phrases, at the
related weight, standing for the query's words that the entry's own words (names, related phrases,
description) cover. A document matching it covers those words, so the pages about the entry are found
even when they use none of the words typed, and rank below the pages that do.
"""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape

import Stemmer

from search.english import is_english_word

WORD = re.compile(r"\w+", re.UNICODE)
COMPOUND = re.compile(r"\w+(?:[-‐‑–/]\w+)+", re.UNICODE)
SNIPPET_LENGTH = 200
TAIL = " ~ "  # between a text and its joined compounds: no phrase reaches across it
# Too common to mean anything: dropped from queries on every backend alike (they stay in the index, for phrases).
STOP_WORDS = frozenset(
    "a am an and are as at be been being but by for from i in into is it its me my of off on onto or our out than "
    "that the then this to up was we what when where which who why with".split()
)
# Words of questions and requests: a match still counts, but a document need not have them.
FILLER_WORDS = frozenset(
    "about actually advice also any anyone anything best better can cannot could did do does doing done even "
    "example examples find finding found get getting go goes going good got has have having help helped "
    "helps helping how idea ideas if just keep keeping keeps kind know knows lot lots look looking looks make makes "
    "making many more most much need needs other people really should show shows so some someone something still "
    "their them there these they thing things those tip tips tried try trying us use using very want way "
    "ways well were whether will work worked works would you your".split()
)
# Words that place or qualify a question's subject without being it ("home from hospital sooner", "ending
# up homeless again", "a study from another country applies here"): optional like filler when typed on
# their own, but counted in a glossary phrase that holds them ("a say over money").
QUALIFIER_WORDS = frozenset(
    "actual after again ago ahead all already always another around away back barely because before between "
    "both each else enough ever every few hardly here instead just less like lots mostly near never next often only "
    "over quite rather real same since sometimes soon sooner such too towards under until usually while whilst "
    "within without yet".split()
)
# Words Snowball keeps apart that mean the same: irregular plurals, American spellings, and a verb and
# its noun or adjective whose stems differ (decide, decision). A query word also matches its partner's
# stem (`variants`), on both backends, with no change to the index.
VARIANTS = (
    "child children|person people|woman women|man men|foot feet|tooth teeth|mouse mice|"
    "neighbor neighbour|neighborhood neighbourhood|neighborhoods neighbourhoods|behavior behaviour|"
    "labor labour|color colour|favor favour|honor honour|center centre|centers centres|program programme|"
    "programs programmes|defense defence|license licence|judgment judgement|aging ageing|"
    "counseling counselling|counselor counsellor|traveling travelling|modeling modelling|"
    "fulfill fulfil|enroll enrol|catalog catalogue|dialog dialogue|practice practise|led lead|"
    "decide decision|participate participatory|include inclusion|intervene intervention|"
    "deliver delivery|strategy strategic|democracy democratic|economy economic|describe description|"
    "provide provision|solve solution|analyse analysis|analytical analysis|safe safety|volunteer voluntary|"
    "choose choice|sober sobriety|poor poverty|young youth|strong strength"
)
# Irregular verbs: the present, past and past participle Snowball cannot join ("paid" and "pay", "taught"
# and "teach", "chose" and "choose"). Filler verbs (get, do, make, find) are left out: they never have to match.
IRREGULAR_VERBS = (
    "pay paid|teach taught|buy bought|spend spent|hold held|meet met|hear heard|think thought|seek sought|"
    "give gave given|take took taken|bring brought|build built|rebuild rebuilt|feel felt|leave left|"
    "lose lost|run ran|tell told|write wrote written|say said|sell sold|speak spoke spoken|"
    "understand understood|win won|grow grew grown|know knew known|fall fell fallen|begin began begun|"
    "draw drew drawn|see saw seen|choose chose chosen|drive drove driven|rise rose risen|break broke broken|"
    "fight fought|catch caught|lend lent|send sent|stand stood|sit sat|forget forgot forgotten|"
    "withdraw withdrew withdrawn|undertake undertook undertaken|overcome overcame|mislead misled|"
    "rethink rethought|feed fed|flee fled|deal dealt|mean meant|strike struck|sleep slept|hide hid hidden|"
    "steal stole stolen|shake shook shaken|wear wore worn|eat ate eaten|arise arose arisen|swim swam swum"
)
# "-ize", "-yze" and "-ization" against their British forms: "organize" also finds "organise".
AMERICAN_ENDINGS = (
    ("ization", "isation"),
    ("izing", "ising"),
    ("ized", "ised"),
    ("izes", "ises"),
    ("ize", "ise"),
    ("yzing", "ysing"),
    ("yzed", "ysed"),
    ("yze", "yse"),
)
# English derivations Snowball keeps apart, as (ending of the derived word, ending of its base), written
# from the grammar of English word building, not from queries: an agent or comparative in "-er"
# (carer and care, planner and plan, older and old), an abstract noun in "-ship", "-hood", "-ty", "-y",
# "-ancy"/"-ency" (leadership and leader, neighbourhood and neighbour, safety and safe, recovery and
# recover, tenancy and tenant), a Latin noun in "-sion"/"-ction"/"-ption" (exclusion and exclude,
# production and produce, description and describe), and adjectives in "-ial", "-ary", "-ory", "-ous",
# "-ic" (residential and resident, budgetary and budget, autonomous and autonomy). A query word also
# matches the English words these make from it, both ways but for a person's "-er", "-or" and "-ee"
# (`derived`), as a related match: a page using the word as typed ranks above one using only its
# relative. Prefixes that turn a meaning round (un-, dis-, non-) and "-less" (homeless is not home)
# are left out.
DERIVATIONS = (
    ("ership", "er"),
    ("ship", ""),
    ("hood", ""),
    ("ility", "le"),
    ("ivity", "ive"),
    ("ity", ""),
    ("ety", "e"),
    ("ancy", "ant"),
    ("ency", "ent"),
    ("ance", "ant"),
    ("ence", "ent"),
    ("sion", "de"),
    ("ction", "ce"),
    ("ption", "be"),
    ("yst", "ysis"),
    ("yst", "yse"),
    ("ous", "y"),
    ("ic", "y"),
    ("tic", "cy"),
    ("ential", "ent"),
    ("ary", ""),
    ("ory", "e"),
    ("ee", ""),
    ("er", "e"),
    ("er", ""),
    *((f"{c}{c}er", c) for c in "bdgmnprt"),
    ("or", "e"),
    ("or", ""),
    ("y", ""),
)
DERIVED_FREQUENCY = 100  # how common (search.english) a made word must be: carer and tenancy are, viewy not
# Endings of a person or a comparison, sought only one way: "carers" and "voters" find care and voting,
# but a visit is not a visitor, nor care a carer.
_ONE_WAY = frozenset(longer for longer, _ in DERIVATIONS if longer.endswith(("er", "or", "ee")))
# Inflections taken off a word before its derivations are sought ("carers", "tenancies", "healthier").
_INFLECTIONS = (
    ("ies", "y"),
    ("s", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("iest", "y"),
    ("ier", "y"),
    ("est", ""),
)
_COMPARISONS = frozenset(("iest", "ier", "est"))
# Prefixes people write joined, hyphenated or apart: "well-being", "wellbeing", "well being".
JOINING_PREFIXES = frozenset("co cross inter multi non post pre re self sub well".split())
RELATED_WEIGHT = 0.5  # a match through a related glossary phrase, against 1 for the words typed
# Words of someone asking peers about their own situation ("our group keeps ...", "has anyone ..."):
# such a query is what forum threads answer, so they are lifted (PEER_LIFT) on both backends.
PEER_WORDS = frozenset("anybody anyone experiences my our ourselves tips us we".split())
PEER_TYPES = ("thread", "post")
PEER_LIFT = 1.5
PHRASE_SLOP = 2  # the query's content words said within this many words of each other in all lift a document
# A field that says a group counts in full, each other field that says it only this much (Elasticsearch's
# multi_match tie_breaker, which the database backend's scorer follows).
TIE_BREAKER = 0.3
# A query of this many content words or more is someone's own account of their situation: half of its
# content words are enough (`is_long`), unless more than LONG_UNKNOWN of them are words no document uses.
LONG_QUERY = 6
LONG_UNKNOWN = 1
MAX_CONCEPTS = 2  # the entries a query may mean at once, the most specific first
# The related phrases (editors' and derived) a query may bring in all, in the order of its groups: a query
# naming many glossary entries would otherwise outgrow what a backend accepts (Elasticsearch refuses a
# query of more clauses than its limit). Everyday queries bring up to about 130 (docs/search.md).
MAX_RELATED = 150

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


@lru_cache(maxsize=4096)
def variants(word):
    """The stems of the other ways of writing a folded word that Snowball does not join to it: an
    irregular plural or singular, the British or American spelling ("neighborhood", "organize"), a
    verb's noun or adjective ("decide", "decisions")."""
    own = stem(word)
    found = set(_VARIANT_STEMS.get(own, ()))
    found.update(_noun_in_ment(word, own))
    for american, british in AMERICAN_ENDINGS:
        if word.endswith(american) and len(word) > len(american) + 2:
            found.add(stem(word[: -len(american)] + british))
            break
    found.discard(own)
    return tuple(sorted(found))


@lru_cache(maxsize=4096)
def derived(word):
    """The stems of a folded word's derivational relatives (DERIVATIONS, both ways, from the word and
    its uninflected forms) that Snowball joins neither to it nor to its `variants`: "carers" -> care,
    "leadership" -> leader, "healthy" -> health. Only common English words are made (search.english), and
    only from content words of four letters or more; a relative no document uses matches nothing."""
    if len(word) < 4 or not word.isalpha() or word in STOP_WORDS or word in FILLER_WORDS or word in QUALIFIER_WORDS:
        return ()
    forms, made = {word}, set()
    for ending, base in _INFLECTIONS:
        if word.endswith(ending) and not word.endswith("ss") and len(word) - len(ending) >= 3:
            forms.add(word[: len(word) - len(ending)] + base)
            # "poorest": poor, "healthier": healthy (Snowball joins the rest); a superlative has a comparative
            # ("poorer"), "interest" none
            if ending in _COMPARISONS and (ending != "est" or _is_common_word(f"{word[:-3]}er")):
                made.add(word[: len(word) - len(ending)] + base)
    for form in forms:
        for longer, shorter in DERIVATIONS:
            shortest = 4 if longer in _ONE_WAY else 3  # "poor" is not one who "poes"
            if form.endswith(longer) and len(form) - len(longer) + len(shorter) >= shortest:
                made.add(form[: len(form) - len(longer)] + shorter)
            if form.endswith(shorter) and len(form) >= 5 and longer not in _ONE_WAY:
                base = form[: len(form) - len(shorter)]
                if not shorter and base.endswith("e") and longer[0] in "aeiouy":  # care, carer: the "e" goes
                    base = base[:-1]
                made.add(base + longer)
    own = {stem(word), *variants(word)}
    found = set()
    for other in made - {word}:
        if other not in FILLER_WORDS and other not in STOP_WORDS and _is_common_word(other):
            found.update({stem(other), *_VARIANT_STEMS.get(stem(other), ())})
    return tuple(sorted(found - own))


def _is_common_word(word):
    """Whether a word made by DERIVATIONS is a word people use: in search.english's (American) word list at
    least DERIVED_FREQUENCY times, as written or as the British spelling of one (neighbour,
    organisation, programme, centre, catalogue); rare coinages ("viewy", "homy") are left out."""
    return is_english_word(word, DERIVED_FREQUENCY) or any(
        british in word and is_english_word(word.replace(british, american), DERIVED_FREQUENCY)
        for british, american in _BRITISH_SPELLINGS
    )


_BRITISH_SPELLINGS = (
    ("our", "or"),
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("tre", "ter"),
    ("mme", "m"),
    ("ogue", "og"),
)


def _noun_in_ment(word, own):
    """A verb and its noun in "-ment" whose stems Snowball keeps apart, because the word is too short
    for it to take the ending off: "reabling" and "reablement", "paid" and "payments". Only a verb's
    forms look for their noun; a guess no document uses matches nothing."""
    if own.endswith("ment"):  # a noun Snowball left whole: its verb
        base = word[:-5] if word.endswith("ments") else word[:-4]
        return {stem(base), *_VARIANT_STEMS.get(stem(base), ())} if len(base) > 2 else set()
    if word in FILLER_WORDS or word in QUALIFIER_WORDS or not (own in _PRESENT_FORMS or word.endswith(("ing", "ed"))):
        return set()  # only a verb's forms ("reabling", "reabled", "paid") have such a noun; "doing" none anyone means
    word = _PRESENT_FORMS.get(own, word)  # "paid": the noun of "pay"
    own = stem(word)
    base = word[:-3] if word.endswith("ing") else word[:-2] if word.endswith("ed") else word
    endings = ("ment",) if base.endswith("e") else ("ment", "ement")
    return {noun for noun in (stem(base + ending) for ending in endings) if noun.endswith("ment") and noun != own}


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
    concept: bool = False  # a glossary entry the query describes: another way to cover `size` of its words
    loose: tuple = ()  # stems that match, all of them anywhere in a document, as a plain match of the words typed

    @property
    def counted(self):
        """Whether the group is one of the query's content words, which a document must cover enough of."""
        return not self.optional and not self.concept

    @property
    def all_phrases(self):
        return self.phrases + self.related


def required_coverage(groups, relaxed=False):
    """How many of the query's content words a document must match, counted through the groups it
    matches (a group counts its `size`).

    Short queries need every content word; longer ones most of them (three of four, three of five),
    so one word the content does not use cannot hide the pages about the rest. `relaxed` is the last
    try when that finds nothing, and a long query's first (`is_long`): half of them, at least one."""
    content = sum(group.size for group in groups if group.counted)
    if relaxed:
        return max(1, math.ceil(content / 2))
    return content if content <= 2 else math.ceil(content * 0.6)


def needs_every_word_known(groups):
    """Whether a query is short enough (three content words) that an English word no document uses
    sinks it: the "two of three" that `required_coverage` allows is for a word the pages happen not to
    share, not for an everyday word the site never uses ("school holiday dates" is not about schools'
    dates). A name or a misspelling the site lacks ("Perthshire day centres") keeps the allowance."""
    content = sum(group.size for group in groups if group.counted)
    return 2 < content <= 3


def sunk_by_unknown_word(groups, group_counts):
    """Whether a short query (`needs_every_word_known`) has a content word that no document matches
    and that is an English word (search.english)."""
    paired = list(zip(groups, group_counts, strict=False))
    if not needs_every_word_known(groups) or any(group.concept and count for group, count in paired):
        return False  # a glossary entry the query describes covers its words, whatever they are
    return any(
        all(is_english_word(word) for word in words(group.typed))
        for group, count in paired
        if group.counted and not count
    )


def can_relax(groups):
    return required_coverage(groups, relaxed=True) < required_coverage(groups)


def is_long(groups):
    """Whether a query is long enough (LONG_QUERY content words) that half of them are enough from the
    start: a practitioner describing their situation in their own words ("has anyone brought frontline
    staff in before a single word of the plan is written?") says more than the thread that answers them
    does ("frontline staff in the room before we write anything"). Whoever says more of it still ranks
    first. Applied in `search.service.search_with` with `covers_a_known_subject`."""
    return sum(group.size for group in groups if group.counted) >= LONG_QUERY and can_relax(groups)


def unknown_words(groups, group_counts):
    """How many of the query's content words (groups) no visible document matches."""
    return sum(1 for group, count in zip(groups, group_counts, strict=False) if group.counted and not count)


def minimum_lowered(query):
    """Whether a search needs fewer of the query's words than `required_coverage` (a long query's first
    search, or the last try when nothing was found): its answer then says how many visible documents
    match each group (`SearchResults.group_counts`), for `covers_a_known_subject`."""
    return query.minimum is not None and query.minimum < required_coverage(query.groups)


def covers_a_known_subject(groups, group_counts):
    """Whether a long query may keep half of its words: at most LONG_UNKNOWN of them are words no document
    uses. One such word is a paraphrase's everyday word ("a jury of ordinary people"); more mean the query
    is about something the site does not cover ("has anyone set up a flood resilience group in a coastal
    village?" matches only "group", "set up" and "village")."""
    return unknown_words(groups, group_counts) <= LONG_UNKNOWN


def asks_peers(text):
    """Whether the query asks peers about the asker's own practice: forum threads get PEER_LIFT."""
    return not PEER_WORDS.isdisjoint(words(text))


def whole_phrase(groups):
    """The query's content words in order, as one phrase: a document that says it as typed ranks higher."""
    content = [group.phrases[0] for group in groups if group.counted]
    if len(content) < 2:
        return None
    return tuple(word for phrase in content for word in phrase)


@lru_cache(maxsize=64)
def phrase_gaps(size, slop=PHRASE_SLOP):
    """Every way a phrase of `size` words may be said loosely, as the words between each two of them,
    fewest in all first: (0, 0) is the phrase as typed, (1, 0) one word after its first word."""

    def spreads(gaps, left):
        if gaps == 0:
            yield ()
            return
        for gap in range(left + 1):
            for rest in spreads(gaps - 1, left - gap):
                yield (gap, *rest)

    return tuple(sorted(spreads(size - 1, slop), key=sum))


def words_between(text, phrase, slop=PHRASE_SLOP):
    """How many words the analysed text puts between the phrase's words, at the fewest, when it says them
    in order with at most `slop` words between them in all (0: the phrase as typed); None when it does not.
    Elasticsearch's phrase query with that slop finds the same, and scores it less the more words apart."""
    positions = {}
    for index, word in enumerate(WORD.findall(text)):
        positions.setdefault(word, set()).add(index)
    if not all(word in positions for word in phrase):
        return None
    best = None
    for start in positions[phrase[0]]:
        for gaps in phrase_gaps(len(phrase), slop):
            if best is not None and sum(gaps) >= best:
                break
            at = start
            for word, gap in zip(phrase[1:], gaps, strict=True):
                at += gap + 1
                if at not in positions[word]:
                    break
            else:
                best = sum(gaps)
        if best == 0:
            break
    return best


def term_groups(query, glossary):
    """Split a query into TermGroups.

    `glossary` is a list of (names, related, description) entries (the description may be left out):
    names are interchangeable ways of saying one thing (a term, its expansion and synonyms), related are
    everyday phrases for it. A glossary phrase found in the query (its content words, in order, within a
    few words of each other) becomes one group; each remaining word is a group of its own. Entries the
    query describes in other words are added as concept groups (`concept_groups`).
    """
    tokens = words(query)
    stemmed = [stem(token) for token in tokens]
    consumed = [False] * len(tokens)
    found = []  # (position, TermGroup)
    entries = []  # the glossary entries the query names: (names, related)
    present = set(stemmed)
    for phrase, names, related, is_related in _glossary_phrases(glossary):
        if not present.issuperset(_sought(phrase)):  # most phrases: a word of it is not in the query at all
            continue
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
        if len(typed_words) == 1:  # one word: its other forms too ("participation", "participatory")
            exact += [(other,) for other in variants(typed_words[0])]
            weaker = [*weaker, *((other,) for other in derived(typed_words[0]))]  # and its relatives, weaker
        exact = _unique(exact)
        content = tuple(_unique(word for word in typed if word not in _STOP_STEMS))
        # The words typed, apart (a glossary phrase never narrows): its content words, filler too if they are few.
        meaningful = tuple(word for word in content if word not in _FILLER_STEMS)
        loose = meaningful if len(meaningful) > 1 else content if len(content) > 1 else ()
        size = sum(1 for word in content if word not in _FILLER_STEMS)  # filler in it is not required
        group = TermGroup(
            _flat(exact), _flat(_unique(weaker)), optional=not size, typed=" ".join(typed_words), size=size or 1
        )
        found.append((start, replace(group, loose=loose)))
        entries.append((names, related))
    named = _entry_words(entries, stemmed, consumed, sum(group.size for _, group in found if group.counted))
    for position, (token, stemmed_token) in enumerate(zip(tokens, stemmed, strict=True)):
        if consumed[position] or token in STOP_WORDS:
            continue
        phrases, size = [(stemmed_token,), *((other,) for other in variants(token))], 1
        nxt = position + 1
        if token in JOINING_PREFIXES and nxt < len(tokens) and not consumed[nxt]:
            consumed[nxt] = True  # "well being" is one thing: itself, or "wellbeing"
            phrases, size = [(stemmed_token, stemmed[nxt]), (stem(token + tokens[nxt]),)], 2
            token = f"{token} {tokens[nxt]}"
        # A word of the named entry's own vocabulary ("listening" beside "staff who do the work", whose entry
        # says "listening to staff") is part of saying it: a page about the entry covers it (`_entry_words`).
        optional = token in FILLER_WORDS or token in QUALIFIER_WORDS
        related = tuple(named.get(stemmed_token, ())) if size == 1 and not optional else ()
        if size == 1 and not optional:  # its derivational relatives ("carers": care), weaker than the word
            related = tuple(_unique([*related, *((other,) for other in derived(token))]))
        group = TermGroup(tuple(phrases), related, optional=optional, typed=token, size=size)
        found.append((position, group))
    groups = [group for _, group in sorted(found, key=lambda item: item[0])]
    if groups and all(group.optional for group in groups):  # a query of filler alone still means its words
        groups = [replace(group, optional=False) for group in groups]
    if not groups and tokens:  # only stop words ("what is the"): they are all there is to look for
        groups = [
            TermGroup(((stemmed_token,),), typed=token) for token, stemmed_token in zip(tokens, stemmed, strict=True)
        ]
    unnamed = [token for token, used in zip(tokens, consumed, strict=True) if not used]
    return _within_budget(groups + concept_groups(unnamed, groups, glossary))


def _within_budget(groups):
    """The groups with at most MAX_RELATED related phrases among them, the earliest groups keeping
    theirs; a concept group left with none is dropped (it is nothing but related phrases)."""
    left, kept = MAX_RELATED, []
    for group in groups:
        related = group.related[: max(left, 0)]
        left -= len(related)
        if group.concept and not related:
            continue
        kept.append(group if len(related) == len(group.related) else replace(group, related=related))
    return kept


def _entry_words(entries, stemmed, consumed, named_size):
    """{stem: names of the entries it belongs to} for the query's words that the glossary entries it
    names use in their own names and phrases. In a query of three or more content words any such word
    counts ("designing" beside "lived experience", both co-production's); in a shorter one only the
    words of another of the entry's phrases the query says whole ("listening to staff" across "staff who
    do the work"), so that "CAR group" still asks for a group."""
    typed = set(stemmed)
    free = sum(
        1
        for word, used in zip(stemmed, consumed, strict=True)
        if not used and word not in _STOP_STEMS and word not in _FILLER_STEMS and word not in _QUALIFIER_STEMS
    )
    broad = named_size + free >= 3
    named = {}
    for names, related in entries:
        for phrase in (*names, *related):
            said = set(phrase) - _STOP_STEMS
            if broad or said <= typed:
                for word in said:
                    named[word] = _unique([*named.get(word, ()), *names])
    return named


def concept_groups(tokens, groups, glossary):
    """The glossary entries the query's words (`tokens`: those no glossary phrase of the query took)
    describe without naming them, as concept groups.

    An entry qualifies when its own words (names, related phrases, description) hold at least two of
    the query's content words and as many as a document must match (`required_coverage`); question
    words and filler it holds add to its weight but are never needed, so a long everyday question is
    held to what its content words say, not to its way of asking. The most specific entries win (words few entries use
    count most); an entry the query already names or phrases is left out."""
    # Each word with its other forms (`variants`): "arguing" is said in an entry that says "arguments".
    kept = [token for token in tokens if token not in STOP_WORDS]
    typed = [(stem(token), frozenset((stem(token), *variants(token)))) for token in kept]
    content = [forms for token, (_, forms) in zip(kept, typed, strict=True) if token not in _OPTIONAL_WORDS]
    if len(typed) < 2 or not content:
        return []
    needed = len(content) if len(content) <= 2 else math.ceil(len(content) * 0.6)
    present = {phrase for group in groups for phrase in group.all_phrases}
    found = []
    for names, related, bag in _concept_index(_glossary_key(glossary)):
        if present.intersection(names):
            continue
        covered = {word: max(bag[form] for form in forms if form in bag) for word, forms in typed if bag.keys() & forms}
        covered_content = [forms for forms in content if bag.keys() & forms]
        if len(covered_content) >= max(2, needed):
            weight = sum(covered.values())
            group = TermGroup((), tuple(_unique(names + related)), size=len(covered_content), concept=True)
            found.append((-weight, len(found), group))
    return [group for *_, group in sorted(found)[:MAX_CONCEPTS]]


@lru_cache(maxsize=64)
def _concept_index(glossary):
    """Each entry's names and related phrases as stems, and its words (stop words left out), each with
    how specific it is: log(1 + entries / entries using the word)."""
    entries = []
    for names, related, description in glossary:
        name_stems = tuple(_unique(tuple(stems(name)) for name in names if stems(name)))
        related_stems = tuple(_unique(tuple(stems(phrase)) for phrase in related if stems(phrase)))
        bag = {word for phrase in name_stems + related_stems for word in phrase}
        bag.update(stems(description))
        entries.append((name_stems, related_stems, frozenset(bag - _STOP_STEMS)))
    usage = Counter(word for *_, bag in entries for word in bag)
    return tuple(
        (names, related, {word: math.log(1 + len(entries) / usage[word]) for word in bag})
        for names, related, bag in entries
    )


def _glossary_key(glossary):
    """The glossary as a hashable key, each entry (names, related, description)."""
    return tuple((tuple(names), tuple(related), rest[0] if rest else "") for names, related, *rest in glossary)


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
            if len(phrase) == 1 and phrase[0] in _FILLER_STEMS:  # "findings" is not every "find"
                continue
            entries.append((phrase, tuple(name_stems), tuple(related_stems), True))
    entries.sort(key=lambda entry: -len(entry[0]))
    return tuple(entries)


def _glossary_phrases(glossary):
    return _glossary_index(tuple((tuple(names), tuple(related)) for names, related, *_ in glossary))


_VARIANT_STEMS = {}  # stem -> every stem of the forms it shares a line with, through any chain of them
for _forms in f"{VARIANTS}|{IRREGULAR_VERBS}".split("|"):
    _stems = {stem(word) for word in _forms.split()}
    _stems = _stems.union(*(_VARIANT_STEMS.get(_one, ()) for _one in _stems))
    for _one in _stems:
        _VARIANT_STEMS[_one] = _stems
_PRESENT_FORMS = {stem(past): forms.split()[0] for forms in IRREGULAR_VERBS.split("|") for past in forms.split()[1:]}
_STOP_STEMS = frozenset(stem(word) for word in STOP_WORDS)
_FILLER_STEMS = frozenset(stem(word) for word in FILLER_WORDS)
_QUALIFIER_STEMS = frozenset(stem(word) for word in QUALIFIER_WORDS)
_OPTIONAL_WORDS = FILLER_WORDS | QUALIFIER_WORDS


@lru_cache(maxsize=8192)
def _sought(phrase):
    """The words of a glossary phrase a query must hold to mention it: its content words (stop words in
    it may be missing), or all of them when those are filler ("what works" is not every "work")."""
    content = tuple(word for word in phrase if word not in _STOP_STEMS) or phrase
    return phrase if all(word in _FILLER_STEMS for word in content) else content


def _find(phrase, stemmed, consumed):
    """Where the phrase is in the query: its content words in order, each unconsumed, with at most two
    other words between neighbours (stop words in the phrase may be missing). None if it is not there."""
    content = _sought(phrase)
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
    """An HTML-safe extract of `text` around the first match, matches wrapped in <mark>.

    The extract is placed at the first of the words typed (or what they stand for: a glossary
    term's names) and only when the text has none of those at the first related word, so a page
    found for "PB" shows where it says participatory budgeting, not where it says "budget"."""
    text = text or ""
    wanted = query_stems(groups)
    start = 0
    if wanted:
        found = list(WORD.finditer(fold(text)))
        exact = [phrase for group in groups if not group.concept for phrase in group.phrases if phrase]
        first = _first_phrase(found, exact) or next((m for m in found if _matches(m.group(), wanted)), None)
        if first and first.start() > length // 3:
            start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + mark(text[start:end], wanted) + suffix


def _first_phrase(words, phrases):
    """The first of `words` (matches of WORD) where one of `phrases` (tuples of stems) begins."""
    starts = {phrase[0] for phrase in phrases}
    for index, word in enumerate(words):
        if stem(word.group()) not in starts:
            continue
        for phrase in phrases:
            following = words[index : index + len(phrase)]
            if len(following) == len(phrase) and all(
                stem(w.group()) == s for w, s in zip(following, phrase, strict=True)
            ):
                return word
    return None


def title_html(title, groups):
    return mark(title or "", query_stems(groups))
