"""The editors' dashboard in the Wagtail admin: who sees it, what it shows, what it downloads."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from casestudies.proposals import CaseStudyProposalForm, propose
from mylearning.models import PageReadDay
from search.models import QueryLog
from tests.casestudies.test_proposals import form_data
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    GuideFactory,
    MemberFactory,
    UserFactory,
    case_study_index,
    editorial_user,
)
from tests.insights.factories import comment, forum_post

pytestmark = pytest.mark.django_db

URL = "/admin/insights/"
SECTIONS = [
    "Content published per month",
    "Most read pages",
    "Most discussed pages",
    "Searches with no results",
    "Participation by level",
]


@pytest.fixture
def editor(client):
    user = editorial_user("Editors", username="eilidh")
    client.force_login(user)
    return user


@pytest.fixture
def some_activity():
    guide = GuideFactory(title="Hosting a listening session")
    case = CaseStudyFactory(title='=HYPERLINK("http://evil.example")')
    today = timezone.localdate()
    PageReadDay.objects.create(page=guide, day=today, reads=12)
    PageReadDay.objects.create(page=case, day=today, reads=5)
    comment(case)
    comment(case)
    forum_post(CommunityFactory(), MemberFactory(profile__level="frontline"))
    QueryLog.objects.create(query="=cmd|' /C calc'!A0", results=0, backend="database")
    QueryLog.objects.create(query="kelp farming", results=0, backend="database")
    return {"guide": guide, "case": case}


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_editors_see_all_five_sections_each_with_a_chart_and_a_table(client, editor, some_activity):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in SECTIONS:
        assert heading in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 6  # two for participation
    assert html.count("<caption id=") == 6
    assert 'scope="col"' in html
    assert 'scope="row"' in html
    assert "Hosting a listening session" in html
    assert "kelp farming" in html
    assert "Last 12 months" in html


def test_each_table_scrolls_in_its_own_named_region_so_no_column_is_cut_off_on_a_phone(client, editor, some_activity):
    """The admin clips whatever overflows the page: at 375px the last columns were out of reach."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    tables = soup.select("#insights table")
    assert len(tables) == 6
    for table in tables:
        region = table.parent
        assert "insights-table" in region["class"]  # overflow-x: auto
        assert region["role"] == "region"
        assert region["tabindex"] == "0"  # keyboard users scroll it too
        assert soup.find(id=region["aria-labelledby"]) is table.caption


