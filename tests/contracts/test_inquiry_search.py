"""Inquiries in search, on both backends: found by their question and by what the team wrote, only by those
who may read the community; hidden entries' words leave; a community's change of visibility re-indexes them."""

import pytest

from forums import inquiries, moderation
from tests.contracts.test_forum_search import refreshed
from tests.contracts.test_search_backends import search, titles
from tests.factories import CommunityFactory, UserFactory, member_of, site_moderator

pytestmark = pytest.mark.django_db

OPEN_QUESTION = "How can first contact feel less like an assessment?"
PRIVATE_QUESTION = "What keeps frontline staff in the partnership?"


@pytest.fixture
def team(backend, django_capture_on_commit_callbacks):
    fiona = UserFactory(username="fiona")
    open_community = CommunityFactory(slug="planning", name="Community planning")
    private = CommunityFactory(slug="frontline", name="Frontline voices", visibility="private")
    for community in (open_community, private):
        member_of(community, fiona)
    with django_capture_on_commit_callbacks(execute=True):
        public = inquiries.start_inquiry(open_community, fiona, OPEN_QUESTION, "Callers say the first call tests them.")
        cycle = inquiries.open_cycle(public, fiona, "Listen to ten first calls")
        entry = inquiries.write_entry(cycle, fiona, "observe", "The callers relaxed when we asked about their selkie.")
        hidden = inquiries.start_inquiry(private, fiona, PRIVATE_QUESTION, "Turnover is high among selkie workers.")
    return {"fiona": fiona, "open": open_community, "private": private, "entry": entry, "hidden": hidden}


def test_an_inquiry_is_found_by_its_question_and_its_entries_and_a_private_one_only_by_members(backend, team):
    assert titles(search(refreshed(backend), "first contact assessment")) == {OPEN_QUESTION}
    found = search(backend, "selkie")
    assert titles(found) == {OPEN_QUESTION}  # by an entry's words; the private inquiry stays out
    assert [hit.type for hit in found.hits] == ["inquiry"]
    assert {f["value"] for f in found.facets["type"]} == {"inquiry"}
    assert titles(search(backend, "selkie", communities={team["private"].pk})) == {OPEN_QUESTION, PRIVATE_QUESTION}
    assert titles(search(backend, "selkie", type="inquiry")) == {OPEN_QUESTION}


def test_a_hidden_entrys_words_leave_the_inquirys_document_and_come_back_restored(
    backend, team, django_capture_on_commit_callbacks
):
    moderator = site_moderator(username="mo")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_entry(team["entry"], moderator, "Names someone")
    assert search(refreshed(backend), "selkie").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_entry(team["entry"], moderator)
    assert titles(search(refreshed(backend), "selkie")) == {OPEN_QUESTION}


def test_a_community_made_private_takes_its_inquiries_out_of_visitors_search(
    backend, team, django_capture_on_commit_callbacks
):
    community = team["open"]
    with django_capture_on_commit_callbacks(execute=True):
        community.visibility = "private"
        community.save()
    assert search(refreshed(backend), "first contact assessment").total == 0
    assert titles(search(backend, "first contact assessment", communities={community.pk})) == {OPEN_QUESTION}
