"""Search understands how practitioners write, identically on every backend: word forms, compounds,
queries whose words are not all present, filler, typos, and the editors' related phrases."""

from datetime import UTC, datetime

import pytest
from django.db import transaction

from learning.models import GlossaryTerm, Theme
from search.documents import SearchDocument
from search.service import forget_glossary
from tests.contracts.test_search_backends import search, titles


def add(backend, *documents):
    backend.upsert(
        [
            SearchDocument(
                doc_id=f"page-{9000 + number}",
                type=kind,
                title=title,
                url=f"/test/{9000 + number}/",
                published=datetime(2026, 1, 1 + number, tzinfo=UTC),
                summary=summary,
            )
            for number, (kind, title, summary) in enumerate(documents)
        ]
    )
    if hasattr(backend, "refresh"):
        backend.refresh()


@pytest.fixture
def practice(backend, corpus):
    add(
        backend,
        ("guide", "Working through conflict", "A neutral colleague can mediate when partners fall out."),
        ("evidence", "What evaluations of prevention found", "Evaluation of early help in twelve councils."),
        ("casestudy", "Why care staff leave", "Staff who leave cite rotas; fewer leave with steadier shifts."),
        ("evidence", "Community sentences", "Those who reoffend less often had stable housing and work."),
        ("casestudy", "Crofting township plan", "Rough ground and through routes: the township's priorities."),
        ("guide", "Deciding whether to evaluate", "Whether it is worth it depends on what you will do with it."),
    )
    return backend


@pytest.mark.parametrize("query", ["mediate", "mediating", "mediation", "mediates"])
def test_word_forms_meet(practice, query):
    assert "Working through conflict" in titles(search(practice, query))


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("evaluating", "What evaluations of prevention found"),
        ("leaving", "Why care staff leave"),
        ("reoffending", "Community sentences"),
    ],
)
def test_derived_forms_find_the_page(practice, query, title):
    assert title in titles(search(practice, query))


@pytest.mark.parametrize("query", ["co-production", "coproduction", "co production"])
def test_hyphenated_compounds_fold(backend, corpus, query):
    assert "Starting with co-production" in titles(search(backend, query))


@pytest.mark.parametrize("query", ["self-directed support", "self directed support", "selfdirected support"])
def test_self_directed_any_way_it_is_written(backend, corpus, query):
    assert "Self-directed support in Highland" in titles(search(backend, query))


def test_a_missing_word_does_not_hide_the_pages_about_the_rest(practice):
    # Four content words, one of them ("crofters") on no page: the page with the other three is found.
    results = search(practice, "evaluation of prevention in councils for crofters")
    assert results.hits[0].title == "What evaluations of prevention found"
    assert not results.corrected


def test_question_words_and_filler_do_not_sink_a_query(practice):
    results = search(practice, "what helps when care staff keep leaving?")
    assert results.hits[0].title == "Why care staff leave"


def test_a_subject_the_site_does_not_cover_finds_nothing(practice):
    for query in ["bin collection schedules", "parking permit renewals", "dog licence fees"]:
        results = search(practice, query)
        assert results.total == 0, (query, titles(results))
        assert results.did_you_mean is None


def test_an_exact_title_comes_first(practice):
    for title in ["Participatory budgeting in Dundee", "Working through conflict", "Mini-publics and deliberation"]:
        assert search(practice, title).hits[0].title == title


def test_a_correction_finds_results_at_once_and_never_replaces_a_real_word(practice):
    # "rough" is a word of the content (as is the commoner "through"): it stays as typed.
    results = search(practice, "rough partcipatory budgeting")
    assert results.did_you_mean == "rough participatory budgeting"
    assert results.corrected
    assert "Participatory budgeting in Dundee" in titles(results)
    results = search(practice, "colaborative action reserch")
    assert results.did_you_mean == "collaborative action research"
    assert results.hits[0].title == "Running a collaborative action research group"


def test_no_correction_is_offered_when_it_would_find_nothing(practice):
    results = search(practice, "zqxwvy")
    assert (results.total, results.did_you_mean, results.corrected) == (0, None, False)


def test_glossary_words_are_never_corrected(practice):
    GlossaryTerm.objects.create(term="Kelpies", expansion="water spirits")
    forget_glossary()
    results = search(practice, "kelpies")
    assert results.total == 0
    assert results.did_you_mean is None


