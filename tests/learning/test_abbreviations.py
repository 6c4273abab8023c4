"""Readers see what an abbreviation stands for where it appears."""

import pytest

from learning.abbreviations import explain
from tests.factories import CaseStudyFactory

pytestmark = pytest.mark.django_db


def test_the_first_use_of_each_abbreviation_is_explained_once():
    html = explain('<p>Our CAR group used SDS budgets. CAR again. <a href="/x">CAR link</a> <code>SDS</code></p>')
    assert html.count('<abbr title="collaborative action research">CAR</abbr>') == 1
    assert '<abbr title="self-directed support">SDS</abbr>' in html
    assert '<a href="/x">CAR link</a>' in html
    assert "<code>SDS</code>" in html


def test_case_study_pages_explain_abbreviations_in_text_and_summary(client):
    page = CaseStudyFactory(
        title="CAR with police officers",
        summary="A CAR group <with> frontline officers.",
        challenge=[("text", "<p>The HSCP asked for help.</p>")],
    )
    html = client.get(page.url).content.decode()
    assert '<abbr title="collaborative action research">CAR</abbr> group &lt;with&gt;' in html
    assert '<abbr title="health and social care partnership">HSCP</abbr>' in html
