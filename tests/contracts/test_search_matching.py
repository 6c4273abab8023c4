"""What a query matches beyond the words of the text, identical on every backend: a document's type,
council area and countries, and the singular or plural of a word."""

from datetime import UTC, datetime

from search.documents import SearchDocument
from tests.contracts.test_search_backends import search, titles


def test_the_type_and_council_area_are_searchable(backend, corpus):
    # "evidence" is only the type's name ("Evidence summary"); "City" only the council area's.
    assert titles(search(backend, "evidence deliberation")) == {"Mini-publics and deliberation"}
    assert titles(search(backend, "Dundee City")) == {"Participatory budgeting in Dundee"}
    # Nothing is in both: each page with one of the words comes back, rather than nothing.
    assert titles(search(backend, "Highland City")) == {
        "Self-directed support in Highland",
        "Participatory budgeting in Dundee",
    }


def test_countries_are_searchable(backend, corpus):
    backend.upsert(
        [
            SearchDocument(
                doc_id="page-9901",
                type="evidence",
                title="Open dialogue in mental health crises",
                url="/evidence/open-dialogue/",
                published=datetime(2026, 1, 5, tzinfo=UTC),
                summary="Network meetings within a day of a crisis.",
                countries=["Finland"],
            )
        ]
    )
    if hasattr(backend, "refresh"):
        backend.refresh()
    assert titles(search(backend, "Finland")) == {"Open dialogue in mental health crises"}


def test_singular_and_plural_find_each_other(backend, corpus):
    # The evidence summary says "Community planning partnerships"; the guide and the pathway say "officers".
    assert titles(search(backend, "partnership")) == {"Mini-publics and deliberation"}
    # CPP stands for the partnerships; pages about community planning (a related phrase) come after.
    assert search(backend, "CPP").hits[0].title == "Mini-publics and deliberation"
    assert titles(search(backend, "officer")) == {
        "Running a collaborative action research group",
        "Starting with co-production",
    }
    hit = search(backend, "partnership").hits[0]
    assert "<mark>partnerships</mark>" in hit.snippet_html
