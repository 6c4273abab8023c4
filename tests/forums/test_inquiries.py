"""Collaborative action-research inquiries, told as stories: a facilitator starts an inquiry in a community,
puts colleagues on the team, opens and closes cycles; the team writes plans, actions, observations and
reflections; readers of the community read it all; moderators hide and restore entries; the balance of
voices shows who has been heard."""

from datetime import timedelta
from unittest.mock import ANY

import pytest
from django.utils import timezone

from accounts import deletion
from accounts.data import HIDDEN_CONTEXT, member_data
from casestudies.models import Proposal
from cop_site.errors import DomainError
from forums import inquiries, moderation
from forums.models import CycleEntry, Inquiry, ModerationAction, Notification, TeamMember
from tests.casestudies.test_proposals import form_data
from tests.factories import (
    CommunityFactory,
    EvidenceFactory,
    MemberFactory,
    case_study_index,
    member_of,
    site_moderator,
)
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db

QUESTION = "How can first contact with the service feel less like an assessment?"


@pytest.fixture
def fiona():
    return MemberFactory(username="fiona", first_name="Fiona", last_name="Facilitator", profile__level="manager")


@pytest.fixture
def fraser():
    return MemberFactory(username="fraser", first_name="Fraser", last_name="Frontline", profile__level="frontline")


@pytest.fixture
def cara():
    return MemberFactory(username="cara", first_name="Cara", last_name="Community", profile__level="community_member")


@pytest.fixture
def outsider():
    return MemberFactory(username="olly", first_name="Olly", last_name="Outsider")


def community_with(visibility, *people, slug=None):
    community = CommunityFactory(visibility=visibility, **({"slug": slug} if slug else {}))
    for person in people:
        member_of(community, person)
    return community


@pytest.fixture
def inquiry(fiona, fraser, cara):
    community = community_with("open", fiona, fraser, cara, slug="planning")
    inquiry = inquiries.start_inquiry(community, fiona, QUESTION, "People tell us the first call *feels* like a test.")
    inquiries.add_to_team(inquiry, fraser, fiona)
    inquiries.add_to_team(inquiry, cara, fiona)
    inquiries.open_cycle(inquiry, fiona, "Listen to ten first calls")
    return inquiry


def cycle_of(inquiry, number=1):
    return inquiry.cycles.get(number=number)


# --- starting, the team, cycles ----------------------------------------------------------------------------------
def test_a_member_starts_an_inquiry_and_facilitates_it(inquiry, fiona):
    assert inquiry.slug == "how-can-first-contact-with-the-service-feel-less-like-an-assessment"
    assert inquiry.facilitator == fiona
    assert inquiry.team.get(user=fiona).role == TeamMember.Role.FACILITATOR
    assert inquiry.can_facilitate(fiona)


@pytest.mark.parametrize(
    ("question", "why", "code"),
    [("", "Because", "empty"), ("   ", "Because", "empty"), ("Why?", "", "empty"), ("x" * 301, "Because", "too_long")],
)
def test_an_inquiry_needs_a_question_and_why_it_matters(fiona, question, why, code):
    community = community_with("open", fiona)
    with pytest.raises(DomainError) as error:
        inquiries.start_inquiry(community, fiona, question, why)
    assert error.value.code == code
    assert not Inquiry.objects.exists()


def test_only_members_of_the_community_start_inquiries(outsider):
    community = community_with("open")
    with pytest.raises(DomainError, match="Join"):
        inquiries.start_inquiry(community, outsider, QUESTION, "Because")
    assert not Inquiry.objects.exists()


def test_a_facilitator_adds_community_members_to_the_team_and_they_are_told(inquiry, fraser, fiona):
    told = Notification.objects.get(recipient=fraser, kind=Notification.Kind.INQUIRY_TEAM)
    assert QUESTION in told.text
    assert told.url == inquiry.get_absolute_url()
    assert inquiry.team.filter(user=fraser, role=TeamMember.Role.MEMBER, invited_by=fiona).exists()


def test_people_outside_the_community_or_already_on_the_team_are_not_added(inquiry, fiona, fraser, outsider):
    with pytest.raises(DomainError, match="Only members"):
        inquiries.add_to_team(inquiry, outsider, fiona)
    with pytest.raises(DomainError, match="already"):
        inquiries.add_to_team(inquiry, fraser, fiona)
    with pytest.raises(DomainError) as error:
        inquiries.add_to_team(inquiry, outsider, fraser)  # a team member is not a facilitator
    assert error.value.code == "forbidden"
    assert inquiry.team.count() == 3


