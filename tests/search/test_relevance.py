"""Relevance on the demo content: our backends rank the judged queries (judgements.py) better than
Wagtail's default search does, and no worse than a floor below which relevance has regressed."""

import json
import uuid
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.site import load_demo_content
from search import relevance
from search.relevance import (
    DEFAULT_JUDGEMENTS,
    HOLDOUT_JUDGEMENTS,
    KNOWN_KINDS,
    JudgedKeys,
    evaluate,
    load_judgements,
    ndcg,
    ranking,
    report,
    score,
    thread_key,
)
from search.service import forget_glossary
from tests.services import service_url

# Measured on the demo content (bench/README.md, "Search"): about 0.85 for both backends, 0.59 for
# Wagtail's default search. Below this floor a change has made relevance worse: look before lowering it.
FLOOR = 0.75

# The second held-out set, written blind: checked here like the others, only ever reported.
SECOND_HOLDOUT_JUDGEMENTS = Path(__file__).with_name("judgements_holdout2.py")
# A second tuning set of issue 11's weak kinds, written from the content before tuning on it.
DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev.py")
SECOND_DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev2.py")
THIRD_DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev3.py")
FOURTH_DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev4.py")
FIFTH_DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev5.py")
SIXTH_DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev6.py")
# An eighth set, weighted to forum answers, written before any search was run on it: its first figures are
# honest, and it was tuned on since (bench/README.md).
SEVENTH_DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev7.py")
# A ninth, weighted to forum answers and everyday paraphrases, written before any search was run on it: out of sample.
EIGHTH_DEV_JUDGEMENTS = Path(__file__).with_name("judgements_dev8.py")


@pytest.fixture
def demo_site(db):
    load_demo_content()
    forget_glossary()
    return load_judgements(DEFAULT_JUDGEMENTS)


def assert_beats_the_baseline(engine, judgements):
    results = evaluate(judgements, [engine, "wagtail"])
    ours, baseline = results[engine].mean, results["wagtail"].mean
    assert len(results[engine].per_query) == len(judgements) >= 30
    assert ours > baseline, f"{engine} {ours:.3f} does not beat Wagtail's default search {baseline:.3f}"
    assert ours >= FLOOR, f"{engine} mean nDCG@10 {ours:.3f} fell below {FLOOR}"


def test_the_database_backend_beats_wagtails_default_search(demo_site, settings):
    settings.ELASTICSEARCH_URL = ""
    assert_beats_the_baseline("database", demo_site)


def test_the_elasticsearch_backend_beats_wagtails_default_search(demo_site, settings):
    from search.backends.elasticsearch import ElasticsearchBackend

    settings.ELASTICSEARCH_URL = service_url("elasticsearch")
    settings.SEARCH_INDEX_PREFIX = f"cop-test-{uuid.uuid4().hex[:10]}"
    assert_beats_the_baseline("elasticsearch", demo_site)
    # The run indexes under its own prefix and drops what it made.
    leftovers = ElasticsearchBackend().client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*")
    assert list(leftovers) == []


def test_ndcg_rewards_the_best_pages_first():
    grades = {"a": 2, "b": 1}
    assert ndcg(["a", "b", "x"], grades) == 1.0
    assert ndcg(["x", "y"], grades) == 0.0
    assert ndcg(["b", "a"], grades) < ndcg(["a", "x", "b"], grades) < 1.0


