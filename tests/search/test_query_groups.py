"""How a query becomes term groups (search.text.term_groups): what each backend is then asked to match."""

from search.text import asks_peers, required_coverage, stems, term_groups

GLOSSARY = [
    (["evidence use", "using evidence"], ["what works", "research evidence"], "Finding and applying research."),
    (["third sector"], ["charities"], "Voluntary organisations, charities and social enterprises."),
    (["TSI", "third sector interface"], [], "The body that supports voluntary organisations in each area."),
    (
        ["prevention", "preventative approaches"],
        ["early intervention", "stopping problems before they start"],
        "Acting early, before problems grow, so that fewer people need crisis services.",
    ),
    (["respite", "short breaks"], [], "Time off for unpaid carers while someone else looks after the person."),
]


def concepts(groups):
    return [group for group in groups if group.concept]


def test_a_query_describing_an_entry_in_other_words_gains_the_entry_as_a_concept():
    groups = term_groups("stopping problems before they happen", GLOSSARY)
    (concept,) = concepts(groups)
    assert ("prevent",) in concept.related
    assert concept.phrases == ()  # nothing of it is what was typed: it counts at the related weight
    assert concept.size == 2  # it covers two of the three content words ("before" qualifies; not "happen")
    # It is another way to cover the words, never one more word a document must match.
    assert required_coverage(groups) == required_coverage([g for g in groups if not g.concept])


def test_an_entry_the_description_alone_describes_is_a_concept_too():
    (concept,) = concepts(term_groups("time off for unpaid carers", GLOSSARY))
    assert ("respit",) in concept.related


def test_a_query_naming_an_entry_gains_no_concept_of_a_neighbour():
    # "third sector" names an entry: the interface that shares its words is not what was asked for.
    assert concepts(term_groups("third sector", GLOSSARY)) == []


def test_one_word_or_an_unrelated_query_gains_no_concept():
    assert concepts(term_groups("problems", GLOSSARY)) == []
    assert concepts(term_groups("registering a birth", GLOSSARY)) == []
    assert concepts(term_groups("council tax problems", GLOSSARY)) == []


def test_a_glossary_phrase_also_matches_its_words_apart():
    (group,) = term_groups("early intervention", GLOSSARY)
    assert tuple(stems("early intervention")) in group.phrases
    assert group.loose == tuple(stems("early intervention"))  # each anywhere in a document: a plain match


def test_a_glossary_phrase_of_filler_alone_does_not_take_a_word():
    # "what works" is a related phrase of evidence use; "working" alone is not a mention of it.
    groups = term_groups("working weekends", GLOSSARY)
    assert [group.related for group in groups if not group.concept] == [(), ()]
    (group,) = [g for g in term_groups("what works in prevention", GLOSSARY) if ("evid", "use") in g.related]
    assert group.typed == "what works"


def test_particles_and_common_verbs_are_not_required():
    groups = term_groups("freeing up staff time", GLOSSARY)
    assert [group.typed for group in groups] == ["freeing", "staff", "time"]
    going = [group for group in term_groups("keeping a group going", GLOSSARY) if group.typed == "going"]
    assert going[0].optional


def test_a_one_word_related_phrase_that_is_filler_takes_no_word():
    glossary = [*GLOSSARY, (["evidence"], ["findings", "research"], "")]
    (find,) = [group for group in term_groups("where can I find examples of plans", glossary) if group.typed == "find"]
    assert find.optional
    assert find.related == ()
    (research,) = term_groups("research", glossary)
    assert ("evid",) in research.related


def test_a_query_asking_peers_is_told_apart():
    assert asks_peers("has anyone kept volunteers for long?")
    assert asks_peers("our inquiry group keeps losing members")
    assert not asks_peers("where can I find examples of a community plan?")
    assert not asks_peers("volunteer retention")


def test_a_glossary_phrase_of_filler_in_a_question_is_not_one_more_word_to_match():
    groups = term_groups("what works for people leaving hospital sooner", GLOSSARY)
    (asked,) = [group for group in groups if group.typed == "what works"]
    assert asked.optional
    # Only "leaving" and "hospital" must match: "people" and "sooner" qualify the question.
    assert required_coverage(groups) == 2
    # Alone, the phrase is what is looked for.
    assert not any(group.optional for group in term_groups("what works", GLOSSARY))


