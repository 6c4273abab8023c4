"""Do the two backends agree on word forms? The tuning sets' queries, each word in its other forms.

    DATABASE_URL=sqlite:////path/to/demo.sqlite3 ELASTICSEARCH_URL=http://127.0.0.1:9200 \
        .venv/bin/python bench/wordform_agreement.py [--nice 5] [--show 20]

Run it on a migrated database with the demo content loaded (`manage.py load_demo_content`); each backend
gets a fresh index of it, as `manage.py search_relevance` builds one, so nothing live is touched.

Every judged query of the five tuning sets (`tests/search/judgements.py`, `_dev` to `_dev4`; never the
held-out sets) is typed again with one content word (four letters or more) replaced by each of its other
forms: `lemminflect`'s inflections of its lemmas (plural, past, gerund, third person) and the English
words one common ending away ("-ion", "-ing", "-er", "-ment", "-al", ...: `DERIVED_ENDINGS`, kept only when
`search.english` knows the word). The variants come from an inflection table and a list of endings, not
from `search.text`, so nobody tunes to them. Each variant is scored by the original query's judgements
(nDCG@10) on both backends, and the two top 10s are compared.

Prints the mean nDCG@10 of the variants per backend, how many variants each backend scores more than 0.1
below the other, the mean overlap of the two top 10s, and the variants with the widest gaps.
"""

import argparse
import os
import re
import runpy
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
SETS = ("judgements", "judgements_dev", "judgements_dev2", "judgements_dev3", "judgements_dev4")
GAP = 0.1
# Endings English word building swaps (base ending, derived ending); a made word counts only if it is English.
DERIVED_ENDINGS = (
    ("ate", "ation"),
    ("ate", "ator"),
    ("e", "ion"),
    ("e", "ation"),
    ("", "ion"),
    ("", "ation"),
    ("", "ment"),
    ("", "er"),
    ("e", "er"),
    ("", "al"),
    ("", "ing"),
    ("e", "ing"),
    ("y", "ies"),
    ("ise", "isation"),
    ("ize", "ization"),
    ("", "ship"),
    ("", "ity"),
    ("ent", "ence"),
    ("ant", "ance"),
)


def forms(word):
    """Other forms of a word: its lemmas' inflections, and English words one ending away."""
    from lemminflect import getAllInflections, getAllLemmas

    from search.english import is_english_word

    found = set()
    for lemmas in getAllLemmas(word).values():
        for lemma in lemmas:
            found.add(lemma)
            for inflected in getAllInflections(lemma).values():
                found.update(inflected)
    for base, derived in DERIVED_ENDINGS:
        for a, b in ((base, derived), (derived, base)):
            if word.endswith(a) and len(word) - len(a) >= 3:
                made = word[: len(word) - len(a)] + b
                if is_english_word(made, 50):
                    found.add(made)
    return {form.lower() for form in found if form.isalpha()} - {word}


def variants(query):
    """(variant, change) for each other form of each content word of the query."""
    from search.text import FILLER_WORDS, STOP_WORDS

    tokens = re.findall(r"[A-Za-z]+|[^A-Za-z]+", query)
    for position, token in enumerate(tokens):
        word = token.lower()
        if len(word) < 4 or not word.isalpha() or word in STOP_WORDS or word in FILLER_WORDS:
            continue
        for form in sorted(forms(word)):
            yield "".join([*tokens[:position], form, *tokens[position + 1 :]]), f"{word} -> {form}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nice", type=int, default=0, help="lower this process's priority by N")
    parser.add_argument("--show", type=int, default=25, help="how many of the widest gaps to print")
    args = parser.parse_args()
    if args.nice:
        os.nice(args.nice)
    try:
        import lemminflect  # noqa: F401
    except ImportError:
        sys.exit("bench/wordform_agreement.py needs lemminflect (requirements-dev.txt); nothing was run.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    from search.relevance import database_engine, elasticsearch_engine, score

    if not settings.ELASTICSEARCH_URL:
        sys.exit("Set ELASTICSEARCH_URL: the probe compares the two backends.")
    judged = {}
    for name in SETS:
        namespace = runpy.run_path(str(ROOT / "tests" / "search" / f"{name}.py"))
        kinds = namespace.get("KINDS", {})
        for query, grades in namespace["JUDGEMENTS"].items():
            if grades and kinds.get(query) != "empty":
                judged[query] = grades
    cases = [(query, query, "as judged") for query in judged]
    cases += [(query, variant, change) for query in judged for variant, change in variants(query)]
    print(f"{len(judged)} judged queries, {len(cases)} variants")
    rankings = {}
    for name, engine in (("database", database_engine), ("elasticsearch", elasticsearch_engine)):
        with engine(k=10) as search:
            rankings[name] = [search(variant) for _, variant, _ in cases]
    original, rows = {}, []
    for index, (query, variant, change) in enumerate(cases):
        db, es = rankings["database"][index], rankings["elasticsearch"][index]
        scores = (score(db, judged[query]), score(es, judged[query]))
        if variant == query:
            original[query] = scores
            continue
        # What the word's other form cost each backend against the query as judged
        lost = tuple(before - after for before, after in zip(original[query], scores, strict=True))
        overlap = len(set(db[:10]) & set(es[:10])) / max(1, min(10, max(len(db), len(es))))
        rows.append((*scores, *lost, overlap, query, variant, change))
    print("\n| measure (the variants) | database | elasticsearch |\n| --- | ---: | ---: |")
    print(
        f"| mean nDCG@10 (the queries as judged) | {statistics.fmean(s[0] for s in original.values()):.3f} | "
        f"{statistics.fmean(s[1] for s in original.values()):.3f} |"
    )
    print(f"| mean nDCG@10 | {statistics.fmean(r[0] for r in rows):.3f} | {statistics.fmean(r[1] for r in rows):.3f} |")
    print(
        f"| losing more than {GAP} against the query as judged | {sum(r[2] > GAP for r in rows)} | "
        f"{sum(r[3] > GAP for r in rows)} |"
    )
    print(
        f"| losing more than {GAP} more than the other backend | {sum(r[2] > r[3] + GAP for r in rows)} | "
        f"{sum(r[3] > r[2] + GAP for r in rows)} |"
    )
    print(f"| mean overlap of the two top 10s | {statistics.fmean(r[4] for r in rows):.3f} | |")
    print("\nwidest differences in what the other form cost (database, elasticsearch: as judged -> variant):")
    for db, es, db_lost, es_lost, _, _query, variant, change in sorted(rows, key=lambda r: -abs(r[2] - r[3]))[
        : args.show
    ]:
        print(f"  db {db + db_lost:.3f} -> {db:.3f}  es {es + es_lost:.3f} -> {es:.3f}  {variant!r}  ({change})")


if __name__ == "__main__":
    main()