def test_a_query_finds_what_the_glossary_says_now_whatever_was_searched_before(practice):
    """What a search keeps between searches never outlives the glossary it was read from: not one that a
    rolled-back transaction held (a preview, a relevance run), nor one changed without saving each entry
    (a data migration, a bulk update), so a query's results are its own, not the searches' before it."""
    query = "giving residents a say over money"
    GlossaryTerm.objects.filter(term="PB").update(related="")
    forget_glossary()
    alone = titles(search(practice, query))
    assert "Participatory budgeting in Dundee" not in alone
    with transaction.atomic():
        term = GlossaryTerm.objects.get(term="PB")
        term.related = "a say over money"
        term.save()
        assert "Participatory budgeting in Dundee" in titles(search(practice, query))
        transaction.set_rollback(True)
    assert titles(search(practice, query)) == alone
    GlossaryTerm.objects.filter(term="PB").update(related="a say over money")  # no entry is saved
    assert "Participatory budgeting in Dundee" in titles(search(practice, query))


def test_related_phrases_expand_a_query_below_exact_matches(practice):
    GlossaryTerm.objects.filter(term="PB").delete()
    GlossaryTerm.objects.create(
        term="PB", expansion="participatory budgeting", related="a say over money\ncommunity grants"
    )
    forget_glossary()
    add(
        practice,
        ("casestudy", "Tenants given a say over money", "A housing association let tenants decide its repairs fund."),
    )
    results = search(practice, "giving residents a say over money")
    found = [hit.title for hit in results.hits]
    assert "Participatory budgeting in Dundee" in found
    assert found[0] == "Tenants given a say over money"
    # And only through the glossary: without the related phrase, the budgeting page is not found.
    GlossaryTerm.objects.filter(term="PB").update(related="")
    forget_glossary()
    assert "Participatory budgeting in Dundee" not in titles(search(practice, "giving residents a say over money"))


def test_titles_are_highlighted_in_every_form(practice):
    hit = search(practice, "mediation").hits[0]
    assert "<mark>mediate</mark>" in hit.snippet_html
    hit = search(practice, "evaluating").hits[0]
    assert hit.title_html == "What <mark>evaluations</mark> of prevention found"


def test_no_facet_has_an_empty_value(practice):
    results = search(practice, "")
    for name, buckets in results.facets.items():
        assert all(bucket["value"] for bucket in buckets), name


def test_a_query_of_stop_words_alone_looks_for_them_instead_of_listing_everything(practice):
    everything = search(practice, "").total
    results = search(practice, "the of")
    assert 0 < results.total < everything


def test_an_english_word_is_never_corrected_into_a_word_of_the_content(practice):
    # "weather" is on no page but is a word: it is not turned into "whether", which is.
    results = search(practice, "weather forecast")
    assert (results.total, results.did_you_mean) == (0, None)


def test_a_word_no_page_uses_is_not_dropped_to_find_something(practice):
    # "restaurants" is on no page: the Dundee pages are not what was asked for.
    assert search(practice, "restaurants in Dundee").total == 0
    # Both words are on pages, though not together: each page with one of them is found.
    assert "Participatory budgeting in Dundee" in titles(search(practice, "township Dundee"))


def test_a_query_describing_a_glossary_entry_finds_its_pages_below_the_words_typed(practice):
    # The seeded carers entry names unpaid carers and relates respite to them: this is about a description alone.
    GlossaryTerm.objects.filter(term="carers").delete()
    GlossaryTerm.objects.create(
        term="respite",
        expansion="short breaks",
        description="Time off for unpaid carers while someone else looks after the person they care for.",
    )
    forget_glossary()
    add(
        practice,
        ("guide", "Arranging respite", "How to plan short breaks with a family."),
        ("casestudy", "Time off for unpaid carers", "Unpaid carers in Fife told us what time off means to them."),
    )
    results = search(practice, "time off for unpaid carers")
    found = [hit.title for hit in results.hits]
    assert found[0] == "Time off for unpaid carers"
    assert "Arranging respite" in found  # none of the words typed: found through the entry's description
    assert not results.corrected
    # Only through the glossary: without the description the guide is not what was asked for.
    GlossaryTerm.objects.filter(term="respite").update(description="")
    forget_glossary()
    assert "Arranging respite" not in titles(search(practice, "time off for unpaid carers"))


def test_a_glossary_phrase_finds_pages_holding_its_words_apart(practice):
    GlossaryTerm.objects.create(term="kinship care", expansion="family and friends care")
    forget_glossary()
    add(
        practice,
        ("casestudy", "Grandparents raising children", "Care for children within their kinship network."),
        ("guide", "Kinship care assessments", "What an assessment of kinship care asks."),
    )
    found = [hit.title for hit in search(practice, "kinship care").hits]
    assert found[0] == "Kinship care assessments"  # the phrase as typed comes first
    assert "Grandparents raising children" in found