def test_one_cycle_is_open_at_a_time_and_only_facilitators_open_and_close_them(inquiry, fiona, fraser):
    with pytest.raises(DomainError, match="Close cycle 1"):
        inquiries.open_cycle(inquiry, fiona, "Next")
    with pytest.raises(DomainError) as error:
        inquiries.close_cycle(cycle_of(inquiry), fraser)
    assert error.value.code == "forbidden"
    inquiries.close_cycle(cycle_of(inquiry), fiona)
    second = inquiries.open_cycle(inquiry, fiona, "Try a warmer opening script")
    assert second.number == 2
    assert inquiry.open_cycle == second


def test_community_moderators_facilitate_any_inquiry_in_it(inquiry):
    moderator = site_moderator(username="mo")
    inquiries.close_cycle(cycle_of(inquiry), moderator)
    assert not cycle_of(inquiry).is_open


# --- entries ----------------------------------------------------------------------------------------------------
def test_team_members_write_in_the_open_cycle_with_links_to_evidence(inquiry, fraser):
    evidence = EvidenceFactory(title="What helps first contact")
    entry = inquiries.write_entry(
        cycle_of(inquiry),
        fraser,
        "observe",
        "People relaxed when we **asked first** <script>alert(1)</script>",
        f"{evidence.url}\nhttps://data.example.org/first-calls.csv",
    )
    assert "<strong>asked first</strong>" in entry.body_html
    assert "<script>" not in entry.body_html
    links = list(entry.links.all())
    assert links[0].page.specific == evidence
    assert links[1].url == "https://data.example.org/first-calls.csv"


@pytest.mark.parametrize(
    ("kind", "body", "links", "code"),
    [
        ("observe", "", "", "empty"),
        ("observe", "x" * 10_001, "", "too_long"),
        ("gossip", "Something", "", "invalid"),
        ("observe", "Something", "javascript:alert(1)", "invalid"),
        ("observe", "Something", "/no/such/page/", "invalid"),
        ("observe", "Something", "\n".join(f"https://example.org/{n}" for n in range(11)), "too_long"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_saved(inquiry, fraser, kind, body, links, code):
    with pytest.raises(DomainError) as error:
        inquiries.write_entry(cycle_of(inquiry), fraser, kind, body, links)
    assert error.value.code == code
    assert not CycleEntry.objects.exists()


def test_only_the_team_writes_and_only_in_an_open_cycle(inquiry, fiona, fraser):
    bystander = MemberFactory(username="bea")
    member_of(inquiry.community, bystander)
    with pytest.raises(DomainError, match="Only the inquiry's team"):
        inquiries.write_entry(cycle_of(inquiry), bystander, "plan", "Let me in")
    inquiries.close_cycle(cycle_of(inquiry), fiona)
    with pytest.raises(DomainError) as error:
        inquiries.write_entry(cycle_of(inquiry), fraser, "reflect", "Too late")
    assert error.value.code == "locked"
    assert not CycleEntry.objects.exists()


def test_a_suspended_team_member_cannot_write(inquiry, fraser):
    moderation.suspend(fraser, site_moderator(username="mo"), "Cooling off", days=1)
    with pytest.raises(DomainError) as error:
        inquiries.write_entry(cycle_of(inquiry), fraser, "plan", "Hello")
    assert error.value.code == "suspended"


def test_entries_are_rate_limited_like_posts(inquiry, fraser):
    for n in range(5):
        inquiries.write_entry(cycle_of(inquiry), fraser, "observe", f"note {n}")
    with pytest.raises(DomainError) as error:
        inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "one too many")
    assert error.value.code == "rate_limited"
    assert CycleEntry.objects.count() == 5


def test_authors_edit_their_entries_for_as_long_as_posts(inquiry, fraser, cara):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "plan", "First draft")
    with pytest.raises(DomainError):
        inquiries.edit_entry(entry, cara, "Not mine")
    inquiries.edit_entry(entry, fraser, "Second draft", "https://example.org/plan")
    entry.refresh_from_db()
    assert entry.body_source == "Second draft"
    assert entry.edited is not None
    CycleEntry.objects.filter(pk=entry.pk).update(created=timezone.now() - timedelta(minutes=31))
    entry.refresh_from_db()
    with pytest.raises(DomainError, match="30 minutes"):
        inquiries.edit_entry(entry, fraser, "Third draft")


# --- moderation ---------------------------------------------------------------------------------------------------
def test_entries_are_reported_hidden_and_restored_through_moderation(inquiry, fiona, fraser, cara):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "Names a service user")
    moderation.report_entry(entry, cara, "confidential", "It names someone")
    with pytest.raises(DomainError) as error:
        moderation.report_entry(entry, cara, "confidential")
    assert error.value.code == "already_flagged"
    assert list(moderation.entry_reports_for(site_moderator(username="mo")).values_list("target_id", flat=True)) == [
        entry.pk
    ]
    with pytest.raises(DomainError) as error:
        moderation.hide_entry(entry, cara, "No")
    assert error.value.code == "forbidden"
    moderator = site_moderator(username="mod")
    moderation.hide_entry(entry, moderator, "It names a service user")
    entry.refresh_from_db()
    assert entry.status == CycleEntry.Status.HIDDEN
    assert Notification.objects.filter(recipient=fraser, kind="moderation", text__contains="names a service").exists()
    moderation.restore_entry(entry, moderator)
    entry.refresh_from_db()
    assert entry.status == CycleEntry.Status.VISIBLE
    actions = set(ModerationAction.objects.filter(target_type="cycleentry").values_list("action", flat=True))
    assert actions == {"report_entry", "hide_entry", "restore_entry"}


