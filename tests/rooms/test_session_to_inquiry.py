"""A room session's summary added to an inquiry's open cycle: the facilitator chooses the cycle when ending
the session, and the inquiry gains an observation that links to the transcript."""

import pytest

from forums import inquiries
from forums.models import CycleEntry
from rooms import messages as room_messages
from rooms.models import RoomSession
from tests.factories import CommunityFactory, MemberFactory, RoomFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage():
    community = CommunityFactory(slug="coproduction", visibility="open")
    room = RoomFactory(community=community, slug="what-gets-in-the-way", title="What gets in the way?")
    fiona = MemberFactory(username="fiona", profile__display_name="Fiona Facilitator", profile__level="manager")
    fraser = MemberFactory(username="fraser", profile__display_name="Fraser Frontline")
    member_of(community, fiona, role="facilitator")
    member_of(community, fraser)
    inquiry = inquiries.start_inquiry(community, fiona, "How do we hear frontline voices?", "Because.")
    cycle = inquiries.open_cycle(inquiry, fiona, "Listen in live sessions")
    room_messages.send_message(room, fraser, "The rota is the problem", "c-1")
    return {"room": room, "fiona": fiona, "fraser": fraser, "inquiry": inquiry, "cycle": cycle}


def test_ending_a_session_offers_the_open_cycle_and_adds_the_summary_as_an_observation(stage):
    browser = signed_in(stage["fiona"])
    page = soup_of(browser.get(stage["room"].get_absolute_url()))
    offer = page.find("label", attrs={"for": f"summary-cycle-{stage['cycle'].pk}"})
    assert text_of(offer) == "Add this session's summary to cycle 1 of “How do we hear frontline voices?”"
    response = browser.post(
        f"/rooms/{stage['room'].slug}/end-session/",
        {"key_points": "Rotas stop people coming", "cycle": stage["cycle"].pk},
    )
    assert response.status_code == 302
    session = RoomSession.objects.get()
    assert session.cycle == stage["cycle"]
    entry = CycleEntry.objects.get()
    assert (entry.kind, entry.author) == ("observe", stage["fiona"])
    assert "Rotas stop people coming" in entry.body_source
    assert f'href="/rooms/{stage["room"].slug}/transcript/{session.pk}/"' in entry.body_html
    inquiry_page = text_of(soup_of(browser.get(stage["inquiry"].get_absolute_url())))
    assert "Summary of the live session in What gets in the way?" in inquiry_page


def test_a_cycle_not_open_to_the_facilitator_is_refused_and_nothing_ends(stage):
    inquiries.close_cycle(stage["cycle"], stage["fiona"])
    page = signed_in(stage["fiona"]).get(stage["room"].get_absolute_url())
    assert b"summary-cycle-" not in page.content  # nothing offered
    response = signed_in(stage["fiona"]).post(
        f"/rooms/{stage['room'].slug}/end-session/", {"key_points": "Done", "cycle": stage["cycle"].pk}
    )
    assert response.status_code == 400
    assert "not open to you" in text_of(soup_of(response, status=400))
    assert not RoomSession.objects.exists()
    assert not CycleEntry.objects.exists()


def test_ending_without_a_cycle_adds_nothing_to_inquiries(stage):
    signed_in(stage["fiona"]).post(f"/rooms/{stage['room'].slug}/end-session/", {"key_points": "Done", "cycle": ""})
    assert RoomSession.objects.get().cycle is None
    assert not CycleEntry.objects.exists()
