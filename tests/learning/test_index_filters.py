"""The section indexes: filters from the URL narrow, combine and survive pagination; bad values get a clear 400."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, PageViewRestriction

from learning.models import Approach, Country, Skill, StudyType
from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory, PathwayFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    """The titles in the listing, in order, as a reader sees them."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".ds_search-results__list .ds_search-result__link")]


def results_heading(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.select_one("#results-heading").get_text().split())


def make_pathway(**kwargs):
    """A pathway needs at least two steps: through one guide, then a case study."""
    guide, case = GuideFactory(title="Step guide"), CaseStudyFactory(title="Step case")
    steps = [
        ("step", {"page": guide, "why": "Learn the method.", "reflection_prompt": "Where could you use it?"}),
        ("step", {"page": case, "why": "See it used.", "reflection_prompt": "What would differ for you?"}),
    ]
    return PathwayFactory(steps=steps, **kwargs)


def _area(slug):
    from learning.models import CouncilArea

    return CouncilArea.objects.get(slug=slug)


def _resolve(kwargs):
    return {key: value() if callable(value) else value for key, value in kwargs.items()}


# Each filter an index offers, with a page it must keep and a page it must drop.
FILTER_CASES = [
    ("/case-studies/", "theme", "co-production", CaseStudyFactory, {"themes": ["co-production"]}, {"themes": ["x"]}),
    ("/case-studies/", "sector", "third-sector", CaseStudyFactory, {"sectors": ["third-sector"]}, {}),
    (
        "/case-studies/",
        "council_area",
        "highland",
        CaseStudyFactory,
        {"council_area": lambda: _area("highland")},
        {},
    ),
    (
        "/case-studies/",
        "approach",
        "participatory_budgeting",
        CaseStudyFactory,
        {"approach": Approach.PARTICIPATORY_BUDGETING},
        {},
    ),
    ("/evidence/", "theme", "prevention", EvidenceFactory, {"themes": ["prevention"]}, {}),
    ("/evidence/", "sector", "public-sector", EvidenceFactory, {"sectors": ["public-sector"]}, {}),
    (
        "/evidence/",
        "country",
        "finland",
        EvidenceFactory,
        {"countries": lambda: list(Country.objects.filter(slug="finland"))},
        {},
    ),
    (
        "/evidence/",
        "study_type",
        "randomised_trial",
        EvidenceFactory,
        {"study_type": StudyType.RANDOMISED_TRIAL},
        {},
    ),
    ("/evidence/", "strength", "5", EvidenceFactory, {"strength": 5}, {"strength": 2}),
    ("/guides/", "theme", "evaluation", GuideFactory, {"themes": ["evaluation"]}, {}),
    ("/guides/", "sector", "community-sector", GuideFactory, {"sectors": ["community-sector"]}, {}),
    (
        "/guides/",
        "skill",
        "mediation",
        GuideFactory,
        {"skills": lambda: list(Skill.objects.filter(slug="mediation"))},
        {},
    ),
    ("/pathways/", "theme", "evidence-use", make_pathway, {"themes": ["evidence use"]}, {}),
    ("/pathways/", "sector", "academic", make_pathway, {"sectors": ["academic"]}, {}),
]


@pytest.mark.parametrize(
    ("url", "name", "value", "factory", "keep", "drop"),
    FILTER_CASES,
    ids=[f"{case[0].strip('/')}-{case[1]}" for case in FILTER_CASES],
)
def test_each_filter_narrows_the_listing(client, url, name, value, factory, keep, drop):
    factory(title="Kept", **_resolve(keep))
    factory(title="Dropped", **_resolve(drop))

    assert sorted(listed_titles(client.get(url))) == ["Dropped", "Kept"]
    response = client.get(url, {name: value})

    assert response.status_code == 200
    assert listed_titles(response) == ["Kept"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f'input[name="{name}"][value="{value}"]').has_attr("checked")


def test_two_filters_combine_and_two_values_of_one_filter_widen(client):
    CaseStudyFactory(title="Fife co-production", themes=["co-production"])
    CaseStudyFactory(title="Highland co-production", themes=["co-production"], council_area=_area("highland"))
    CaseStudyFactory(title="Fife prevention", themes=["prevention"])
    CaseStudyFactory(title="Fife budgets", themes=["budgets"])

    both = client.get("/case-studies/", {"theme": "co-production", "council_area": "fife"})
    assert listed_titles(both) == ["Fife co-production"]

    either = client.get("/case-studies/", {"theme": ["co-production", "prevention"], "council_area": "fife"})
    assert sorted(listed_titles(either)) == ["Fife co-production", "Fife prevention"]


