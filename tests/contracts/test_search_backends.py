"""Both backends answer the same questions the same way over the same corpus."""

from django.http import QueryDict

from search.query import SearchQuery
from search.service import prepare, search_with


def search(backend, q="", communities=(), correct=True, **filters):
    """The backend's answer as the service asks for it (fewer words, then a corrected spelling, when
    the query as typed finds nothing)."""
    params = QueryDict(mutable=True)
    params["q"] = q
    for name, values in filters.items():
        params.setlist(name, values if isinstance(values, list) else [values])
    return search_with(backend, prepare(SearchQuery.from_params(params)), frozenset(communities), correct)


def titles(results):
    return {hit.title for hit in results.hits}


def test_exact_term_finds_the_page_with_title_first(backend, corpus):
    results = search(backend, "budgeting")
    assert titles(results) == {"Participatory budgeting in Dundee"}
    assert results.total == 1
    assert results.backend == backend.name


def test_two_words_must_both_match_unless_nothing_has_both(backend, corpus):
    assert titles(search(backend, "participatory Dundee")) == {"Participatory budgeting in Dundee"}
    # Nothing says both: the pages that say either come back rather than nothing.
    assert titles(search(backend, "participatory Highland")) == {
        "Participatory budgeting in Dundee",
        "Self-directed support in Highland",
    }


def test_glossary_expands_abbreviations_both_ways(backend, corpus):
    assert titles(search(backend, "SDS")) == {"Self-directed support in Highland"}
    assert titles(search(backend, "CAR")) == {"Running a collaborative action research group"}
    assert "Running a collaborative action research group" in titles(search(backend, "collaborative action research"))


def test_drafts_and_restricted_pages_never_appear(backend, corpus):
    for q in ["budgeting", "unpublished", "restricted", "confidential", ""]:
        found = titles(search(backend, q))
        assert "Unpublished budgeting pilot" not in found
        assert "Restricted budgeting review" not in found
    assert backend.suggest("Unpub", frozenset()) == []
    assert backend.suggest("Restr", frozenset()) == []


def test_filters_combine_and_facets_respect_the_other_filters(backend, corpus):
    results = search(backend, "", type="casestudy")
    assert titles(results) == {"Self-directed support in Highland", "Participatory budgeting in Dundee"}
    type_counts = {f["value"]: f["count"] for f in results.facets["type"]}
    # The type facet ignores the type filter itself, so every type stays selectable.
    assert type_counts == {"casestudy": 2, "guide": 1, "evidence": 1, "pathway": 1}
    region_counts = {f["value"]: f["count"] for f in results.facets["region"]}
    assert region_counts == {"Highland": 1, "Dundee City": 1}
    narrowed = search(backend, "", type="casestudy", region="Highland")
    assert titles(narrowed) == {"Self-directed support in Highland"}
    assert {f["value"]: f["count"] for f in narrowed.facets["type"]} == {"casestudy": 1}


def test_theme_and_country_facets(backend, corpus):
    results = search(backend, "co-production")
    themes = {f["value"]: f["count"] for f in results.facets["theme"]}
    assert themes["co-production"] == results.total == 3
    countries = {f["value"]: f["count"] for f in search(backend, "", type="evidence").facets["country"]}
    assert countries == {"Denmark": 1, "Scotland": 1}


def test_snippets_are_highlighted_and_html_safe(backend, corpus):
    hit = search(backend, "residents").hits[0]
    assert "<mark>Residents</mark>" in hit.snippet_html


def test_newest_sort_and_pagination(backend, corpus):
    results = search(backend, "", sort="newest")
    assert results.total == 5
    published = [hit.published for hit in results.hits]
    assert published == sorted(published, reverse=True)


def test_suggestions_complete_titles(backend, corpus):
    suggestions = backend.suggest("Particip", frozenset())
    assert [s["title"] for s in suggestions] == ["Participatory budgeting in Dundee"]
    assert suggestions[0]["type"] == "casestudy"


def test_a_misspelt_query_shows_the_corrected_results_at_once(backend, corpus):
    results = search(backend, "partcipatory")
    assert results.did_you_mean == "participatory"
    assert results.corrected
    assert results.query.text == "partcipatory"  # what was typed, for "Search instead for"
    assert titles(results) == {"Participatory budgeting in Dundee"}
    as_typed = search(backend, "partcipatory", correct=False)
    assert (as_typed.total, as_typed.did_you_mean, as_typed.corrected) == (0, None, False)


def test_private_community_documents_reach_only_its_members(backend, corpus):
    from datetime import UTC, datetime

    from search.documents import SearchDocument

    backend.upsert(
        [
            SearchDocument(
                doc_id="thread-901",
                type="thread",
                title="Budgeting worries in our private circle",
                url="/communities/circle/threads/901/",
                published=datetime(2026, 3, 1, tzinfo=UTC),
                summary="Members only: participatory budgeting worries.",
                themes=["participatory budgeting"],
                community=901,
            )
        ]
    )
    if hasattr(backend, "refresh"):
        backend.refresh()
    outsider = search(backend, "worries")
    assert outsider.total == 0
    assert all(f["value"] != "thread" for f in search(backend, "").facets["type"])
    assert backend.suggest("Budgeting wor", frozenset()) == []
    member = search(backend, "worries", communities={901})
    assert titles(member) == {"Budgeting worries in our private circle"}
    assert {f["value"]: f["count"] for f in search(backend, "", communities={901}).facets["type"]}["thread"] == 1
    assert [s["title"] for s in backend.suggest("Budgeting wor", frozenset({901}))] == [
        "Budgeting worries in our private circle"
    ]
    assert search(backend, "worries", communities={902}).total == 0
