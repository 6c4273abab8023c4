import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from demo.proposals import TITLE as DEMO_PROPOSAL_TITLE
from demo.site import DEMO_ACCOUNTS
from learning.models import HomePage

pytestmark = pytest.mark.django_db


def test_load_demo_content_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    counts = (Page.objects.count(), get_user_model().objects.count(), Site.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (Page.objects.count(), get_user_model().objects.count(), Site.objects.count()) == counts
    assert HomePage.objects.get().live
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_demo_accounts_sign_in_with_the_configured_password(client, settings):
    settings.DEBUG = True
    settings.COP_DEMO_PASSWORD = "another-pass-42"
    call_command("load_demo_content", verbosity=0)
    for account in DEMO_ACCOUNTS:
        assert client.login(username=account.username, password="another-pass-42"), account.username
    assert {a.username for a in DEMO_ACCOUNTS} == {
        "editor",
        "reviewer",
        "facilitator",
        "moderator",
        "practitioner",
        "frontline",
    }


def test_only_editors_and_reviewers_enter_the_admin(client, settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    client.login(username="practitioner", password=settings.COP_DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 302
    client.login(username="editor", password=settings.COP_DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_content", verbosity=0)
    assert not HomePage.objects.exists()
    call_command("load_demo_content", "--force", verbosity=0)
    assert HomePage.objects.exists()


# --- The demo pages (demo/content/) ------------------------------------------------------


def load_demo(settings):
    from io import StringIO

    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def test_demo_content_covers_every_type_country_skill_and_approach(settings):
    from casestudies.models import CaseStudyPage
    from learning.models import Approach, EvidenceSummaryPage, LearningPathwayPage, PracticeGuidePage, Skill, StudyType

    output = load_demo(settings)
    for line in ("created 11 evidence summaries", "created 10 case studies", "created 8 practice guides"):
        assert line in output
    case_studies = CaseStudyPage.objects.live()
    evidence = EvidenceSummaryPage.objects.live()
    assert case_studies.count() >= 10
    assert evidence.count() >= 10
    assert PracticeGuidePage.objects.live().count() >= 8
    assert LearningPathwayPage.objects.live().count() >= 3
    assert set(case_studies.values_list("approach", flat=True)) == set(Approach.values)
    assert case_studies.values("council_area").distinct().count() >= 10
    assert evidence.values("countries").distinct().count() >= 6
    assert evidence.values("study_type").distinct().count() >= 5
    assert set(StudyType.values) >= set(evidence.values_list("study_type", flat=True))
    assert len(set(evidence.values_list("strength", flat=True))) >= 3
    covered = set(
        Skill.objects.filter(pk__in=PracticeGuidePage.objects.values("skills")).values_list("slug", flat=True)
    )
    assert covered == set(Skill.objects.values_list("slug", flat=True))


def test_demo_pages_link_to_each_other_as_written(settings):
    from casestudies.models import CaseStudyPage
    from demo.content.case_studies import CASE_STUDIES
    from demo.content.guides import GUIDES
    from demo.content.pathways import PATHWAYS
    from demo.content.themes import THEMES
    from learning.models import LearningPathwayPage, PracticeGuidePage, Theme

    load_demo(settings)
    for entry in CASE_STUDIES:
        page = CaseStudyPage.objects.get(slug=entry.slug)
        assert sorted(page.evidence_used.values_list("slug", flat=True)) == sorted(entry.evidence_used)
        assert page.themes.count() == len(entry.themes)
        assert page.sectors.exists()
    for entry in GUIDES:
        guide = PracticeGuidePage.objects.get(slug=entry.slug)
        assert 4 <= len(guide.steps) <= 7
        related = [link.case_study.slug for link in guide.related_case_studies.all()]
        assert related == list(entry.related_case_studies)
    for entry in PATHWAYS:
        pathway = LearningPathwayPage.objects.get(slug=entry.slug)
        assert [step.value["page"].slug for step in pathway.steps] == [step.page for step in entry.steps]
        assert 3 <= len(pathway.steps) <= 5
    for theme in THEMES:
        assert Theme.objects.get(slug=theme.slug).description == theme.description


def test_every_demo_page_but_the_one_in_review_is_live_and_served(client, settings):
    from django.utils.html import escape

    from learning.models import ContentPage

    load_demo(settings)
    in_review = ContentPage.objects.filter(casestudypage__proposal__isnull=False, live=False)
    assert [page.title for page in in_review] == [DEMO_PROPOSAL_TITLE]  # a member's proposal waits for review
    assert client.get(in_review.get().url).status_code == 404
    pages = list(ContentPage.objects.exclude(pk__in=in_review).specific())
    indexes = [page.get_parent() for page in pages]
    assert {index.url for index in indexes} == {"/case-studies/", "/evidence/", "/guides/", "/pathways/"}
    for page in [*set(indexes), *pages]:
        assert page.live, page.url
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode(), page.url


def test_loading_again_changes_nothing(settings):
    load_demo(settings)
    revisions = dict(Page.objects.values_list("pk", "latest_revision_id"))
    assert "already up to date" in load_demo(settings)
    assert dict(Page.objects.values_list("pk", "latest_revision_id")) == revisions


def test_loading_again_keeps_editors_changes_and_restores_only_what_is_missing(settings):
    from casestudies.models import CaseStudyPage
    from learning.models import EvidenceSummaryPage, Theme

    load_demo(settings)
    edited = EvidenceSummaryPage.objects.get(slug="housing-first")
    edited.title = "Housing First: the evidence (revised)"
    edited.save_revision().publish()
    CaseStudyPage.objects.get(slug="aberdeen-housing-first").delete()
    Theme.objects.filter(slug="prevention").update(description="Our own wording.")

    output = load_demo(settings)
    assert "created 1 case study" in output
    assert "evidence summar" not in output
    assert EvidenceSummaryPage.objects.get(slug="housing-first").title == "Housing First: the evidence (revised)"
    assert Theme.objects.get(slug="prevention").description == "Our own wording."
    restored = CaseStudyPage.objects.get(slug="aberdeen-housing-first")
    assert restored.live
    assert list(restored.evidence_used.values_list("slug", flat=True)) == ["housing-first"]


# Where a practitioner would write an abbreviation, the demo does, and the page explains it (learning/abbreviations.py).
ABBREVIATIONS_IN_THE_DEMO = {
    "borders-self-directed-support-conversations": {
        "SDS": "self-directed support",
        "HSCP": "health and social care partnership",
    },
    "springburn-mainstream-participatory-budgeting": {"PB": "participatory budgeting"},
    "collaborative-action-research-in-scottish-partnerships": {
        "CPP": "community planning partnership",
        "LOIP": "local outcomes improvement plan",
    },
}


def test_demo_pages_use_glossary_abbreviations_and_explain_them_where_they_appear(client, settings):
    load_demo(settings)
    for slug, terms in ABBREVIATIONS_IN_THE_DEMO.items():
        page = Page.objects.live().get(slug=slug)
        html = client.get(page.url).content.decode()
        for abbreviation, expansion in terms.items():
            assert f'<abbr title="{expansion}">{abbreviation}</abbr>' in html, (slug, abbreviation)