def test_results_are_counted_in_words(client):
    CaseStudyFactory(title="Only one", themes=["co-production"])
    assert results_heading(client.get("/case-studies/")) == "1 case study"
    CaseStudyFactory(title="Another")
    assert results_heading(client.get("/case-studies/")) == "2 case studies"
    EvidenceFactory(title="Evidence")
    assert results_heading(client.get("/evidence/")) == "1 evidence summary"


def test_each_applied_filter_can_be_removed_on_its_own(client):
    CaseStudyFactory(title="Fife co-production", themes=["co-production"])
    response = client.get("/case-studies/", {"theme": "co-production", "council_area": "fife"})

    soup = BeautifulSoup(response.content, "html.parser")
    applied = {
        " ".join(item.get_text().split()): item.select_one("a")["href"]
        for item in soup.select(".cop-applied-filters__item")
    }
    assert applied == {
        "Theme: co-production Remove filter theme: co-production": "?council_area=fife",
        "Council area: Fife Remove filter council area: Fife": "?theme=co-production",
    }
    assert soup.find("a", string="Clear all filters")["href"] == "/case-studies/"

    only_theme = BeautifulSoup(client.get("/case-studies/", {"theme": "co-production"}).content, "html.parser")
    assert only_theme.select_one(".cop-applied-filters__item a")["href"] == "./"


def test_pagination_keeps_the_filters_in_every_link(client):
    for number in range(14):
        CaseStudyFactory(title=f"Co-production {number:02}", themes=["co-production"])
    CaseStudyFactory(title="Not co-production", themes=["budgets"])

    first = client.get("/case-studies/", {"theme": "co-production"})
    assert len(listed_titles(first)) == 12
    assert results_heading(first) == "14 case studies, page 1 of 2"
    soup = BeautifulSoup(first.content, "html.parser")
    pagination = soup.select_one("nav.ds_pagination")
    hrefs = [link["href"] for link in pagination.select("a.ds_pagination__link")]
    assert hrefs == ["?theme=co-production&page=1", "?theme=co-production&page=2", "?theme=co-production&page=2"]
    assert pagination.select_one('[aria-current="page"]').get_text(strip=True) == "1"

    second = client.get("/case-studies/" + hrefs[-1])
    assert second.status_code == 200
    assert len(listed_titles(second)) == 2
    assert "Not co-production" not in listed_titles(second)
    assert results_heading(second) == "14 case studies, page 2 of 2"


def test_an_unknown_filter_value_is_a_clear_400_that_filters_nothing(client):
    CaseStudyFactory(title="Fife co-production", themes=["co-production"])
    pages_before = Page.objects.count()

    response = client.get("/case-studies/", {"theme": "no-such-theme", "council_area": "fife"})

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".ds_error-summary")
    assert summary["role"] == "alert"
    assert "Theme: there is nothing called 'no-such-theme'." in summary.get_text()
    assert listed_titles(response) == []
    assert soup.select(".cop-applied-filters__item") == []
    assert soup.select("input[checked]") == []
    assert Page.objects.count() == pages_before


def test_a_bad_page_number_is_a_400_not_a_500(client):
    CaseStudyFactory(title="Fife co-production")
    response = client.get("/case-studies/", {"page": "two"})
    assert response.status_code == 400
    assert "The page number must be a whole number." in response.content.decode()


def test_when_nothing_matches_the_page_says_so_and_offers_to_clear_the_filters(client):
    CaseStudyFactory(title="Fife co-production", themes=["co-production"])

    response = client.get("/case-studies/", {"council_area": "highland"})

    assert response.status_code == 200
    assert results_heading(response) == "0 case studies"
    soup = BeautifulSoup(response.content, "html.parser")
    message = soup.select_one(".cop-no-results")
    assert "No case studies match these filters." in message.get_text()
    assert message.find("a", string="clear all filters")["href"] == "/case-studies/"


