"""Word forms nobody tuned to: every demo page's title, typed exactly and in other forms of its words.

    DATABASE_URL=sqlite:////path/to/demo.sqlite3 ELASTICSEARCH_URL=http://127.0.0.1:9200 \
        .venv/bin/python bench/title_forms.py [--nice 5]

Run it on a migrated database with the demo content loaded (`manage.py load_demo_content`). Each
backend gets a fresh index of that database, as `manage.py search_relevance` builds one (the database
backend's table rebuilt in a transaction that is rolled back; Elasticsearch indices under a prefix of
their own, dropped afterwards), so nothing live is touched.

1. Every live demo page's title typed exactly must find that page first (precision: the words as
   written are the strongest match there is).
2. For each content word of a title (four letters or more, not a stop word), each other inflection
   of its lemmas (`lemminflect`: plural and singular, past, gerund, third person) replaces it, one
   word at a time, and then every such word at once (the first other form of each, alphabetically);
   the page should stay in the top 3. These variants come from an English
   inflection table, not from search.text, so they measure how far the project's own word-form
   handling generalises; nobody tunes queries to them. `lemminflect` is needed only here: it is in
   requirements-dev.txt (`make test` installs it), and nothing in the site imports it.

Prints, per backend, the titles not found first, the variants that lose their page from the top 3,
and the counts.
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
TOP = 3
STOP = {"with", "from", "that", "their", "what", "where", "when", "into", "they", "this", "every", "them"}


def variants(title, inflections):
    """(variant, changed word) for each other inflection of each content word of the title."""
    tokens = re.findall(r"[A-Za-z][A-Za-z'-]*|[^A-Za-z]+", title)
    every = list(tokens)
    for position, token in enumerate(tokens):
        word = token.lower()
        if len(word) < 4 or word in STOP or "-" in word or "'" in word:
            continue
        for form in sorted(inflections(word) - {word}):
            changed = form.capitalize() if token[0].isupper() else form
            yield "".join([*tokens[:position], changed, *tokens[position + 1 :]]), f"{word} -> {form}"
        others = sorted(inflections(word) - {word})
        if others:
            every[position] = others[0]
    if every != tokens:  # every content word in another form at once
        yield "".join(every), "every word"


def lemminflect_forms(word):
    from lemminflect import getAllInflections, getAllLemmas

    forms = set()
    for lemmas in getAllLemmas(word).values():
        for lemma in lemmas:
            for inflected in getAllInflections(lemma).values():
                forms.update(inflected)
    return {form.lower() for form in forms if form.isalpha()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nice", type=int, default=0, help="lower this process's priority by N")
    args = parser.parse_args()
    if args.nice:
        os.nice(args.nice)
    try:
        import lemminflect  # noqa: F401
    except ImportError:
        sys.exit("bench/title_forms.py needs lemminflect (requirements-dev.txt: make .venv/.dev); nothing was run.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from wagtail.models import Page

    from search.backends.base import BackendUnavailable
    from search.relevance import database_engine, elasticsearch_engine

    pages = [
        (page.title, page.slug)
        for page in Page.objects.live().specific()
        if type(page).__name__ in {"CaseStudyPage", "EvidenceSummaryPage", "PracticeGuidePage", "LearningPathwayPage"}
    ]
    engines = {"database": database_engine}
    if settings.ELASTICSEARCH_URL:
        engines["elasticsearch"] = elasticsearch_engine
    queries = [(title, slug, [*variants(title, lemminflect_forms)]) for title, slug in pages]
    print(f"{len(pages)} pages, {sum(len(v) for *_, v in queries)} variants of their titles")
    summary = {}
    for name, engine in engines.items():
        not_first, lost = [], []
        with engine(k=10) as raw_search:

            def search(text):
                try:
                    return raw_search(text)
                except BackendUnavailable as exc:  # a query the backend refuses is a loss, and said
                    print(f"  refused: {text}: {str(exc)[:200]}")
                    return []

            for title, slug, forms in queries:
                if search(title)[:1] != [slug]:
                    not_first.append(title)
                for variant, change in forms:
                    if slug not in search(variant)[:TOP]:
                        lost.append(f"{variant}  ({change})")
        summary[name] = (len(not_first), len(lost))
        print(f"\n## {name}: {len(not_first)} titles not first, {len(lost)} variants out of the top {TOP}")
        for title in not_first:
            print(f"  not first: {title}")
        for variant in lost:
            print(f"  lost: {variant}")
    print("\n| backend | titles not first | variants losing their page from the top 3 |")
    print("| --- | ---: | ---: |")
    for name, (titles, variants_lost) in summary.items():
        print(f"| {name} | {titles} / {len(pages)} | {variants_lost} / {sum(len(v) for *_, v in queries)} |")


if __name__ == "__main__":
    main()