def test_a_query_word_also_matches_its_irregular_or_american_form():
    (children,) = term_groups("children", GLOSSARY)
    assert ("child",) in children.phrases
    assert ("children",) in children.phrases
    (nursing, organizing) = term_groups("neighborhood organizing", GLOSSARY)
    assert ("neighbourhood",) in nursing.phrases
    assert tuple(stems("organising")) in organizing.phrases
    assert term_groups("size", GLOSSARY)[0].phrases == (("size",),)


def test_an_irregular_verb_finds_its_other_tenses_and_its_noun():
    (paid,) = term_groups("paid", GLOSSARY)
    assert {("pay",), ("payment",)} <= set(paid.phrases)  # "paid" finds "pay" and "payments"
    (taught,) = term_groups("taught", GLOSSARY)
    assert ("teach",) in taught.phrases
    (chosen,) = term_groups("chosen", GLOSSARY)
    assert ("choic",) in chosen.phrases  # and "choice"
    # A verb form finds the noun in "-ment" Snowball keeps whole in a short word, and the noun its verb.
    (reabling,) = term_groups("reabling", GLOSSARY)
    assert tuple(stems("reablement")) in reabling.phrases
    (reablement,) = term_groups("reablement", GLOSSARY)
    assert tuple(stems("reabled")) in reablement.phrases
    # Words that are not a verb's forms guess no noun.
    assert term_groups("settle", GLOSSARY)[0].phrases == (("settl",),)
    assert term_groups("doing", GLOSSARY)[0].phrases == (("do",),)


def test_a_long_everyday_question_is_held_to_its_content_words_for_a_concept():
    # Seven words typed, four of them question words and filler the entry's words do not hold: the
    # entry still covers both content words ("stop", "problems" of "stopping problems before they start").
    groups = term_groups("how can we stop problems that keep getting worse", GLOSSARY)
    (concept,) = concepts(groups)
    assert ("prevent",) in concept.related
    # Still at least two of them: one shared word does not make a query about the entry.
    assert concepts(term_groups("problems with parking", GLOSSARY)) == []


def test_a_word_of_a_named_entrys_own_vocabulary_is_covered_by_its_pages():
    glossary = [(["frontline voice"], ["staff who do the work", "listening to staff", "staff views in plans"], "")]
    listening, _ = term_groups("listening to the staff who do the work", glossary)
    assert ("frontlin", "voic") in listening.related  # a page about frontline voice covers "listening"
    # In a short query only the words of another of its phrases said whole: "views" alone is asked for.
    views, _ = term_groups("views staff who do the work", glossary)
    assert views.related == ()
    car = [(["CAR", "collaborative action research"], ["inquiry group"], "")]
    assert [group.related for group in term_groups("CAR group", car)][1] == ()


def test_a_snippet_opens_where_the_text_says_what_was_typed_not_a_related_word():
    from search.text import snippet_html

    groups = term_groups("third sector", GLOSSARY)
    filler = "Charities met the council every month to plan the year ahead together. " * 6
    text = filler + "The third sector then ran a forum for every group in the area."
    snippet = snippet_html(text, groups)
    assert "<mark>third</mark> <mark>sector</mark> then" in snippet
    assert snippet.startswith("… ")  # moved past the related word "charities" at the start
    # With none of what was typed in the text, it opens at the first related word as before.
    assert snippet_html(filler, groups).startswith("<mark>Charities</mark>")


def test_a_words_derivational_relatives_are_english_words_it_makes_or_comes_from():
    from search.text import derived, stem

    assert stem("leader") in derived("leadership")
    assert stem("leadership") in derived("leader")
    assert stem("tenant") in derived("tenancies")
    assert stem("care") in derived("carers")
    assert stem("carer") not in derived("care")
    assert stem("poor") in derived("poorest")
    assert derived("interest") == ()
    assert stem("neighbour") in derived("neighbourhood")  # a British spelling of the word list's neighbor
    assert stem("home") not in derived("homeless")  # "-less" turns a meaning round
    assert derived("visits") == ()
    assert derived("views") == ()
    groups = term_groups("carers", [])
    assert groups[0].phrases == (("carer",),)
    assert (stem("care"),) in groups[0].related
