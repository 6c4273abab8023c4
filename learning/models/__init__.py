"""Models of the learning app, one file per domain, re-exported here."""

from .home import HomePage
from .indexes import EvidenceIndexPage, FilteredIndexPage, GuideIndexPage, PathwayIndexPage
from .pages import ContentPage, EvidenceSummaryPage, GuideRelatedCaseStudy, LearningPathwayPage, PracticeGuidePage
from .taxonomy import (
    Approach,
    ContentPageTheme,
    CouncilArea,
    Country,
    GlossaryTerm,
    Sector,
    Skill,
    StudyType,
    Theme,
)

__all__ = [
    "Approach",
    "ContentPage",
    "ContentPageTheme",
    "Country",
    "CouncilArea",
    "EvidenceIndexPage",
    "GlossaryTerm",
    "EvidenceSummaryPage",
    "FilteredIndexPage",
    "GuideIndexPage",
    "GuideRelatedCaseStudy",
    "HomePage",
    "LearningPathwayPage",
    "PathwayIndexPage",
    "PracticeGuidePage",
    "Sector",
    "Skill",
    "StudyType",
    "Theme",
]