def test_drafts_and_private_pages_are_never_listed(client):
    CaseStudyFactory(title="Published", themes=["co-production"])
    CaseStudyFactory(title="Draft", themes=["co-production"], live=False)
    private = CaseStudyFactory(title="Private", themes=["co-production"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret-2026")

    for params in ({}, {"theme": "co-production"}):
        response = client.get("/case-studies/", params)
        assert listed_titles(response) == ["Published"]
        assert results_heading(response) == "1 case study"
        assert "Draft" not in response.content.decode()
        assert "Private" not in response.content.decode()

    home = client.get("/").content.decode()
    assert "Published" in home
    assert "Draft" not in home
    assert "Private" not in home


def test_filter_form_is_a_get_form_of_fieldsets_with_legends(client):
    CaseStudyFactory(title="Fife co-production", themes=["co-production"], sectors=["public-sector"])
    soup = BeautifulSoup(client.get("/case-studies/").content, "html.parser")

    form = soup.select_one("form#filter-form")
    assert form["method"] == "get"
    assert form["action"] == "/case-studies/"
    assert [fieldset.legend.get_text(strip=True) for fieldset in form.select("fieldset")] == [
        "Theme",
        "Sector",
        "Council area",
        "Approach",
    ]
    for checkbox in form.select("input[type=checkbox]"):
        assert form.select_one(f'label[for="{checkbox["id"]}"]')
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Apply filters"


# --- how many each option gives -------------------------------------------------------------------------
def options(response, name):
    """{value: (count shown, checked)} of one filter's options, as the form offers them."""
    soup = BeautifulSoup(response.content, "html.parser")
    fieldset = soup.select_one(f"#filter-{name}")
    if fieldset is None:
        return {}
    found = {}
    for box in fieldset.select("input[type=checkbox]"):
        label = soup.select_one(f"label[for={box['id']}]")
        count = label.select_one(".cop-filter__count").get_text(strip=True)
        found[box["value"]] = (int(count.strip("()")), box.has_attr("checked"))
    return found


@pytest.fixture
def three_case_studies():
    CaseStudyFactory(title="Fife co-production", themes=["co-production"])
    CaseStudyFactory(title="Fife co-production again", themes=["co-production"])
    CaseStudyFactory(title="Highland prevention", themes=["prevention"], council_area=_area("highland"))


def test_each_option_says_how_many_it_gives_and_options_that_give_none_are_left_out(client, three_case_studies):
    response = client.get("/case-studies/")
    assert options(response, "council_area") == {"fife": (2, False), "highland": (1, False)}
    assert options(response, "theme") == {"co-production": (2, False), "prevention": (1, False)}
    label = BeautifulSoup(response.content, "html.parser").select_one("label[for=filter-council_area-1]")
    assert " ".join(label.get_text().split()) == "Fife (2), 2 case studies"  # a screen reader hears the words


def test_the_counts_follow_the_other_filters_applied(client, three_case_studies):
    response = client.get("/case-studies/", {"theme": "prevention"})
    assert options(response, "council_area") == {"highland": (1, False)}
    # a filter's own options still count across it, so a second value can widen the listing
    assert options(response, "theme") == {"co-production": (2, False), "prevention": (1, True)}


def test_an_applied_option_stays_visible_at_zero_so_it_can_be_unticked(client, three_case_studies):
    response = client.get("/case-studies/", {"theme": "prevention", "council_area": "fife"})
    assert listed_titles(response) == []
    assert options(response, "council_area") == {"fife": (0, True), "highland": (1, False)}
    assert options(response, "theme") == {"co-production": (2, False), "prevention": (0, True)}


def test_pages_a_visitor_cannot_see_are_not_counted(client, three_case_studies):
    from tests.factories import restrict_view

    hidden = CaseStudyFactory(
        title="Orkney members only", themes=["co-production"], council_area=_area("orkney-islands")
    )
    restrict_view(hidden, "login")
    CaseStudyFactory(title="Shetland draft", live=False, council_area=_area("shetland-islands"))
    response = client.get("/case-studies/")
    assert options(response, "council_area") == {"fife": (2, False), "highland": (1, False)}
    assert options(response, "theme")["co-production"] == (2, False)


def test_counting_the_options_costs_the_same_queries_however_many_pages(client, three_case_studies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/case-studies/", {"theme": "co-production"}).status_code == 200
        return len(captured)

    queries()  # the first request fills caches (content types, the site) that later ones reuse
    few = queries()
    for n in range(5):
        CaseStudyFactory(title=f"More {n}", themes=["co-production", "prevention"], council_area=_area("highland"))
    assert queries() == few