def test_three_members_reports_hide_an_entry_until_a_moderator_looks(inquiry, fraser, cara, fiona):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "Rude")
    third = MemberFactory(username="third")
    for person in (cara, fiona, third):
        moderation.report_entry(entry, person, "abuse")
    entry.refresh_from_db()
    assert entry.status == CycleEntry.Status.HIDDEN
    assert not entry.shown_to(cara)
    assert entry.shown_to(fraser)  # its author sees it, with the reason


# --- balance of voices ----------------------------------------------------------------------------------------
def test_the_balance_shows_levels_frontline_first_and_says_when_one_dominates(inquiry, fiona, fraser, cara):
    cycle = cycle_of(inquiry)
    inquiries.write_entry(cycle, fiona, "plan", "Plan")
    inquiries.write_entry(cycle, fiona, "act", "Did")
    inquiries.write_entry(cycle, fiona, "observe", "Saw")
    inquiries.write_entry(cycle, fraser, "reflect", "Felt")
    [row] = inquiries.balance(inquiry)
    assert row.cells[0] == ("Frontline", 1, 1)
    assert row.cells[1] == ("Manager", 3, 1)
    assert row.total == 4
    assert row.note.startswith("One level dominates cycle 1: Manager wrote 3 of its 4 entries")
    inquiries.write_entry(cycle, cara, "reflect", "Heard")
    inquiries.write_entry(cycle, fraser, "observe", "More")
    [row] = inquiries.balance(inquiry)
    assert row.note == ""  # three of six is not more than half


# --- the pages -----------------------------------------------------------------------------------------------------
def test_the_community_page_links_to_its_inquiries_and_the_list_to_each(client, inquiry):
    page = soup_of(client.get(inquiry.community.get_absolute_url()))
    link = page.find("a", string=f"Inquiries in {inquiry.community.name}")
    listing = soup_of(client.get(link["href"]))
    assert listing.find("a", string=QUESTION)["href"] == inquiry.get_absolute_url()


def test_the_inquiry_page_shows_the_question_team_levels_and_cycles_in_order(client, inquiry, fiona, fraser, cara):
    cycle = cycle_of(inquiry)
    inquiries.write_entry(cycle, fraser, "reflect", "We learned to listen")
    inquiries.write_entry(cycle, fiona, "plan", "Listen first")
    page = soup_of(client.get(inquiry.get_absolute_url()))
    assert page.find("h1").get_text(strip=True) == QUESTION
    team = text_of(page.find("ul", class_="cop-team-list"))
    assert "Fraser Frontline, Frontline" in team
    assert "Cara Community, Community member" in team
    kinds = [h.get_text(" ", strip=True) for h in page.select("#cycle-1 h4.cop-entry__kind")]
    assert kinds == ["Plan by Fiona Facilitator", "Reflection by Fraser Frontline"]
    table = page.find("table", attrs={"data-balance-table": True})
    assert [th.get_text() for th in table.select("thead th")][1] == "Frontline"
    assert page.find("svg", attrs={"role": "img"}) is not None
    assert page.find("form", action=f"{inquiry.get_absolute_url()}cycles/1/entries/") is None  # visitors do not write


