"""/share-your-practice/: the guided form a member fills in to propose a case study."""

import pytest
from django.urls import reverse

from casestudies.models import Proposal
from casestudies.proposals import DAILY_LIMIT
from tests.casestudies.test_proposals import form_data
from tests.factories import MemberFactory, case_study_index

pytestmark = pytest.mark.django_db
URL = "/share-your-practice/"


@pytest.fixture(autouse=True)
def index():
    return case_study_index()


@pytest.fixture
def member(client):
    member = MemberFactory(username="morven", profile__display_name="Morven Reid")
    client.force_login(member)
    return member


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_members_find_it_in_the_navigation_on_case_studies_and_in_my_learning(client, member):
    assert f'href="{URL}"' in client.get("/").content.decode()
    assert f'href="{URL}"' in client.get(case_study_index().url).content.decode()
    assert f'href="{URL}"' in client.get(reverse("my_learning")).content.decode()
    html = client.get(URL).content.decode()
    for heading in ("About the work", "What happened", "Evidence and themes"):
        assert f">{heading}</h2>" in html


def test_bad_input_keeps_every_typed_value_and_links_each_error_to_its_field(client, member):
    data = form_data(challenge="", start_year="twenty", title="Tenants <b>shape</b> repairs")
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert '<a href="#id_challenge">Enter the challenge.</a>' in html
    assert '<a href="#id_start_year">' in html
    assert 'value="Tenants &lt;b&gt;shape&lt;/b&gt; repairs"' in html
    assert "Tenants and staff met monthly.</textarea>" in html
    assert "Kingdom Housing Association\nFife Tenants Forum</textarea>" in html
    assert 'value="co_production" checked' in html
    assert not Proposal.objects.exists()


def test_a_good_proposal_goes_to_review_and_the_member_is_told_what_happens_next(client, member):
    response = client.post(URL, form_data(), follow=True)
    proposal = Proposal.objects.get()
    assert response.redirect_chain == [(f"{URL}sent/{proposal.pk}/", 302)]
    html = response.content.decode()
    assert "What happens next" in html
    assert "Tenants shape the repairs service in Fife" in html
    assert proposal.author == member
    assert proposal.state == Proposal.State.IN_REVIEW

    my_learning = client.get(reverse("my_learning")).content.decode()
    assert "Your case study proposals" in my_learning
    assert 'data-proposal-state="in_review"' in my_learning
    assert "In review" in my_learning


def test_someone_else_cannot_read_the_what_happens_next_page(client, member):
    client.post(URL, form_data())
    proposal = Proposal.objects.get()
    client.force_login(MemberFactory(username="tam"))
    assert client.get(f"{URL}sent/{proposal.pk}/").status_code == 404


def test_past_the_daily_limit_the_member_is_told_and_keeps_what_they_typed(client, member):
    for _ in range(DAILY_LIMIT):
        assert client.post(URL, form_data()).status_code == 302
    response = client.post(URL, form_data(title="One more today"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "try again tomorrow" in html
    assert 'value="One more today"' in html
    assert Proposal.objects.count() == DAILY_LIMIT


@pytest.mark.parametrize(
    "changes",
    [
        {"council_area": "999999"},
        {"council_area": "fife"},
        {"sectors": ["x"]},
        {"themes": ["99999999999999999999999"]},
        {"approach": "<script>"},
        {"end_year": "-1"},
        {"title": "x" * 5000},
        {"summary": "\x00"},
    ],
)
def test_nothing_a_browser_can_send_gives_a_500(client, member, changes):
    response = client.post(URL, form_data(**changes))
    assert response.status_code == 400
    assert not Proposal.objects.exists()
