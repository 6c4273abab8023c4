"""Open data in a real browser: filter the evidence index, click a download, get exactly the rows listed."""

import csv
import json
import re

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def listed_titles(page):
    return sorted(page.locator(".ds_search-results__list .ds_search-result__link").all_inner_texts())


def download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(name)).click()
    return info.value


def test_a_filtered_evidence_index_downloads_its_filtered_rows_as_csv_and_json(site_server, page):
    page.goto(f"{site_server.url}/evidence/")
    page.locator("fieldset", has_text="Strength of evidence").locator("label", has_text="4 - extensive").click()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"[?&]strength=4"))
    listed = listed_titles(page)
    assert listed
    assert "Open Government Licence v3.0" in page.locator(".cop-open-data").inner_text()
    assert axe_violations(page) == []

    as_csv = download(page, "Download as CSV")
    assert as_csv.suggested_filename == "evidence-summaries.csv"
    with open(as_csv.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["title"] for row in rows) == listed
    assert {row["strength"] for row in rows} == {"4"}
    assert {row["licence"] for row in rows} == {"Open Government Licence v3.0"}

    as_json = download(page, "Download as JSON")
    with open(as_json.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert data["filters"] == {"strength": ["4"]}
    assert sorted(item["title"] for item in data["items"]) == listed
    assert data["licence"]["name"] == "Open Government Licence v3.0"


def test_the_case_study_index_with_its_download_control_has_no_axe_violations(site_server, page):
    page.goto(f"{site_server.url}/case-studies/")
    assert page.get_by_role("link", name=re.compile("Download as CSV")).count() == 1
    assert axe_violations(page) == []
