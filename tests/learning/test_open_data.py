"""Open data: the evidence and case study indexes offer their listing as CSV and JSON, filters kept, licence stated."""

import csv
import io
from datetime import datetime

import pytest

from tests.factories import CaseStudyFactory, EvidenceFactory
from tests.pages import soup_of, text_of

pytestmark = pytest.mark.django_db

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def rows_of(response):
    assert response.status_code == 200, response.content[:2000]
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_evidence_index_links_its_downloads_with_the_filters_applied_and_the_licence(client):
    EvidenceFactory(title="Strong", strength=5)
    soup = soup_of(client.get("/evidence/?strength=5&strength=4"))
    section = soup.select_one(".cop-open-data")
    links = {link["data-open-data"]: link["href"] for link in section.select("a[data-open-data]")}
    assert links == {
        "csv": "/api/v1/evidence/download.csv?strength=5&strength=4",
        "json": "/api/v1/evidence/download.json?strength=5&strength=4",
    }
    assert "Open Government Licence v3.0" in text_of(section)
    assert section.select_one('a[rel="license"]')["href"] == OGL


def test_the_case_study_index_links_its_downloads(client):
    CaseStudyFactory()
    soup = soup_of(client.get("/case-studies/?council_area=fife"))
    hrefs = [link["href"] for link in soup.select(".cop-open-data a[data-open-data]")]
    assert hrefs == [
        "/api/v1/case-studies/download.csv?council_area=fife",
        "/api/v1/case-studies/download.json?council_area=fife",
    ]


def test_the_evidence_csv_has_one_row_per_summary_with_ratings_and_vocabularies_as_columns(client):
    EvidenceFactory(title="Strong", strength=5, impact="large", cost="high", themes=["deliberation", "trust"])
    EvidenceFactory(title="Weak", strength=1)
    response = client.get("/api/v1/evidence/download.csv", {"strength": "5"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="evidence-summaries.csv"' in response["Content-Disposition"]
    assert response["Link"] == f'<{OGL}>; rel="license"'
    [row] = rows_of(response)
    assert row["title"] == "Strong"
    assert row["strength"] == "5"
    assert row["strength_label"] == "5 - very extensive"
    assert row["impact"] == "large"
    assert row["cost_label"] == "High"
    assert row["themes"] == "deliberation; trust"
    assert row["countries"] == "Scotland"
    assert row["study_type"] == "systematic_review"
    assert row["licence"] == "Open Government Licence v3.0"
    assert datetime.fromisoformat(row["first_published_at"]).tzinfo is not None
    assert "T" in row["first_published_at"]  # ISO 8601, as in the JSON file


def test_the_json_download_states_the_licence_and_the_filters(client):
    CaseStudyFactory(title="Fife", partner_organisations="NHS Fife\nFife Council")
    body = client.get("/api/v1/case-studies/download.json", {"council_area": "fife"}).json()
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert body["licence"]["url"] == OGL
    assert body["filters"] == {"council_area": ["fife"]}
    assert body["count"] == 1
    [item] = body["items"]
    assert item["partners"] == ["NHS Fife", "Fife Council"]
    assert item["council_area"] == "Fife"
    assert set(body["columns"]) == set(item)


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_made_text(client):
    EvidenceFactory(title='=HYPERLINK("http://evil.example","click")', summary="+1+2", source_citation="@SUM(A1)")
    [row] = rows_of(client.get("/api/v1/evidence/download.csv"))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["summary"] == "'+1+2"
    assert row["source_citation"] == "'@SUM(A1)"


def test_a_bad_filter_on_a_download_is_a_422_not_a_file(client):
    response = client.get("/api/v1/evidence/download.csv", {"study_type": "astrology"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameters"
