import pytest
from django.core.exceptions import ValidationError

from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory

pytestmark = pytest.mark.django_db


def test_case_study_period_and_partners():
    page = CaseStudyFactory(
        title="Lochside", start_year=2016, end_year=2018, partner_organisations="NHS Fife\n\n Fife Voluntary Action "
    )
    assert page.period == "2016 to 2018"
    assert page.partners == ["NHS Fife", "Fife Voluntary Action"]


def test_case_study_cannot_end_before_it_starts():
    page = CaseStudyFactory(title="Backwards")
    page.end_year = page.start_year - 1
    with pytest.raises(ValidationError, match="cannot end before"):
        page.full_clean()


def test_evidence_strength_comes_with_its_written_criteria():
    page = EvidenceFactory(title="Mini-publics", strength=4)
    assert "trials or quasi-experiments" in page.strength_criteria
    assert [level["value"] for level in page.strength_scale()] == [0, 1, 2, 3, 4, 5]


def test_related_pages_share_themes_and_exclude_drafts():
    source = GuideFactory(title="Running a dialogue", themes=["facilitation", "co-production"])
    close = CaseStudyFactory(title="Close", themes=["facilitation", "co-production"])
    loose = EvidenceFactory(title="Loose", themes=["co-production"])
    CaseStudyFactory(title="Draft", themes=["facilitation", "co-production"], live=False)
    CaseStudyFactory(title="Unrelated", themes=["budgets"])
    assert [p.title for p in source.related_pages()] == [close.title, loose.title]
