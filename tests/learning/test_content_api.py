"""The content API: lists with the index pages' filters, stable paging and ordering, details with every field."""

import pytest
from django.test import Client
from wagtail.models import Page

from learning.models import Country, StudyType
from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory, PathwayFactory, rich

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content[:2000]
    return [item["title"] for item in response.json()["results"]]


def test_evidence_list_takes_the_index_filters_and_shows_the_ratings(client):
    EvidenceFactory(title="Deliberation review", strength=5, impact="moderate", cost="low", themes=["deliberation"])
    EvidenceFactory(title="Small pilot", strength=1, study_type=StudyType.PRACTICE_EVALUATION)
    response = client.get("/api/v1/evidence", {"strength": ["4", "5"]})
    assert titles(response) == ["Deliberation review"]
    item = response.json()["results"][0]
    assert item["strength"]["value"] == 5
    assert item["strength"]["criteria"].startswith("A systematic review")
    assert item["impact"] == {
        "value": "moderate",
        "label": "Moderate positive",
        "criteria": "A clear positive difference in the outcomes that matter, in most places studied.",
    }
    assert item["cost"]["label"] == "Low"
    assert item["countries"] == [{"slug": "scotland", "name": "Scotland"}]
    assert item["study_type"] == {"slug": "systematic_review", "name": "Systematic review"}
    assert [theme["slug"] for theme in item["themes"]] == ["deliberation"]
    assert titles(client.get("/api/v1/evidence", {"study_type": "practice_evaluation"})) == ["Small pilot"]