def test_pages_saying_the_query_as_a_loose_phrase_rank_above_those_holding_its_words_apart(practice):
    # The same words in titles of the same length: only how near, and in what order, they say the query.
    add(
        practice,
        ("guide", "Bagpipe tuning for drones", "Notes from the workshop."),
        ("guide", "Bagpipe and drone tuning", "Notes from the workshop."),
        ("guide", "Tuning the drone bagpipe", "Notes from the workshop."),  # the newest: first among equals
    )
    found = [hit.title for hit in search(practice, "bagpipe tuning").hits]
    said_as_typed = found.index("Bagpipe tuning for drones")
    two_words_apart = found.index("Bagpipe and drone tuning")
    assert said_as_typed < two_words_apart < found.index("Tuning the drone bagpipe")


def test_the_seeded_glossary_finds_nothing_for_subjects_the_site_does_not_cover(practice):
    # Every seeded entry (its names, related phrases and description) is in play here.
    for query in ["council tax reduction", "registering a birth", "renewing a passport", "best pubs in the highlands"]:
        results = search(practice, query)
        assert results.total == 0, (query, titles(results))


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("neighborhood nursing", "Neighbourhood nursing teams"),
        ("organizing care around people", "Organising care around people"),
        ("what a child shapes", "Children and people at the centre"),
        ("group decisions", "Deciding together as a group"),
        ("participation", "A participatory approach"),
    ],
)
def test_american_spellings_irregular_plurals_and_a_verbs_noun_find_the_page(practice, query, title):
    add(
        practice,
        ("evidence", "Neighbourhood nursing teams", "Small teams of nurses serve one neighbourhood."),
        ("guide", "Organising care around people", "Care organised around what matters to each person."),
        ("casestudy", "Children and people at the centre", "Support that children and people shape themselves."),
        ("guide", "Deciding together as a group", "How a group reaches a shared view."),
        ("guide", "A participatory approach", "Residents shape the plan from the start."),
    )
    assert title in titles(search(practice, query))


def test_a_question_opening_with_a_glossary_phrase_of_filler_is_not_sunk_by_it(practice):
    # "what works" is a related phrase of evidence use: in "what works for ..." it asks, it is not the subject.
    GlossaryTerm.objects.update_or_create(
        term="evidence use", defaults={"expansion": "using evidence", "related": "what works"}
    )
    forget_glossary()
    results = search(practice, "what works for keeping care staff from leaving sooner?")
    assert results.hits[0].title == "Why care staff leave"
    assert not results.corrected


def test_a_word_of_the_named_entrys_own_phrases_is_not_required(practice):
    # "listening" is part of how the entry is said ("listening to staff"), not one more thing to find.
    GlossaryTerm.objects.update_or_create(
        term="frontline voice",
        defaults={"related": "staff who do the work\nlistening to staff", "description": "Staff views."},
    )
    forget_glossary()
    add(practice, ("guide", "Frontline voice in planning", "Plans that start from what the frontline knows."))
    found = titles(search(practice, "listening to the staff who do the actual work"))
    assert "Frontline voice in planning" in found
    assert "Working through conflict" not in found


def test_a_query_describing_a_theme_in_its_descriptions_words_finds_the_themes_pages(practice):
    # Editors describe each theme in plain words; the glossary entry naming the theme says it that way too.
    GlossaryTerm.objects.update_or_create(term="co-production", defaults={"description": "", "related": ""})
    forget_glossary()
    assert search(practice, "neighbours knitting plans").total == 0
    Theme.objects.update_or_create(
        name="co-production", defaults={"description": "Neighbours and officers knitting their plans together."}
    )
    found = titles(search(practice, "neighbours knitting plans"))
    assert "Self-directed support in Highland" in found  # themed co-production, none of the words typed


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("carers", "Care at home after hospital"),
        ("leadership", "What a good leader does"),
        ("safer", "Keeping streets safe"),
        ("budgetary choices", "Where the budget goes"),
        ("tenancies", "Tenants keeping their homes"),
        ("healthier", "Health checks in the glen"),
    ],
)
def test_a_words_derivational_relatives_find_the_page_below_the_word_itself(practice, query, title):
    add(
        practice,
        ("casestudy", "Care at home after hospital", "Support to recover at home after a stay on the ward."),
        ("guide", "What a good leader does", "A leader listens first."),
        ("casestudy", "Keeping streets safe", "Residents and officers walk the streets together."),
        ("guide", "Where the budget goes", "Residents choose how the budget is spent."),
        ("casestudy", "Tenants keeping their homes", "Tenants supported before arrears grow."),
        ("casestudy", "Health checks in the glen", "Nurses run health checks in village halls."),
    )
    assert title in titles(search(practice, query))


