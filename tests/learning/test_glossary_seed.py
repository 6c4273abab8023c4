"""The glossary the platform starts with: everyday phrases for its entries, added to what editors wrote."""

import importlib

from django.apps import apps

from learning.glossary import MORE_RELATED, NEWER_TERMS
from learning.models import GlossaryTerm

seed = importlib.import_module("learning.migrations.0011_glossary_more_related_phrases")


def test_every_entry_has_everyday_phrases(db):
    for term in GlossaryTerm.objects.all():
        assert term.related_phrases(), term.term
    homelessness = GlossaryTerm.objects.get(term="homelessness").related_phrases()
    assert "rough sleeping" in homelessness
    assert "sleeping on the streets" in homelessness
    assert {term for term, *_ in NEWER_TERMS} <= set(GlossaryTerm.objects.values_list("term", flat=True))


def test_seeding_adds_only_the_missing_phrases_and_keeps_the_editors_own(db):
    GlossaryTerm.objects.filter(term="homelessness").update(related="Sleeping on the streets\nour own phrase")
    GlossaryTerm.objects.filter(term="community safety").update(description="The editors' words.", related="")
    seed.add_phrases(apps, None)
    related = GlossaryTerm.objects.get(term="homelessness").related_phrases()
    assert related[:2] == ["Sleeping on the streets", "our own phrase"]
    assert "sleeping on the streets" not in related  # already there, in the editors' spelling
    assert set(MORE_RELATED["homelessness"].splitlines()) - {"sleeping on the streets"} <= set(related)
    safety = GlossaryTerm.objects.get(term="community safety")
    assert (safety.description, safety.related) == ("The editors' words.", "")  # an existing entry is theirs


everyday = importlib.import_module("learning.migrations.0012_glossary_everyday_vocabulary")


def test_the_everyday_vocabulary_reaches_every_theme_and_adds_only_what_is_missing(db):
    from learning.glossary import EVERYDAY_RELATED, EVERYDAY_TERMS

    # The entries for what the pages cover are there, with the field's everyday phrases.
    assert {term for term, *_ in EVERYDAY_TERMS} <= set(GlossaryTerm.objects.values_list("term", flat=True))
    assert "working between agencies" in GlossaryTerm.objects.get(term="partnership working").related_phrases()
    GlossaryTerm.objects.filter(term="evaluation").update(related="Is it working\nour own phrase")
    GlossaryTerm.objects.filter(term="housing first").update(related="")
    everyday.add_vocabulary(apps, None)
    related = GlossaryTerm.objects.get(term="evaluation").related_phrases()
    assert related[:2] == ["Is it working", "our own phrase"]
    assert "is it working" not in related  # already there, in the editors' spelling
    assert set(EVERYDAY_RELATED["evaluation"].splitlines()) - {"is it working"} <= set(related)
    assert GlossaryTerm.objects.get(term="housing first").related == ""  # an entry that exists is the editors'


phrasings = importlib.import_module("learning.migrations.0013_glossary_verb_phrases")


def test_short_phrasings_are_appended_and_a_new_entry_gets_the_contents_names_unless_editors_named_it(db):
    from learning.glossary import VERB_RELATED

    sds = GlossaryTerm.objects.get(term="SDS")
    assert "choose their own care" in sds.related_phrases()
    assert "sharing power with communities" in GlossaryTerm.objects.get(term="community empowerment").equivalents()
    GlossaryTerm.objects.filter(term="SDS").update(related="Choose their own care\nour own phrase")
    GlossaryTerm.objects.filter(term="community empowerment").update(synonyms="people power")
    phrasings.add_phrasings(apps, None)
    related = GlossaryTerm.objects.get(term="SDS").related_phrases()
    assert related[:2] == ["Choose their own care", "our own phrase"]
    assert set(VERB_RELATED["SDS"].splitlines()) - {"choose their own care"} <= set(related)
    assert GlossaryTerm.objects.get(term="community empowerment").synonyms == "people power"  # the editors'


