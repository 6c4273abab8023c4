"""Suggestions as the search box shows them, the same on every backend: titles the viewer may see,
themes and glossary terms, the best match first."""

from django.contrib.auth.models import AnonymousUser

from search.service import forget_vocabulary, suggest
from tests.factories import CaseStudyFactory, restrict_view


def offered(text):
    return [(s["title"], s["type"]) for s in suggest(text, AnonymousUser())]


def test_a_theme_is_offered_from_its_first_letters(backend, corpus):
    first = suggest("fac", AnonymousUser())[0]
    assert first["title"].lower() == "facilitation"
    assert first["url"] in ("/search/?theme=facilitation", "/search/?q=group+facilitation")
    # A theme and a glossary term of one name are offered once.
    assert [title.lower() for title, _ in offered("fac")].count("facilitation") == 1


def test_an_abbreviation_offers_what_it_stands_for(backend, corpus):
    assert offered("sds")[0] == ("Self-directed support (SDS)", "glossary")
    assert offered("car")[0] == ("Collaborative action research (CAR)", "glossary")


def test_names_that_start_with_the_words_come_before_those_that_merely_contain_them(backend, corpus):
    found = offered("partic")
    assert found.index(("Participatory budgeting in Dundee", "casestudy")) < len(found)
    assert found[0][0].lower().startswith("particip")
    starts = [i for i, (title, _) in enumerate(found) if title.lower().startswith("partic")]
    assert starts == list(range(len(starts)))  # every name starting with it comes before the rest


def test_no_suggestion_reveals_a_draft_or_restricted_page(backend, corpus):
    for text in ["Unpub", "Restricted budg", "confidential"]:
        assert all(kind not in ("casestudy",) or "Unpublished" not in title for title, kind in offered(text))
        assert "Restricted budgeting review" not in [title for title, _ in offered(text)]
        assert "Unpublished budgeting pilot" not in [title for title, _ in offered(text)]


def test_punctuation_or_one_letter_offers_nothing(backend, corpus):
    assert offered("*") == []
    assert offered("?!") == []
    assert offered("p") == []


def test_a_theme_only_drafts_and_restricted_pages_use_is_not_offered(backend, corpus):
    """Suggested themes come from the pages a visitor may see (learning.visibility), like the documents."""
    CaseStudyFactory(title="Kelp draft", summary="Not yet.", themes=["kelp forestry"], live=False)
    restrict_view(
        CaseStudyFactory(title="Members on seaweed", summary="For members.", themes=["seaweed farming"]), "login"
    )
    forget_vocabulary()
    names = [title.lower() for title, kind in offered("kelp") + offered("seaweed") if kind == "theme"]
    assert "kelp forestry" not in names
    assert "seaweed farming" not in names
    CaseStudyFactory(title="Kelp in public", summary="Now anyone may read it.", themes=["kelp forestry"])
    forget_vocabulary()
    assert ("kelp forestry", "theme") in [(title.lower(), kind) for title, kind in offered("kelp")]