def test_a_relative_ranks_below_the_word_as_typed_and_a_visit_is_not_a_visitor(practice):
    add(
        practice,
        ("guide", "Briefing carers", "What carers need to know before discharge."),
        ("casestudy", "Care at home after hospital", "Support to recover at home after a stay on the ward."),
        ("guide", "Visitors welcome", "Occasional visitors sit in on the group."),
    )
    found = [hit.title for hit in search(practice, "carers").hits]
    assert found.index("Briefing carers") < found.index("Care at home after hospital")
    assert "Visitors welcome" not in titles(search(practice, "visits"))


def test_an_everyday_word_no_page_uses_sinks_a_short_query_but_a_name_does_not(practice):
    add(
        practice,
        ("guide", "Running a vote", "Put every date in the plan, and go to schools to reach young people."),
        ("casestudy", "Rural day centres", "Two day centres in Strathtay became one hub."),
    )
    # "holiday" is on no page: two of three words match only by chance, so nothing is found.
    results = search(practice, "school holiday dates")
    assert (results.total, results.did_you_mean) == (0, None)
    # A place the pages do not name still leaves its other words to find the page.
    assert "Rural day centres" in titles(search(practice, "Perthshire day centres"))


def test_a_glossary_phrase_counts_as_every_word_it_stands_for(practice):
    add(practice, ("casestudy", "Kirkwall harbour", "Boats and piers in Kirkwall."))
    # Three content words, two of them the glossary phrase: its page covers two of three, the harbour one.
    results = search(practice, "participatory budgeting Kirkwall")
    assert "Participatory budgeting in Dundee" in titles(results)
    assert "Kirkwall harbour" not in titles(results)


def test_a_long_query_naming_many_glossary_entries_is_answered_by_the_backend_itself(practice):
    # Each entry a query names brings its related phrases. A query of 200 characters naming the seeded
    # entries with the most of them must stay within what the backend accepts: Elasticsearch refuses a
    # query of more clauses than its limit, and search would then answer from the fallback.
    entries = sorted(GlossaryTerm.objects.all(), key=lambda entry: -len(entry.related_phrases()))
    named = []
    for entry in entries:
        if len(" ".join([*named, entry.expansion])) <= 200:
            named.append(entry.expansion)
    related = sum(len(entry.related_phrases()) for entry in entries if entry.expansion in named)
    assert related > 100, related
    results = search(practice, " ".join(named))
    assert results.backend == practice.name
    assert not results.incomplete


def test_a_query_describing_an_entry_in_other_forms_of_its_words_finds_its_pages(practice):
    # The entry says "payments" and "child"; the query "paid" and "children": the same words.
    GlossaryTerm.objects.create(term="pocket money", description="Payments a child gets from their parents.")
    forget_glossary()
    add(practice, ("guide", "Pocket money", "What parents give each week."))
    assert "Pocket money" in titles(search(practice, "children paid"))
    GlossaryTerm.objects.filter(term="pocket money").update(description="")
    forget_glossary()
    assert "Pocket money" not in titles(search(practice, "children paid"))


@pytest.mark.parametrize("query", ["mediate but", "mediation makes", "mediating hardly"])
def test_joining_words_and_filler_never_have_to_match(practice, query):
    assert titles(search(practice, query)) == {"Working through conflict"}


def test_a_long_question_needs_only_half_its_words_and_whoever_says_more_comes_first(practice):
    add(
        practice,
        ("thread", "Frontline staff from the start", "Bring them in before we write anything."),
        ("guide", "Writing the locality plan", "Frontline staff bring their word to the plan before it is written."),
    )
    # Seven content words; the thread says four of them (frontline, staff, bring, write), fewer than the
    # three in five a shorter query needs, and the guide says six: both are found, the guide first.
    results = search(practice, "bringing frontline staff in before a single word of the plan is written")
    found = [hit.title for hit in results.hits]
    assert found[:2] == ["Writing the locality plan", "Frontline staff from the start"]
    assert not results.corrected


def test_a_long_question_about_a_subject_the_site_does_not_cover_still_finds_nothing(practice):
    add(practice, ("casestudy", "A village action group", "The group was set up by the village to plan housing."))
    # Half of its six content words (set up, group, village) are on a page, but three (flood, resilience,
    # coastal) are on none: the site does not cover the subject, so three in five are still needed.
    results = search(practice, "has anyone set up a flood resilience group in a coastal village?")
    assert (results.total, results.did_you_mean) == (0, None)
    # With one word no page uses ("ceilidh"), half of the words are enough again.
    assert "A village action group" in titles(search(practice, "a village ceilidh group set up to plan housing"))