def assert_appends_after_the_editors_own(migration, related, term, phrase, existing, change=None):
    """Run `migration` after an editor wrote `term`'s related phrases themselves, starting with `phrase` in
    their own spelling, and emptied `existing`'s (an entry the migration would make) but for their own
    description (and `change`, another edit to keep): the editors' phrases come first and are not repeated,
    the pass's others follow, and an entry that exists is the editors'."""
    GlossaryTerm.objects.filter(term=term).update(related=f"{phrase.capitalize()}\nour own phrase")
    GlossaryTerm.objects.filter(term=existing).update(description="The editors' words.", related="")
    if change:
        change()
    migration.add_vocabulary(apps, None)
    appended = GlossaryTerm.objects.get(term=term).related_phrases()
    assert appended[:2] == [phrase.capitalize(), "our own phrase"]
    assert phrase not in appended  # already there, in the editors' spelling
    assert set(related[term].splitlines()) - {phrase} <= set(appended)
    entry = GlossaryTerm.objects.get(term=existing)
    assert (entry.description, entry.related) == ("The editors' words.", "")  # an entry that exists is the editors'


plain = importlib.import_module("learning.migrations.0014_glossary_plain_vocabulary")


def test_the_plain_vocabulary_and_new_abbreviations_are_added_without_touching_the_editors_own(db):
    from learning.glossary import PLAIN_RELATED, PLAIN_TERMS

    assert {term for term, *_ in PLAIN_TERMS} <= set(GlossaryTerm.objects.values_list("term", flat=True))
    assert "disabled people's organisation" in GlossaryTerm.objects.get(term="DPO").equivalents()
    assert "direct payment" in GlossaryTerm.objects.get(term="SDS").related_phrases()
    assert_appends_after_the_editors_own(plain, PLAIN_RELATED, "PB", "cash", "DPO")


fifth = importlib.import_module("learning.migrations.0015_glossary_fifth_vocabulary")


def test_the_fifth_vocabulary_and_the_contents_names_are_added_without_touching_the_editors_own(db):
    from learning.glossary import FIFTH_RELATED, FIFTH_TERMS

    assert {term for term, *_ in FIFTH_TERMS} <= set(GlossaryTerm.objects.values_list("term", flat=True))
    assert "citizens' assembly" in GlossaryTerm.objects.get(term="mini-publics").equivalents()
    assert "savings" in GlossaryTerm.objects.get(term="value for money").equivalents()
    assert "bobbies" in GlossaryTerm.objects.get(term="community policing").related_phrases()

    def name_mini_publics():
        GlossaryTerm.objects.filter(term="mini-publics").update(synonyms="people's juries")

    assert_appends_after_the_editors_own(
        fifth, FIFTH_RELATED, "community policing", "bobbies", "value for money", change=name_mini_publics
    )
    assert GlossaryTerm.objects.get(term="mini-publics").synonyms == "people's juries"  # the editors'


sixth = importlib.import_module("learning.migrations.0016_glossary_sixth_vocabulary")


def test_the_sixth_vocabulary_is_added_without_touching_the_editors_own(db):
    from learning.glossary import SIXTH_RELATED, SIXTH_TERMS

    assert {term for term, *_ in SIXTH_TERMS} <= set(GlossaryTerm.objects.values_list("term", flat=True))
    assert "social services" in GlossaryTerm.objects.get(term="social work").equivalents()
    assert "consultation fatigue" in GlossaryTerm.objects.get(term="community engagement").related_phrases()
    assert_appends_after_the_editors_own(sixth, SIXTH_RELATED, "community engagement", "tokenism", "carers")


def test_a_database_that_ran_0015_before_its_last_entries_were_written_gets_them(db):
    GlossaryTerm.objects.filter(term__in=["complex needs", "community justice", "budget cuts"]).delete()
    sixth.add_vocabulary(apps, None)
    assert "prison" in GlossaryTerm.objects.get(term="community justice").related_phrases()
    assert GlossaryTerm.objects.filter(term__in=["complex needs", "budget cuts"]).count() == 2