@pytest.mark.parametrize("visibility", ["restricted", "private"])
def test_inquiries_of_closed_communities_are_read_by_their_members_alone(client, fiona, outsider, visibility):
    community = community_with(visibility, fiona)
    inquiry = inquiries.start_inquiry(community, fiona, "A private question about our service", "Because")
    url = inquiry.get_absolute_url()
    for reader in (client, signed_in(outsider)):
        response = reader.get(url)
        assert response.status_code in (302, 403)
        assert b"A private question" not in response.content
        assert reader.get(f"/communities/{community.slug}/inquiries/").status_code in (302, 403)
    assert "A private question" in text_of(soup_of(signed_in(fiona).get(url)))
    assert client.get(f"/communities/{community.slug}/inquiries/no-such-inquiry/").status_code in (302, 403)


def test_a_missing_inquiry_is_a_404(client, inquiry):
    assert client.get(f"/communities/{inquiry.community.slug}/inquiries/nothing-here/").status_code == 404


def test_a_team_member_writes_from_the_page_and_bad_input_keeps_the_text(inquiry, fraser):
    browser = signed_in(fraser)
    action = f"{inquiry.get_absolute_url()}cycles/1/entries/"
    page = soup_of(browser.post(action, {"kind": "reflect", "body": "", "links": "not a link"}), status=400)
    assert "Write something before posting." in text_of(page.find(id="error-summary"))
    assert page.find("textarea", id="entry-links").get_text() == "not a link"
    assert not CycleEntry.objects.exists()
    response = browser.post(action, {"kind": "reflect", "body": "We learned to *listen*", "links": ""})
    entry = CycleEntry.objects.get()
    assert response.url == entry.get_absolute_url()
    assert "<em>listen</em>" in str(soup_of(browser.get(inquiry.get_absolute_url())).find(id=f"entry-{entry.pk}"))


def test_the_facilitator_closes_and_opens_cycles_from_the_page(inquiry, fiona, fraser):
    assert signed_in(fraser).post(f"{inquiry.get_absolute_url()}cycles/1/close/").status_code == 403
    browser = signed_in(fiona)
    browser.post(f"{inquiry.get_absolute_url()}cycles/1/close/")
    page = soup_of(browser.post(f"{inquiry.get_absolute_url()}cycles/", {"focus": ""}), status=400)
    assert "Write the cycle's focus." in text_of(page.find(id="error-summary"))
    browser.post(f"{inquiry.get_absolute_url()}cycles/", {"focus": "Try a warmer script"})
    assert inquiry.open_cycle.number == 2


def test_the_facilitator_adds_a_member_from_the_page(inquiry, fiona):
    dan = MemberFactory(username="dan")
    member_of(inquiry.community, dan)
    browser = signed_in(fiona)
    page = soup_of(browser.post(f"{inquiry.get_absolute_url()}team/", {"username": "nobody"}), status=400)
    assert "No member has the username" in text_of(page.find(id="error-summary"))
    browser.post(f"{inquiry.get_absolute_url()}team/", {"username": "@dan", "role": "member"})
    assert inquiry.team.filter(user=dan).exists()


def test_a_hidden_entry_is_shown_to_its_author_and_moderators_only(client, inquiry, fraser, cara):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "Something to hide")
    moderator = site_moderator(username="mo")
    response = signed_in(moderator).post(f"/inquiries/entries/{entry.pk}/moderate/", {"action": "hide", "reason": ""})
    assert response.status_code == 400
    signed_in(moderator).post(f"/inquiries/entries/{entry.pk}/moderate/", {"action": "hide", "reason": "Off topic"})
    assert "Something to hide" not in text_of(soup_of(signed_in(cara).get(inquiry.get_absolute_url())))
    assert "Something to hide" not in text_of(soup_of(client.get(inquiry.get_absolute_url())))
    author_view = text_of(soup_of(signed_in(fraser).get(inquiry.get_absolute_url())))
    assert "Hidden by a moderator: Off topic" in author_view
    signed_in(moderator).post(f"/inquiries/entries/{entry.pk}/moderate/", {"action": "restore"})
    assert "Something to hide" in text_of(soup_of(signed_in(cara).get(inquiry.get_absolute_url())))