def test_each_chart_is_well_formed_and_titles_are_escaped(client, editor, some_activity):
    CaseStudyFactory(title="<script>alert('x')</script>")
    PageReadDay.objects.create(page=CaseStudyFactory(title="Fish & <chips>"), day=timezone.localdate(), reads=3)
    html = client.get(URL).content.decode()
    assert "<script>alert" not in html
    assert "Fish &amp; &lt;chips&gt;" in html
    charts = 0
    start = html.index("data-insights-dashboard")  # Wagtail's own icons are SVG too
    while (start := html.find('<svg xmlns="http://www.w3.org/2000/svg" role="img"', start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        root = ET.fromstring(html[start:end])  # noqa: S314 - our own page
        labels = root.get("aria-labelledby").split()
        assert [root.find(f"{{*}}{tag}").get("id") for tag in ("title", "desc")] == labels
        charts += 1
        start = end
    assert charts == 6


def test_the_menu_shows_insights_to_editors(client, editor):
    html = client.get("/admin/").content.decode()
    assert "Insights" in html
    assert URL in html


def test_reviewers_and_superusers_may_see_it_too(client):
    client.force_login(editorial_user("Reviewers", username="ruaridh"))
    assert client.get(URL).status_code == 200
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(URL).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_practitioners_are_sent_away_from_the_admin(client, some_activity):
    client.force_login(MemberFactory(username="priya"))
    for query in ({}, {"format": "csv", "dataset": "most-read"}):
        response = client.get(URL, query)
        assert response.status_code == 302
        assert "Hosting a listening session" not in response.content.decode()


def test_admin_users_outside_the_editorial_team_are_refused(client, some_activity):
    outsider = UserFactory(username="ops")
    group = Group.objects.create(name="Operations")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    outsider.groups.add(group)
    client.force_login(outsider)
    response = client.get(URL)
    assert response.status_code == 403
    assert "for the editorial team" in response.content.decode()
    assert "Hosting a listening session" not in response.content.decode()
    assert client.get(URL, {"format": "csv", "dataset": "most-read"}).status_code == 403
    assert URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("period", ["3", "6", "12"])
def test_editors_choose_the_period(client, editor, period):
    html = client.get(URL, {"period": period}).content.decode()
    assert f'<option value="{period}" selected>' in html
    assert f"Showing the last {period} months" in html


@pytest.mark.parametrize("period", ["7", "abc", "-1", "1" * 400, "<b>12</b>"])
def test_a_bad_period_falls_back_to_twelve_months_with_a_message(client, editor, period):
    response = client.get(URL, {"period": period})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a period of 3, 6, 12 months. Showing the last 12 months instead." in html
    assert '<option value="12" selected>' in html
    assert "<b>12</b>" not in html


def test_csv_downloads_have_the_rows_of_the_table(client, editor, some_activity):
    response = client.get(URL, {"format": "csv", "dataset": "most-read", "period": "3"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="insights-most-read-3-months.csv"'
    rows = csv_rows(response)
    assert rows[0] == ["title", "type", "url", "reads"]
    assert rows[1][0] == "Hosting a listening session"
    assert rows[1][1:] == ["Practice guide", some_activity["guide"].url, "12"]
    assert len(rows) == 3

    published = csv_rows(client.get(URL, {"format": "csv", "dataset": "published", "period": "3"}))
    assert published[0] == [
        "month",
        "Case studies",
        "Evidence summaries",
        "Practice guides",
        "Learning pathways",
        "total",
    ]
    assert len(published) == 4
    assert published[-1] == [timezone.localdate().replace(day=1).isoformat(), "1", "0", "1", "0", "2"]

    forums = csv_rows(client.get(URL, {"format": "csv", "dataset": "participation-forums", "period": "3"}))
    assert forums[0] == ["month", "level", "count", "share (%)"]
    assert [timezone.localdate().replace(day=1).isoformat(), "Frontline", "1", "100.0"] in forums


def test_csv_cells_that_look_like_formulas_are_neutralised(client, editor, some_activity):
    searches = csv_rows(client.get(URL, {"format": "csv", "dataset": "searches-without-results"}))
    queries = [row[0] for row in searches[1:]]
    assert "'=cmd|' /C calc'!A0" in queries
    assert "kelp farming" in queries
    discussed = csv_rows(client.get(URL, {"format": "csv", "dataset": "most-discussed"}))
    assert discussed[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert discussed[1][3] == "2"


@pytest.mark.parametrize(
    "query",
    [
        {"format": "csv", "dataset": "everything"},
        {"format": "csv"},
        {"format": "csv", "dataset": "most-read", "period": "99"},
        {"format": "pdf"},
    ],
)
def test_bad_export_requests_get_400_with_a_message(client, editor, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response.content.decode().startswith(("Unknown dataset", "Choose"))


# --- members' case study proposals -----------------------------------------------------------------------
def test_member_proposals_waiting_for_review_are_listed_with_links_to_review_them(client, editor):
    case_study_index()
    assert "No case study proposed by a member is waiting for review." in client.get(URL).content.decode()
    member = MemberFactory(username="morven", profile__display_name="Morven Reid")
    form = CaseStudyProposalForm(form_data(title="Tenants shape repairs"))
    assert form.is_valid()
    proposal = propose(member, form.cleaned_data)

    html = client.get(URL).content.decode()
    assert "1 case study proposed by members through Share your practice waits for a reviewer" in html
    assert f'<a href="/admin/pages/{proposal.page_id}/edit/">Tenants shape repairs</a>' in html
    assert "<td>Morven Reid</td>" in html