@pytest.mark.parametrize(
    "path",
    [
        DEFAULT_JUDGEMENTS,
        HOLDOUT_JUDGEMENTS,
        SECOND_HOLDOUT_JUDGEMENTS,
        DEV_JUDGEMENTS,
        SECOND_DEV_JUDGEMENTS,
        THIRD_DEV_JUDGEMENTS,
        FOURTH_DEV_JUDGEMENTS,
        FIFTH_DEV_JUDGEMENTS,
        SIXTH_DEV_JUDGEMENTS,
        SEVENTH_DEV_JUDGEMENTS,
        EIGHTH_DEV_JUDGEMENTS,
    ],
    ids=["tuning", "holdout", "holdout2", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8"],
)
def test_every_judged_page_exists_in_the_demo_content(demo_site, path):
    """Pages by slug, and forum threads by key, only those anyone may read (as the engines search)."""
    from wagtail.models import Page

    from forums.models import Community, Thread

    slugs = set(Page.objects.live().values_list("slug", flat=True))
    titles = list(
        Thread.objects.filter(community__in=Community.objects.readable_by(None)).values_list("title", flat=True)
    )
    threads = {thread_key(title) for title in titles}
    assert len(threads) == len(titles), "two public threads share a key"
    judged = {key for grades in load_judgements(path).values() for key in grades}
    assert judged <= slugs | threads, (
        f"judgements name pages the demo content lacks: {sorted(judged - slugs - threads)}"
    )


def test_every_query_has_a_kind_and_the_holdout_is_its_own():
    tuning, holdout = load_judgements(DEFAULT_JUDGEMENTS), load_judgements(HOLDOUT_JUDGEMENTS)
    for judged in (tuning, holdout):
        assert set(judged.kinds) == set(judged)
        assert set(judged.kinds.values()) <= set(KNOWN_KINDS)
    assert not set(tuning) & set(holdout)
    for kind in ("paraphrase", "wordform", "typo", "question", "forum", "empty"):
        assert sum(k == kind for k in tuning.kinds.values()) >= 2, kind
        assert sum(k == kind for k in holdout.kinds.values()) >= 3, kind


def test_the_second_holdout_is_its_own_and_covers_every_kind():
    tuning, holdout = load_judgements(DEFAULT_JUDGEMENTS), load_judgements(HOLDOUT_JUDGEMENTS)
    second = load_judgements(SECOND_HOLDOUT_JUDGEMENTS)
    assert set(second.kinds) == set(second)
    assert len(second) >= 40
    elsewhere = {query.casefold() for query in [*tuning, *holdout]}
    shared = sorted(query for query in second if query.casefold() in elsewhere)
    assert shared == [], "these queries of the second holdout also appear in another set"
    wanted = {"paraphrase": 10, "wordform": 5, "typo": 5, "question": 6, "forum": 7, "abbreviation": 3}
    wanted |= {"place": 3, "empty": 4}
    for kind, count in wanted.items():
        assert sum(k == kind for k in second.kinds.values()) >= count, kind


# --- Queries the site cannot answer ("empty") --------------------------------------------------
def test_an_empty_query_scores_one_for_no_results_and_nothing_for_any():
    assert score([], {}) == 1.0
    assert score(["housing-first"], {}) == 0.0
    assert score(["a", "b"], {"a": 2, "b": 1}) == ndcg(["a", "b"], {"a": 2, "b": 1}) == 1.0


def _judgements_file(tmp_path, judgements, kinds=None):
    path = tmp_path / "judged.py"
    path.write_text(f"JUDGEMENTS = {judgements!r}\n" + (f"KINDS = {kinds!r}\n" if kinds is not None else ""))
    return path


def test_only_an_empty_query_may_judge_nothing_relevant(tmp_path):
    nothing = {"parking permits": {}}
    with pytest.raises(ValueError, match="at least one relevant page"):
        load_judgements(_judgements_file(tmp_path, nothing))  # no KINDS
    with pytest.raises(ValueError, match="at least one relevant page"):
        load_judgements(_judgements_file(tmp_path, nothing, {"parking permits": "topic"}))
    with pytest.raises(ValueError, match="nothing on the site answers it"):
        load_judgements(
            _judgements_file(tmp_path, {"parking permits": {"housing-first": 1}}, {"parking permits": "empty"})
        )
    with pytest.raises(ValueError, match="KINDS must label exactly"):
        load_judgements(_judgements_file(tmp_path, {"a": {"x": 1}, "b": {"y": 1}}, {"a": "topic"}))
    with pytest.raises(ValueError, match="unknown kinds"):
        load_judgements(_judgements_file(tmp_path, {"a": {"x": 1}}, {"a": "emtpy"}))
    judged = load_judgements(_judgements_file(tmp_path, nothing, {"parking permits": "empty"}))
    assert judged == nothing
    assert judged.kinds == {"parking permits": "empty"}
    assert load_judgements(_judgements_file(tmp_path, nothing), kinds={"parking permits": "empty"}) == nothing


@contextmanager
def _fixed_engine(answers):
    """An engine that returns the given ranking for each query."""

    @contextmanager
    def engine(k):
        yield lambda text: answers[text]

    yield engine


def test_report_gives_each_kinds_mean(tmp_path, monkeypatch):
    judged = load_judgements(
        _judgements_file(
            tmp_path,
            {"a": {"x": 2}, "b": {"y": 2}, "c": {"z": 1}, "parking permits": {}, "blue badges": {}},
            {"a": "topic", "b": "topic", "c": "typo", "parking permits": "empty", "blue badges": "empty"},
        )
    )
    answers = {"a": ["x"], "b": ["q"], "c": ["z", "x"], "parking permits": [], "blue badges": ["x"]}
    with _fixed_engine(answers) as engine:
        monkeypatch.setitem(relevance.ENGINE_FACTORIES, "database", engine)
        figures = report(evaluate(judged, ["database"]), judged)
    assert figures["per_query"]["parking permits"] == {"database": 1.0}
    assert figures["per_query"]["blue badges"] == {"database": 0.0}
    assert figures["queries_by_kind"] == {"topic": 2, "typo": 1, "empty": 2}
    assert figures["mean_ndcg_by_kind"] == {"database": {"topic": 0.5, "typo": 1.0, "empty": 0.5}}
    assert figures["mean_ndcg"] == {"database": 0.6}  # over queries, not over kinds
    # A file without KINDS reports every query under one label.
    plain = {"a": {"x": 2}}
    with _fixed_engine({"a": ["x"]}) as engine:
        monkeypatch.setitem(relevance.ENGINE_FACTORIES, "database", engine)
        assert report(evaluate(plain, ["database"]), plain)["mean_ndcg_by_kind"] == {"database": {"unlabelled": 1.0}}


# --- Forum threads as judged items -------------------------------------------------------------
def test_a_post_counts_for_its_thread_and_only_once(demo_site):
    from forums.models import Thread

    thread = Thread.objects.get(title="Locality plans: how do you involve frontline staff from the start?")
    posts = [post.search_document_id() for post in thread.posts.order_by("created")]
    page = next(iter(demo_site["housing first"]))
    key_of = JudgedKeys()
    hits = [posts[1], thread.search_document_id(), "page-0", posts[2], _doc_id_of(page), posts[0]]
    ranked = ranking(hits, key_of)
    key = thread_key(thread.title)
    assert ranked == [key, "page-0", page]
    grades = {key: 2, page: 1}
    assert ndcg(ranked, grades) < 1.0  # the stray "page-0" sits above the page
    assert ndcg([key, page], grades) == 1.0  # four hits on one thread would otherwise score above the ideal


def _doc_id_of(slug):
    from wagtail.models import Page

    return f"page-{Page.objects.get(slug=slug).pk}"


def test_a_reply_that_answers_finds_its_thread(demo_site, settings):
    """End to end on the database backend: only a reply says "backfill", and it counts for its thread."""
    settings.ELASTICSEARCH_URL = ""
    key = thread_key("Locality plans: how do you involve frontline staff from the start?")
    result = evaluate({"backfill visits": {key: 2}}, ["database"])["database"]
    assert result.rankings["backfill visits"] == [key]
    assert result.per_query["backfill visits"] == 1.0


def test_the_command_reports_each_engine(demo_site, settings, tmp_path):
    import json

    from django.core.management import call_command

    settings.ELASTICSEARCH_URL = ""
    judgements = tmp_path / "judged.py"
    judgements.write_text('JUDGEMENTS = {"housing first": {"housing-first": 2, "aberdeen-housing-first": 2}}\n')
    out = StringIO()
    call_command("search_relevance", "--judgements", str(judgements), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert set(figures["mean_ndcg"]) == {"database", "wagtail"}  # no Elasticsearch without its URL
    assert figures["queries"] == 1
    assert set(figures["rankings"]["database"]["housing first"][:2]) == {"housing-first", "aberdeen-housing-first"}
    table = StringIO()
    call_command("search_relevance", "--judgements", str(judgements), "--per-query", stdout=table)
    assert "| housing first" in table.getvalue()
    assert "mean nDCG@10" in table.getvalue()


def test_the_command_reports_each_kind(demo_site, settings, tmp_path):
    settings.ELASTICSEARCH_URL = ""
    judgements = _judgements_file(
        tmp_path,
        {"housing first": {"housing-first": 2, "aberdeen-housing-first": 2}, "zzqx vvkw": {}},
        {"housing first": "topic", "zzqx vvkw": "empty"},
    )
    out = StringIO()
    call_command("search_relevance", "--judgements", str(judgements), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert set(figures["mean_ndcg_by_kind"]) == {"database", "wagtail"}
    assert figures["mean_ndcg_by_kind"]["database"]["empty"] == 1.0  # nothing matches made-up words
    assert figures["kinds"] == {"housing first": "topic", "zzqx vvkw": "empty"}
    table = StringIO()
    call_command("search_relevance", "--judgements", str(judgements), "--by-kind", stdout=table)
    lines = table.getvalue().splitlines()
    assert [cell.strip() for cell in lines[0].split("|")[1:-1]] == ["kind", "queries", "database", "wagtail"]
    assert any(line.startswith("| empty ") for line in lines)
    assert any(line.startswith("| topic ") for line in lines)
    assert "mean nDCG@10" in table.getvalue()


def test_the_dev_set_labels_every_query_and_repeats_none_of_the_tuning_set():
    tuning, dev = load_judgements(DEFAULT_JUDGEMENTS), load_judgements(DEV_JUDGEMENTS)
    assert set(dev.kinds) == set(dev)
    assert set(dev.kinds.values()) <= set(KNOWN_KINDS)
    assert not {query.casefold() for query in dev} & {query.casefold() for query in tuning}
    for kind in ("paraphrase", "question", "wordform", "forum", "empty"):
        assert sum(k == kind for k in dev.kinds.values()) >= 2, kind


def assert_a_dev_set(path, others, wanted):
    """Every query of the set has a known kind, none repeats a query of the `others`, and each kind has
    at least its `wanted` number of queries."""
    judged = load_judgements(path)
    assert set(judged.kinds) == set(judged)
    assert set(judged.kinds.values()) <= set(KNOWN_KINDS)
    elsewhere = {query.casefold() for other in others for query in load_judgements(other)}
    assert sorted(query for query in judged if query.casefold() in elsewhere) == []
    for kind, count in wanted.items():
        assert sum(k == kind for k in judged.kinds.values()) >= count, kind
    return judged


HELD_OUT = (HOLDOUT_JUDGEMENTS, SECOND_HOLDOUT_JUDGEMENTS)


def test_the_second_dev_set_covers_every_kind_and_repeats_no_other_set():
    wanted = {"paraphrase": 10, "question": 6, "wordform": 6, "forum": 5, "typo": 2, "abbreviation": 2}
    wanted |= {"place": 2, "empty": 1}
    assert_a_dev_set(SECOND_DEV_JUDGEMENTS, (DEFAULT_JUDGEMENTS, DEV_JUDGEMENTS, *HELD_OUT), wanted)


def test_the_third_dev_set_is_weighted_to_word_forms_and_paraphrases_and_repeats_no_other_set():
    others = (DEFAULT_JUDGEMENTS, DEV_JUDGEMENTS, SECOND_DEV_JUDGEMENTS, *HELD_OUT)
    wanted = {"wordform": 15, "paraphrase": 10, "question": 3, "forum": 3, "typo": 2, "empty": 2}
    assert_a_dev_set(THIRD_DEV_JUDGEMENTS, others, wanted)


def test_the_fourth_dev_set_is_weighted_to_word_forms_and_repeats_no_other_set():
    others = (DEFAULT_JUDGEMENTS, DEV_JUDGEMENTS, SECOND_DEV_JUDGEMENTS, THIRD_DEV_JUDGEMENTS, *HELD_OUT)
    wanted = {"wordform": 20, "paraphrase": 10, "question": 6, "forum": 2, "empty": 2}
    assert_a_dev_set(FOURTH_DEV_JUDGEMENTS, others, wanted)


def test_the_fifth_dev_set_is_weighted_to_paraphrases_and_repeats_no_other_set():
    tuning = (DEFAULT_JUDGEMENTS, DEV_JUDGEMENTS, SECOND_DEV_JUDGEMENTS, THIRD_DEV_JUDGEMENTS, FOURTH_DEV_JUDGEMENTS)
    wanted = {"paraphrase": 25, "question": 10, "wordform": 4, "forum": 3, "empty": 3}
    assert_a_dev_set(FIFTH_DEV_JUDGEMENTS, (*tuning, *HELD_OUT), wanted)


def test_the_sixth_dev_set_is_of_paraphrases_only_and_repeats_no_other_set():
    tuning = (DEFAULT_JUDGEMENTS, DEV_JUDGEMENTS, SECOND_DEV_JUDGEMENTS, THIRD_DEV_JUDGEMENTS, FOURTH_DEV_JUDGEMENTS)
    dev6 = assert_a_dev_set(SIXTH_DEV_JUDGEMENTS, (*tuning, FIFTH_DEV_JUDGEMENTS, *HELD_OUT), {"paraphrase": 30})
    assert set(dev6.kinds.values()) == {"paraphrase"}
    assert len(dev6) == 30


def test_the_seventh_dev_set_is_weighted_to_forum_answers_and_repeats_no_other_set():
    tuning = (DEFAULT_JUDGEMENTS, DEV_JUDGEMENTS, SECOND_DEV_JUDGEMENTS, THIRD_DEV_JUDGEMENTS, FOURTH_DEV_JUDGEMENTS)
    others = (*tuning, FIFTH_DEV_JUDGEMENTS, SIXTH_DEV_JUDGEMENTS, *HELD_OUT)
    wanted = {"forum": 18, "question": 12, "paraphrase": 8, "empty": 2}
    dev7 = assert_a_dev_set(SEVENTH_DEV_JUDGEMENTS, others, wanted)
    assert len(dev7) == 40
    assert_each_forum_query_is_best_answered_by_a_thread(dev7)


def assert_each_forum_query_is_best_answered_by_a_thread(judged):
    """No page is graded above a public thread for any of the set's forum queries."""
    for query, kind in judged.kinds.items():
        if kind == "forum":
            best = max(judged[query].values())
            assert any(key.startswith("thread:") and grade == best for key, grade in judged[query].items()), query


def test_the_eighth_dev_set_is_weighted_to_forum_answers_and_paraphrases_and_repeats_no_other_set():
    tuning = (DEFAULT_JUDGEMENTS, DEV_JUDGEMENTS, SECOND_DEV_JUDGEMENTS, THIRD_DEV_JUDGEMENTS, FOURTH_DEV_JUDGEMENTS)
    others = (*tuning, FIFTH_DEV_JUDGEMENTS, SIXTH_DEV_JUDGEMENTS, SEVENTH_DEV_JUDGEMENTS, *HELD_OUT)
    wanted = {"forum": 16, "question": 10, "paraphrase": 12, "empty": 2}
    dev8 = assert_a_dev_set(EIGHTH_DEV_JUDGEMENTS, others, wanted)
    assert len(dev8) == 40
    assert_each_forum_query_is_best_answered_by_a_thread(dev8)