def test_members_report_an_entry_from_the_report_control(inquiry, fraser, cara):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "Hmm")
    browser = signed_in(cara)
    page = soup_of(browser.get(inquiry.get_absolute_url()))
    form = page.find(id=f"entry-{entry.pk}").find("form", attrs={"data-report-form": True})
    response = browser.post(form["action"], {"reason": "off_topic"})
    assert response.status_code == 302
    page = soup_of(browser.get(inquiry.get_absolute_url()))
    assert "Reported" in text_of(page.find(id=f"entry-{entry.pk}"))
    assert ModerationAction.objects.filter(action="report_entry", target_id=entry.pk).exists()


def test_the_author_edits_an_entry_from_its_edit_link(inquiry, fraser, cara):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "plan", "Draft")
    assert signed_in(cara).get(f"/inquiries/entries/{entry.pk}/edit/").status_code == 403
    browser = signed_in(fraser)
    page = soup_of(browser.get(inquiry.get_absolute_url()))
    link = page.find(id=f"entry-{entry.pk}").select_one("a[href$='/edit/']")
    assert text_of(link) == "Edit your plan"
    browser.post(link["href"], {"body": "Better plan", "links": ""})
    entry.refresh_from_db()
    assert entry.body_source == "Better plan"


def test_moderators_see_reported_entries_in_the_queue_and_hide_them_from_there(inquiry, fraser, cara):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "Names someone")
    moderation.report_entry(entry, cara, "confidential")
    moderator = site_moderator(username="mo")
    browser = signed_in(moderator)
    queue = soup_of(browser.get("/moderation/"))
    item = queue.find("section", id=lambda i: i and i.startswith("entry-report-"))
    assert "Fraser Frontline’s entry" in text_of(item)
    browser.post(item.find("form")["action"], {"action": "hide", "reason": "Names a person"})
    entry.refresh_from_db()
    assert entry.status == CycleEntry.Status.HIDDEN
    assert "Restore" in text_of(soup_of(browser.get("/moderation/")).find(id=item["id"]))


def test_a_nul_character_in_any_inquiry_form_is_refused_and_changes_nothing(inquiry, fiona, fraser):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "plan", "Plan")
    base = inquiry.get_absolute_url()
    nul = "a\x00b"
    for user, path in [
        (fiona, f"/communities/{inquiry.community.slug}/inquiries/new/"),
        (fraser, f"{base}cycles/1/entries/"),
        (fiona, f"{base}team/"),
        (fiona, f"{base}cycles/"),
        (fraser, f"/inquiries/entries/{entry.pk}/edit/"),
        (fiona, f"/inquiries/entries/{entry.pk}/report/"),
    ]:
        fields = ("question", "why_it_matters", "kind", "body", "links", "username", "role", "focus", "reason", "note")
        response = signed_in(user).post(path, dict.fromkeys(fields, nul))
        assert response.status_code == 400, path
    entry.refresh_from_db()
    assert entry.body_source == "Plan"
    assert Inquiry.objects.count() == 1


# --- the member's data ----------------------------------------------------------------------------------------
def test_a_members_data_download_lists_their_inquiry_teams_and_entries(inquiry, fraser, cara):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "What I saw", "https://example.org/notes")
    moderation.hide_entry(entry, site_moderator(username="mo"), "Names someone")
    inquiries.write_entry(cycle_of(inquiry), cara, "plan", "Not Fraser's")
    data = member_data(fraser)
    assert data["inquiry_teams"] == [
        {"inquiry": QUESTION, "inquiry_url": inquiry.get_absolute_url(), "role": "member", "joined": ANY}
    ]
    [mine] = data["inquiry_entries"]
    assert (mine["body_markdown"], mine["kind"], mine["cycle"], mine["status"]) == (
        "What I saw",
        "observe",
        1,
        "hidden",
    )
    assert mine["links"] == ["https://example.org/notes"]
    assert mine["hidden_reason"] == "Names someone"


