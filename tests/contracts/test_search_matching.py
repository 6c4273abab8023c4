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


def test_a_rare_word_typed_counts_for_more_than_a_common_one(backend, corpus):
    # Five titles say "long", one "agreement"; each of two pages says one word in its title, the other
    # in its summary. The page whose title holds the rarer word ranks first, though the other is newer.
    def page(pk, title, summary, day):
        return SearchDocument(
            doc_id=f"page-{pk}",
            type="guide",
            title=title,
            url=f"/guides/{pk}/",
            published=datetime(2026, 3, day, tzinfo=UTC),
            summary=summary,
        )

    backend.upsert(
        [
            page(9911, "The agreement board", "Ours took long to sign.", 1),
            page(9912, "The long board", "Ours had an agreement to sign.", 20),
            *(page(9913 + i, f"A long list {i}", "Actions from meeting {i}.", 2 + i) for i in range(4)),
        ]
    )
    if hasattr(backend, "refresh"):
        backend.refresh()
    assert [hit.title for hit in search(backend, "long agreement").hits] == [
        "The agreement board",
        "The long board",
    ]


def test_documents_that_match_equally_come_newest_first(backend, corpus):
    # Three pages saying the same words score alike; the newest comes first on every backend (Elasticsearch
    # otherwise returned them in the order they were indexed, the oldest first here).
    def page(pk, day):
        return SearchDocument(
            doc_id=f"page-{pk}",
            type="guide",
            title="Kinship carers meet monthly",
            url=f"/guides/{pk}/",
            published=datetime(2026, 4, day, tzinfo=UTC),
            summary="An evening group for kinship carers.",
        )

    backend.upsert([page(9921, 1), page(9922, 20), page(9923, 9)])
    if hasattr(backend, "refresh"):
        backend.refresh()
    results = search(backend, "kinship carers")
    assert len({hit.score for hit in results.hits}) == 1
    assert [hit.doc_id for hit in results.hits] == ["page-9922", "page-9923", "page-9921"]


def test_a_word_counts_by_how_rare_it_is_in_documents_not_in_one_field(backend, corpus):
    # "kinship" is in five documents, four of them in the title; "allotment" in ten, only one title. One page
    # says "allotment" in its title and "kinship" in its text, the other the other way round: the title
    # saying the rarer word ranks first, though the other page is newer. On Elasticsearch each field
    # weighed a word by its own rarity, and "allotment", rare among titles, put its page first.
    def page(pk, title, summary, day):
        return SearchDocument(
            doc_id=f"page-{pk}",
            type="guide",
            title=title,
            url=f"/guides/{pk}/",
            published=datetime(2026, 5, day, tzinfo=UTC),
            summary=summary,
        )

    backend.upsert(
        [
            page(9931, "Allotment diary", "Notes from the kinship evening.", 20),
            page(9932, "Kinship diary", "Notes from the allotment evening.", 10),
            *(page(9933 + i, f"Garden notes {i}", f"The allotment opened on day {i}.", 1 + i) for i in range(8)),
            *(page(9941 + i, f"Kinship carers {i}", f"Meeting on day {i}.", 1 + i) for i in range(3)),
        ]
    )
    if hasattr(backend, "refresh"):
        backend.refresh()
    assert [hit.title for hit in search(backend, "allotment kinship").hits] == ["Kinship diary", "Allotment diary"]