def test_an_unknown_filter_value_is_a_clear_422_naming_it(client):
    response = client.get("/api/v1/evidence", {"country": "atlantis"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameters"
    assert "atlantis" in error["message"]


def test_pages_follow_a_stable_order_with_next_and_previous_links(client):
    for n in range(5):
        GuideFactory(title=f"Guide {n}")
    first = client.get("/api/v1/guides", {"page_size": 2, "ordering": "title"}).json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert [item["title"] for item in first["results"]] == ["Guide 0", "Guide 1"]
    second = client.get(first["next"]).json()
    assert [item["title"] for item in second["results"]] == ["Guide 2", "Guide 3"]
    assert "ordering=title" in second["next"]
    assert second["previous"].endswith("page=1")
    last = client.get(second["next"]).json()
    assert [item["title"] for item in last["results"]] == ["Guide 4"]
    assert last["next"] is None
    newest = client.get("/api/v1/guides", {"ordering": "-title"}).json()
    assert [item["title"] for item in newest["results"]][:2] == ["Guide 4", "Guide 3"]


def test_an_unknown_ordering_is_refused(client):
    response = client.get("/api/v1/guides", {"ordering": "random"})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"ordering": "must be one of -published, published, title, -title"}


def test_evidence_detail_has_every_structured_field_and_its_bodies_as_blocks_and_html(client):
    page = EvidenceFactory(
        title="Mini-publics",
        key_findings=rich("Panels <b>changed</b> decisions.") + [("quote", {"quote": "We listened.", "name": "Ali"})],
        limitations="<p>Few studies in Scotland.</p>",
        source_url="https://example.org/study",
    )
    page.countries.set(Country.objects.filter(slug__in=["scotland", "england"]))
    page.save_revision().publish()
    body = client.get(f"/api/v1/evidence/{page.pk}").json()
    assert body["question"] == "Does deliberation improve decisions?"
    assert body["source_citation"] == "Author, A. (2018) A study. Publisher."
    assert body["source_url"] == "https://example.org/study"
    assert {country["slug"] for country in body["countries"]} == {"scotland", "england"}
    blocks = body["key_findings"]["blocks"]
    assert [block["type"] for block in blocks] == ["text", "quote"]
    assert blocks[1]["value"]["quote"] == "We listened."
    assert "<b>changed</b>" in body["key_findings"]["html"]
    assert "We listened." in body["key_findings"]["html"]
    assert body["limitations"] == {"blocks": None, "html": "<p>Few studies in Scotland.</p>"}
    assert body["url"].endswith("/evidence/mini-publics/")


def test_bodies_are_sanitised(client):
    page = EvidenceFactory(key_findings=rich('Safe <script>alert(1)</script><a href="javascript:x()">link</a>'))
    html = client.get(f"/api/v1/evidence/{page.pk}").json()["key_findings"]["html"]
    assert "<script" not in html
    assert "javascript:" not in html
    assert "Safe" in html


def test_case_study_detail_has_place_period_partners_outcomes_lessons_and_evidence_used(client):
    evidence = EvidenceFactory(title="What works in co-production")
    page = CaseStudyFactory(title="Fife co-design", partner_organisations="NHS Fife\nFife Voluntary Action")
    page.evidence_used.set([evidence])
    page.save_revision().publish()
    body = client.get(f"/api/v1/case-studies/{page.pk}").json()
    assert body["council_area"] == {"slug": "fife", "name": "Fife"}
    assert body["period"] == "2017 to 2019"
    assert body["start_year"] == 2017
    assert body["end_year"] == 2019
    assert body["partners"] == ["NHS Fife", "Fife Voluntary Action"]
    assert body["approach"] == {"slug": "co_production", "name": "Co-production"}
    assert "Waiting times fell" in body["outcomes"]["html"]
    assert body["lessons"]["blocks"][0]["type"] == "text"
    assert [used["title"] for used in body["evidence_used"]] == ["What works in co-production"]
    listed = client.get("/api/v1/case-studies", {"council_area": "fife"}).json()
    assert [item["title"] for item in listed["results"]] == ["Fife co-design"]


def test_pathway_detail_lists_its_steps_and_hides_a_step_page_the_caller_may_not_see(client):
    guide = GuideFactory(title="Running a dialogue")
    hidden = CaseStudyFactory(title="Unpublished case")
    steps = [
        ("step", {"page": guide, "why": "Learn the method.", "reflection_prompt": "Where?"}),
        ("step", {"page": hidden, "why": "See it used.", "reflection_prompt": "How?"}),
    ]
    pathway = PathwayFactory(title="Dialogue", steps=steps)
    Page.objects.get(pk=hidden.pk).specific.unpublish()
    body = client.get(f"/api/v1/pathways/{pathway.pk}").json()
    assert body["step_count"] == 2
    assert body["steps"][0]["page"]["title"] == "Running a dialogue"
    assert body["steps"][1] == {"page": None, "why": "See it used.", "reflection_prompt": "How?"}
    assert "Unpublished case" not in str(body)


def test_guide_detail_lists_steps_and_skills(client):
    guide = GuideFactory(title="Facilitation")
    body = client.get(f"/api/v1/guides/{guide.pk}").json()
    assert body["skills"] == [{"slug": "facilitation", "name": "Facilitation"}]
    assert body["steps"]["blocks"][0]["value"]["title"] == "Prepare"
    assert "Agree ground rules." in body["steps"]["html"]


def test_glossary_lists_terms_with_their_synonyms_and_related_terms(client):
    body = client.get("/api/v1/glossary").json()
    entries = {entry["term"]: entry for entry in body["terms"]}
    assert body["count"] == len(entries) > 10
    assert entries["PB"]["synonyms"] == ["community choices"]
    assert "a say over money" in entries["PB"]["related"]
    assert "NHS" in entries["HSCP"]["related_terms"] or "NHS" in entries["CPP"]["related_terms"]


def test_a_missing_page_is_a_404_in_the_api_shape(client):
    response = client.get("/api/v1/case-studies/999999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# --- conditional requests ---------------------------------------------------------------------------
def poll(client, url, **headers):
    return client.get(url, headers=headers)


@pytest.mark.parametrize("route", ["/api/v1/evidence", "/api/v1/evidence/{pk}", "/api/v1/evidence/download.csv"])
def test_a_poll_with_the_etag_is_a_304_until_a_publish_changes_the_answer(client, route):
    page = EvidenceFactory(title="Before")
    url = route.format(pk=page.pk)
    first = poll(client, url)
    assert first.status_code == 200
    assert first["ETag"]
    assert first["Last-Modified"]
    again = poll(client, url, if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    page.title = "After the edit"
    page.save_revision().publish()
    changed = poll(client, url, if_none_match=first["ETag"])
    assert changed.status_code == 200
    assert "After the edit" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_an_unpublish_changes_the_list_at_once(client):
    kept, gone = EvidenceFactory(title="Kept"), EvidenceFactory(title="Withdrawn")
    first = poll(client, "/api/v1/evidence")
    gone.unpublish()
    after = poll(client, "/api/v1/evidence", if_none_match=first["ETag"])
    assert after.status_code == 200
    assert titles(after) == [kept.title]
    detail = poll(client, f"/api/v1/evidence/{gone.pk}")
    assert detail.status_code == 404


def test_if_modified_since_is_answered_from_last_modified(client):
    EvidenceFactory()
    first = poll(client, "/api/v1/evidence")
    assert poll(client, "/api/v1/evidence", if_modified_since=first["Last-Modified"]).status_code == 304
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert poll(client, "/api/v1/evidence", if_modified_since=old).status_code == 200


def test_answers_vary_by_caller_and_no_shared_cache_keeps_them(client):
    response = poll(client, "/api/v1/glossary")
    assert response["Vary"] == "Cookie"
    assert response["Cache-Control"] == "private, no-cache"


# --- the same through Wagtail's own admin, as an editor works --------------------------------------------
def test_a_poll_after_publishing_and_unpublishing_in_wagtail_gets_the_change_at_once(client):
    from django.urls import reverse

    from learning.models import PracticeGuidePage
    from tests.factories import UserFactory, guide_index
    from tests.learning.test_editorial import add_guide_form

    editor = Client()
    editor.force_login(UserFactory(username="chief-editor", is_superuser=True, is_staff=True))
    parent = guide_index()
    add_url = reverse("wagtailadmin_pages:add", args=("learning", "practiceguidepage", parent.pk))
    data = add_guide_form(editor, parent)
    data["action-publish"] = "Publish"
    assert editor.post(add_url, data).status_code == 302
    guide = PracticeGuidePage.objects.get(slug="running-a-community-conversation")
    detail, listing = f"/api/v1/guides/{guide.pk}", "/api/v1/guides"
    first, first_list = poll(client, detail), poll(client, listing)
    assert first.json()["title"] == "Running a community conversation"
    assert poll(client, detail, if_none_match=first["ETag"]).status_code == 304

    data = add_guide_form(editor, parent, title="Running a community conversation well")
    data["action-publish"] = "Publish"
    assert editor.post(reverse("wagtailadmin_pages:edit", args=(guide.pk,)), data).status_code == 302
    edited = poll(client, detail, if_none_match=first["ETag"])
    assert edited.status_code == 200
    assert edited.json()["title"] == "Running a community conversation well"
    assert titles(poll(client, listing, if_none_match=first_list["ETag"])) == ["Running a community conversation well"]

    assert editor.post(reverse("wagtailadmin_pages:unpublish", args=(guide.pk,))).status_code == 302
    assert poll(client, detail, if_none_match=edited["ETag"]).status_code == 404
    emptied = poll(client, listing, if_none_match=first_list["ETag"])
    assert emptied.status_code == 200
    assert emptied.json()["count"] == 0


def test_a_list_costs_the_same_queries_however_many_items_it_shows(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        client.get(url)  # once first: what is worked out once per process (the site's root paths) is not counted
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    EvidenceFactory(themes=["trust"])
    GuideFactory()
    CaseStudyFactory()
    urls = ("/api/v1/evidence", "/api/v1/guides", "/api/v1/case-studies")
    urls += ("/api/v1/evidence/download.csv", "/api/v1/case-studies/download.json")
    few = {url: queries(url) for url in urls}
    for n in range(4):
        EvidenceFactory(themes=["trust", f"theme-{n}"])
        GuideFactory()
        CaseStudyFactory()
    for url, count in few.items():
        assert queries(url) == count, url
