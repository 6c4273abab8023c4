"""Detail pages show what a practitioner learns from, with ratings in words, breadcrumbs and previews."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import get_template
from wagtail.models import PageViewRestriction

from learning.models import GuideRelatedCaseStudy
from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory, PathwayFactory, rich
from tests.pages import soup_of, text_of

pytestmark = pytest.mark.django_db


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def steps_through(*pages):
    return [
        (
            "step",
            {"page": page, "why": f"Why step {number} matters.", "reflection_prompt": f"Reflect on step {number}?"},
        )
        for number, page in enumerate(pages, 1)
    ]


def test_case_study_shows_where_who_how_and_what_changed(client):
    evidence = EvidenceFactory(title="Deliberative forums", strength=4)
    draft_evidence = EvidenceFactory(title="Unpublished evidence", live=False)
    case = CaseStudyFactory(
        title="Lochside redesign",
        themes=["co-production"],
        sectors=["public-sector", "third-sector"],
        lead_organisation="Fife Council",
        partner_organisations="NHS Fife\nFife Voluntary Action",
        start_year=2016,
        end_year=2018,
        what_changed=rich("Waiting times fell by a third."),
    )
    case.evidence_used.set([evidence, draft_evidence])
    case.save_revision().publish()

    soup = soup_of(client.get(case.url))
    page_text = text_of(soup)

    assert text_of(soup.h1) == "Lochside redesign"
    header = text_of(soup.select_one(".ds_page-header"))
    for fact in ("Case study", "Council area Fife", "Period 2016 to 2018", "Approach Co-production"):
        assert fact in header
    for fact in (
        "Lead organisation Fife Council",
        "NHS Fife",
        "Fife Voluntary Action",
        "Public sector, Third sector",
        "Services were designed without the people who use them.",
        "Staff and residents met monthly",
        "Waiting times fell by a third.",
        "An independent evaluation with a local university.",
        "Protect staff time for the work.",
    ):
        assert fact in page_text
    assert [text_of(h2) for h2 in soup.select(".ds_layout__content h2")] == [
        "Contents",
        "Who was involved",
        "The challenge",
        "What was done",
        "What changed",
        "How it was evaluated",
        "Lessons for others",
        "Evidence used",
    ]
    evidence_links = soup.select_one("#evidence").find_next("ul").select("a")
    assert [(text_of(a), a["href"]) for a in evidence_links] == [("Deliberative forums", evidence.url)]
    assert "Unpublished evidence" not in page_text


def test_evidence_summary_says_its_ratings_in_words_and_explains_each_scale(client):
    summary = EvidenceFactory(
        title="Mini-publics",
        strength=3,
        impact="moderate",
        cost="low",
        question="Do mini-publics change decisions?",
        source_url="https://example.org/study",
        limitations="<p>Few studies outside Europe.</p>",
    )

    soup = soup_of(client.get(summary.url))
    page_text = text_of(soup)

    for fact in (
        "Do mini-publics change decisions?",
        "Author, A. (2018) A study. Publisher.",
        "Deliberation improved the quality of decisions.",
        "Community planning partnerships can use it.",
        "Few studies outside Europe.",
        "Country Scotland",
        "Study type Systematic review",
    ):
        assert fact in page_text
    assert text_of(soup.find("a", href="https://example.org/study")) == "Read the original study: Mini-publics"

    strength = soup.select_one("#rating-strength")
    assert text_of(strength.select_one(".cop-rating__value")) == "Strength of evidence: 3 out of 5 (moderate)"
    assert strength.select_one(".cop-rating__visual")["aria-hidden"] == "true"
    assert len(strength.select(".cop-rating__mark--filled")) == 3
    details = strength.select_one("details.ds_details")
    assert text_of(details.summary) == "How we rate strength of evidence"
    levels = [text_of(level.dt) for level in details.select(".cop-scale__level")]
    assert levels == [
        "0 - no evidence",
        "1 - very limited",
        "2 - limited",
        "3 - moderate (this evidence)",
        "4 - extensive",
        "5 - very extensive",
    ]
    assert "Several studies, including at least one with a comparison group" in text_of(details)

    impact = soup.select_one("#rating-impact")
    assert text_of(impact.select_one(".cop-rating__value")) == "Impact: moderate positive"
    assert text_of(impact.summary) == "How we rate impact"
    assert "Moderate positive (this evidence)" in text_of(impact.select_one(".cop-scale__level--current"))
    cost = soup.select_one("#rating-cost")
    assert text_of(cost.select_one(".cop-rating__value")) == "Cost: low"
    assert text_of(cost.summary) == "How we rate cost"


def test_evidence_with_unknown_impact_says_so(client):
    summary = EvidenceFactory(title="Unmeasured", impact="unknown", cost="unknown")
    soup = soup_of(client.get(summary.url))
    assert text_of(soup.select_one("#rating-impact .cop-rating__value")) == "Impact: not known"
    assert soup.select_one("#rating-impact .cop-rating__visual") is None
    assert text_of(soup.select_one("#rating-cost .cop-rating__value")) == "Cost: not known"


def test_evidence_listing_states_strength_in_words(client):
    EvidenceFactory(title="Mini-publics", strength=3)
    soup = soup_of(client.get("/evidence/"))
    assert "3 out of 5 (moderate)" in text_of(soup.select_one(".ds_search-result"))


def test_guide_shows_ordered_steps_skills_and_related_case_studies(client):
    case = CaseStudyFactory(title="Dialogue in Fife")
    draft_case = CaseStudyFactory(title="Unpublished case", live=False)
    guide = GuideFactory(
        title="Running a safe dialogue",
        time_needed="Two half-day workshops",
        steps=[
            ("step", {"title": "Prepare the room", "body": "<p>Agree ground rules.</p>"}),
            ("step", {"title": "Hear every voice", "body": "<p>Start with the frontline.</p>"}),
        ],
        tips=rich("Keep groups small."),
    )
    GuideRelatedCaseStudy.objects.create(guide=guide, case_study=case, sort_order=0)
    GuideRelatedCaseStudy.objects.create(guide=guide, case_study=draft_case, sort_order=1)

    soup = soup_of(client.get(guide.url))
    page_text = text_of(soup)

    header = text_of(soup.select_one(".ds_page-header"))
    assert "Time needed Two half-day workshops" in header
    assert "Skills developed Facilitation" in header
    assert soup.select_one(".ds_page-header").find("a", string="Facilitation")["href"] == "/guides/?skill=facilitation"
    for fact in ("Help practitioners run a safe dialogue.", "Community planning officers.", "Keep groups small."):
        assert fact in page_text
    steps = soup.select_one("ol.cop-steps")
    assert [text_of(h3) for h3 in steps.select("li > h3")] == ["Prepare the room", "Hear every voice"]
    assert "Start with the frontline." in text_of(steps)
    related = soup.select_one("#in-practice").find_next("ul")
    assert [text_of(a) for a in related.select("a")] == ["Dialogue in Fife"]
    assert "Unpublished case" not in page_text


def test_pathway_steps_link_their_pages_with_why_and_a_reflection_prompt(client):
    guide = GuideFactory(title="Running a safe dialogue")
    evidence = EvidenceFactory(title="Deliberative forums")
    draft = CaseStudyFactory(title="Unpublished case", live=False)
    pathway = PathwayFactory(title="Getting started", steps=steps_through(guide, evidence, draft))

    soup = soup_of(client.get(pathway.url))
    steps = soup.select("ol.cop-steps > li")

    assert len(steps) == 3
    assert steps[0].select_one("h3 a")["href"] == guide.url
    assert "Practice guide" in text_of(steps[0])
    assert "Why step 1 matters." in text_of(steps[0])
    assert "Reflect: Reflect on step 1?" in text_of(steps[0])
    assert steps[1].select_one("h3 a")["href"] == evidence.url
    assert "Evidence summary" in text_of(steps[1])
    assert steps[2].select_one("h3 a") is None
    assert "This step is not available at the moment" in text_of(steps[2])
    assert "Unpublished case" not in text_of(soup)
    assert "Length 3 steps" in text_of(soup.select_one(".ds_page-header"))


@pytest.mark.parametrize(
    ("factory", "index_url", "index_title"),
    [
        (CaseStudyFactory, "/case-studies/", "Case studies"),
        (EvidenceFactory, "/evidence/", "Evidence"),
        (GuideFactory, "/guides/", "Practice guides"),
    ],
)
def test_breadcrumbs_lead_home_through_the_section(client, factory, index_url, index_title):
    page = factory(title="A page to find")
    soup = soup_of(client.get(page.url))

    nav = soup.select_one('nav[aria-label="Breadcrumb"]')
    items = nav.select("ol.ds_breadcrumbs > li.ds_breadcrumbs__item")
    assert [text_of(item) for item in items] == ["Home", index_title, "A page to find"]
    assert [item.a["href"] for item in items[:2]] == ["/", index_url]
    assert items[-1].a is None
    assert items[-1]["aria-current"] == "page"

    index = soup_of(client.get(index_url)).select_one('nav[aria-label="Breadcrumb"]')
    assert [text_of(item) for item in index.select("li")] == ["Home", index_title]
    assert soup_of(client.get("/")).select_one('nav[aria-label="Breadcrumb"]') is None


def test_every_page_has_one_h1_and_labelled_landmarks(client):
    case = CaseStudyFactory(title="Landmarks", themes=["co-production"])
    CaseStudyFactory(title="Neighbour", themes=["co-production"])
    for url in ("/", "/case-studies/", case.url):
        soup = soup_of(client.get(url))
        assert len(soup.find_all("h1")) == 1, url
        assert len(soup.find_all("main")) == 1, url
        for landmark in soup.find_all(["nav", "aside", "section"]):
            assert landmark.get("aria-label") or landmark.get("aria-labelledby"), (url, landmark.name)


def test_meta_description_canonical_and_social_previews(client):
    case = CaseStudyFactory(title="Lochside redesign", summary="Residents and staff redesigned housing support.")

    soup = soup_of(client.get(case.url))

    assert meta(soup, "description") == "Residents and staff redesigned housing support."
    # On the address the page was asked from (Wagtail's Site says http://localhost, which the reader may not use).
    assert soup.find("link", rel="canonical")["href"] == f"http://testserver{case.url}"
    assert meta(soup, "og:title") == "Lochside redesign"
    assert meta(soup, "og:description") == "Residents and staff redesigned housing support."
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:url") == f"http://testserver{case.url}"
    assert meta(soup, "og:site_name") == "Communities of Practice Scotland"
    assert meta(soup, "twitter:card") == "summary"
    assert meta(soup, "twitter:title") == "Lochside redesign"
    feeds = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert feeds == {"application/atom+xml": "/feeds/latest.atom", "application/rss+xml": "/feeds/latest.rss"}

    case.search_description = "What editors wrote for search engines."
    case.seo_title = "Lochside: redesigning housing support with residents"
    case.save_revision().publish()
    soup = soup_of(client.get(case.url))
    assert meta(soup, "description") == "What editors wrote for search engines."
    assert meta(soup, "og:title") == "Lochside: redesigning housing support with residents"

    home = soup_of(client.get("/"))
    assert meta(home, "og:type") == "website"
    assert home.find("link", rel="canonical")["href"].endswith("/")


def test_social_preview_image_is_an_absolute_rendition_url(client):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Residents meeting", file=get_test_image_file(size=(1400, 800)))
    case = CaseStudyFactory(title="With a picture", image=image)

    soup = soup_of(client.get(case.url))

    assert meta(soup, "og:image").startswith("http://testserver/media/images/")
    assert meta(soup, "og:image:alt") == "Residents meeting"
    assert meta(soup, "twitter:card") == "summary_large_image"


def test_related_content_and_theme_links(client):
    guide = GuideFactory(title="Running a safe dialogue", themes=["co-production", "facilitation"])
    close = CaseStudyFactory(title="Close match", themes=["co-production", "facilitation"])
    CaseStudyFactory(title="Unpublished match", themes=["co-production", "facilitation"], live=False)
    private = EvidenceFactory(title="Private match", themes=["co-production", "facilitation"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret-2026")

    soup = soup_of(client.get(guide.url))

    related = soup.select_one('aside[aria-labelledby="related-heading"]')
    assert [(text_of(a), a["href"]) for a in related.select("a")] == [("Close match", close.url)]
    assert "Unpublished match" not in text_of(soup)
    assert "Private match" not in text_of(soup)
    topics = soup.select_one('aside[aria-labelledby="topics-heading"]')
    assert {text_of(a): a["href"] for a in topics.select("a")} == {
        "co-production": "/guides/?theme=co-production",
        "facilitation": "/guides/?theme=facilitation",
    }


def test_home_page_lists_the_latest_content_and_links_every_section(client):
    CaseStudyFactory(title="Newest case study")
    EvidenceFactory(title="Newest evidence")

    soup = soup_of(client.get("/"))

    latest = soup.select_one('section[aria-labelledby="latest-heading"]')
    assert [text_of(a) for a in latest.select(".ds_card__title a")] == ["Newest evidence", "Newest case study"]
    sections = soup.select_one('section[aria-labelledby="sections-heading"]')
    assert [a["href"] for a in sections.select("a")] == ["/case-studies/", "/evidence/", "/guides/", "/pathways/"]


def test_not_found_page_helps_the_reader_on(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert text_of(soup.h1) == "Page not found"
    assert soup.select_one('form[action="/search/"]')
    assert {a["href"] for a in soup.select(".ds_layout__content a")} >= {"/case-studies/", "/evidence/", "/"}


def test_server_error_page_stands_alone():
    template = get_template("500.html")
    source = template.template.source
    assert "{%" not in source
    assert "{{" not in source
    html = template.render({})
    assert "Sorry, there is a problem with the service" in html