def test_an_inquiry_fraser_can_no_longer_read_is_not_named_in_his_data(fraser, fiona):
    community = community_with("private", fiona, fraser)
    inquiry = inquiries.start_inquiry(community, fiona, "A closed question", "Because")
    inquiries.add_to_team(inquiry, fraser, fiona)
    community.memberships.filter(user=fraser).delete()
    [place] = member_data(fraser)["inquiry_teams"]
    assert place["inquiry"] == HIDDEN_CONTEXT
    assert place["inquiry_url"] is None


def test_deleting_an_account_keeps_its_entries_as_a_former_members_and_leaves_the_team(client, inquiry, fraser):
    entry = inquiries.write_entry(cycle_of(inquiry), fraser, "reflect", "Keep my words")
    summary = deletion.delete_member(fraser)
    assert summary.kept["inquiry entries"] == 1
    assert summary.removed["places on inquiry teams"] == 1
    entry.refresh_from_db()
    assert entry.author is None
    assert not inquiry.team.filter(user__username="fraser").exists()
    page = text_of(soup_of(client.get(inquiry.get_absolute_url())))
    assert "Keep my words" in page
    assert "former member" in page


# --- the API ----------------------------------------------------------------------------------------------------
def test_the_api_lists_a_communitys_inquiries_and_gives_one_with_its_cycles_and_entries(client, inquiry, fraser):
    evidence = EvidenceFactory(title="What helps first contact")
    inquiries.write_entry(cycle_of(inquiry), fraser, "reflect", "We *listened*", evidence.url)
    inquiries.write_entry(cycle_of(inquiry), fraser, "plan", "Listen first")
    hidden = inquiries.write_entry(cycle_of(inquiry), fraser, "observe", "Hidden words")
    moderation.hide_entry(hidden, site_moderator(username="mo"), "Names someone")
    listing = client.get(f"/api/v1/communities/{inquiry.community.slug}/inquiries").json()
    [summary] = listing["results"]
    assert (summary["question"], summary["cycles"], summary["facilitator"]["name"]) == (
        QUESTION,
        1,
        "Fiona Facilitator",
    )
    detail = client.get(summary["api_url"]).json()
    assert [(m["person"]["name"], m["role"]) for m in detail["team"]][0] == ("Fiona Facilitator", "facilitator")
    [cycle] = detail["cycle_list"]
    assert [e["kind"] for e in cycle["entries"]] == ["plan", "reflect"]  # in a cycle's order; the hidden one left out
    reflection = cycle["entries"][1]
    assert reflection["body_html"] == "<p>We <em>listened</em></p>\n"
    assert reflection["author"]["level"] == "frontline"
    assert reflection["links"][0]["page_id"] == evidence.pk
    assert "Hidden words" not in str(detail)


def test_the_api_answers_a_closed_communitys_inquiries_to_its_members_alone(client, fiona, outsider):
    community = community_with("restricted", fiona)
    inquiry = inquiries.start_inquiry(community, fiona, "A members' question", "Because")
    for reader in (client, signed_in(outsider)):
        assert reader.get(f"/api/v1/communities/{community.slug}/inquiries").status_code == 404
        response = reader.get(f"/api/v1/inquiries/{inquiry.pk}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert signed_in(fiona).get(f"/api/v1/inquiries/{inquiry.pk}").json()["question"] == "A members' question"
    assert client.get("/api/v1/inquiries/0").status_code == 422


# --- from inquiry to case study --------------------------------------------------------------------------------
def test_the_team_writes_the_inquiry_up_as_a_case_study_prefilled_credited_and_linked_back(
    inquiry, fiona, fraser, cara
):
    case_study_index()
    cycle = cycle_of(inquiry)
    inquiries.write_entry(cycle, fiona, "plan", "Listen to ten first calls", "https://example.org/call-notes")
    inquiries.write_entry(cycle, fraser, "observe", "Callers relaxed when asked first")
    inquiries.write_entry(cycle, cara, "reflect", "Ask before you assess")
    browser = signed_in(fraser)
    page = soup_of(browser.get(inquiry.get_absolute_url()))
    link = page.find("a", string="Write this up as a case study")
    form = soup_of(browser.get(link["href"]))
    assert form.find("input", attrs={"name": "title"})["value"] == QUESTION
    assert (
        "Cycle 1 (Listen to ten first calls): Callers relaxed when asked first"
        in form.find("textarea", attrs={"name": "what_changed"}).get_text()
    )
    assert "Ask before you assess" in form.find("textarea", attrs={"name": "lessons"}).get_text()
    assert "https://example.org/call-notes" in form.find("textarea", attrs={"name": "evidence_used"}).get_text()
    assert form.find("input", attrs={"name": "approach", "value": "collaborative_action_research"}).has_attr("checked")

    data = form_data(title="Asking before assessing in first contact", approach="collaborative_action_research")
    response = browser.post(link["href"], data)
    proposal = Proposal.objects.get()
    assert response.url == f"/share-your-practice/sent/{proposal.pk}/"
    assert proposal.author == fraser
    assert set(proposal.contributors.values_list("username", flat=True)) == {"fiona", "cara"}
    assert proposal.origin == inquiry
    assert proposal.origin_url == inquiry.get_absolute_url()
    assert not proposal.page.live


def test_only_the_team_writes_an_inquiry_up(inquiry, outsider):
    case_study_index()
    member_of(inquiry.community, outsider)
    url = f"{inquiry.get_absolute_url()}write-up/"
    assert "Write this up" not in text_of(soup_of(signed_in(outsider).get(inquiry.get_absolute_url())))
    assert signed_in(outsider).post(url, form_data()).status_code == 302
    assert not Proposal.objects.exists()


def test_the_inquiry_page_lists_what_was_written_up_from_it_as_each_reader_may_know_it(
    client, inquiry, fraser, outsider
):
    from casestudies.proposals import propose
    from tests.casestudies.test_proposals import valid

    case_study_index()
    member_of(inquiry.community, outsider)
    proposal = propose(
        fraser,
        valid(title="Listening first at the front door"),
        origin=inquiry,
        origin_url=inquiry.get_absolute_url(),
        origin_title=inquiry.question,
    )

    def written_up(browser):
        listed = soup_of(browser.get(inquiry.get_absolute_url())).select("[data-write-ups] li")
        return [
            (
                text_of(item).replace(text_of(item.select_one(".cop-link-list__meta")), ""),
                text_of(item.select_one(".cop-link-list__meta")),
                item.a["href"] if item.a else None,
            )
            for item in listed
        ]

    # While it is with the editors the team sees its title and state; no one gets a link to the draft.
    assert written_up(signed_in(fraser)) == [("Listening first at the front door", "Case study: In review", None)]
    assert written_up(signed_in(outsider)) == []
    assert written_up(client) == []

    proposal.page.save_revision().publish()
    proposal.page.refresh_from_db()
    shown = ("Listening first at the front door", "Case study: Published", proposal.page.url)
    assert written_up(client) == [shown]  # once published, every reader of the inquiry finds it
    assert written_up(signed_in(outsider)) == [shown]


def test_the_facilitator_completes_an_inquiry_from_the_page_and_can_take_it_up_again(inquiry, fiona, fraser):
    facilitator, member = signed_in(fiona), signed_in(fraser)
    url = f"{inquiry.get_absolute_url()}complete/"

    # Not while a cycle is open: the team may still be writing in it.
    response = facilitator.post(url)
    assert "Close the open cycle first" in text_of(soup_of(response, status=400))
    inquiries.close_cycle(cycle_of(inquiry), fiona)

    assert member.post(url).status_code == 403  # team members do not
    assert "Mark the inquiry completed" not in text_of(soup_of(member.get(inquiry.get_absolute_url())))
    page = soup_of(facilitator.get(inquiry.get_absolute_url()))
    assert "Mark the inquiry completed" in text_of(page)

    response = facilitator.post(url, follow=True)
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.COMPLETED
    assert inquiry.ended is not None
    assert "The inquiry is completed" in text_of(soup_of(response))
    assert "Open the next cycle" not in text_of(soup_of(response))
    with pytest.raises(DomainError):
        inquiries.open_cycle(inquiry, fiona, "One more")

    facilitator.post(url, {"action": "reopen"})
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ACTIVE
    assert inquiry.ended is None
    assert inquiries.open_cycle(inquiry, fiona, "One more").number == 2
