"""An inquiry in a real browser: from the community page a team member opens Inquiries, the inquiry, and
writes a reflection in the open cycle; the facilitator closes the cycle and opens the next; the balance of
voices shows who wrote. Each page passes axe-core on the way, and nothing breaks the CSP.

The inquiry is made for the test in a community of its own, so the demo's inquiry stays as it is.
"""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.conftest import run_in_site
from tests.e2e.conftest import axe_violations, sign_in
from tests.e2e.test_editorial_workflow import sign_in_to_admin

pytestmark = pytest.mark.e2e

SETUP = """
import json
from django.contrib.auth import get_user_model
from forums import inquiries, services
from forums.models import Community
User = get_user_model()
fiona, fraser = User.objects.get(username="facilitator"), User.objects.get(username="frontline")
community = Community.objects.create(name="Inquiry check {tag}", slug="inquiry-check-{tag}",
                                     summary="A community for the inquiry browser test.", visibility="open")
for member in (fiona, fraser):
    services.join(community, member)
inquiry = inquiries.start_inquiry(community, fiona, "How do we hear frontline voices {tag}?", "Because they know.")
inquiries.add_to_team(inquiry, fraser, fiona)
cycle = inquiries.open_cycle(inquiry, fiona, "Listen to first calls")
inquiries.write_entry(cycle, fiona, "plan", "We will each listen to five first calls.")
print(json.dumps({{"community": community.get_absolute_url(), "name": community.name, "question": inquiry.question}}))
"""


@pytest.fixture
def inquiry(site_database):
    return json.loads(run_in_site(SETUP.format(tag=uuid.uuid4().hex[:8]), site_database))


def signed_in_page(browser, base_url, username):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    sign_in(page, base_url, username)
    return page


def test_a_team_member_reflects_and_the_facilitator_moves_the_inquiry_to_its_next_cycle(browser, site_server, inquiry):
    page = signed_in_page(browser, site_server.url, "frontline")
    page.goto(site_server.url + inquiry["community"])
    page.get_by_role("link", name=f"Inquiries in {inquiry['name']}").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=inquiry["question"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(inquiry["question"])
    assert axe_violations(page) == []

    page.get_by_role("button", name="Add to cycle 1").click()  # nothing chosen, nothing written
    expect(page.locator("#error-summary")).to_contain_text("Choose what you are writing")
    assert axe_violations(page) == []
    page.locator("label.ds_radio__label", has_text="Reflection").click()  # the design system draws the radio
    page.get_by_role("button", name="Add to cycle 1").click()
    expect(page.locator("#error-summary")).to_contain_text("Write something before posting.")
    expect(page.get_by_label("Reflection")).to_be_checked()  # what was chosen is kept
    page.get_by_label("Your entry").fill("Listening first changed how *we* asked questions.")
    page.get_by_role("button", name="Add to cycle 1").click()
    reflection = page.locator("article", has_text="Listening first changed")
    expect(reflection.get_by_role("heading")).to_have_text("Reflection by Fraser Frontline")
    expect(reflection).to_contain_text("Frontline")
    table = page.locator("table[data-balance-table]")
    expect(table.locator("thead th").nth(1)).to_have_text("Frontline")
    expect(table.locator("tbody tr").first).to_contain_text("1 (1 person)")
    expect(page.get_by_role("img", name="Entries in each cycle, by level")).to_be_visible()
    expect(page.get_by_role("button", name="Close cycle 1")).to_have_count(0)  # team members do not

    facilitator = signed_in_page(browser, site_server.url, "facilitator")
    facilitator.goto(page.url.split("#")[0])
    facilitator.get_by_role("button", name="Close cycle 1").click()
    expect(facilitator.locator(".cop-messages")).to_contain_text("Cycle 1 is closed")
    facilitator.get_by_label("Its focus").fill("Try a warmer opening")
    facilitator.get_by_role("button", name="Open cycle 2").click()
    expect(facilitator.get_by_role("heading", name=re.compile("^Cycle 2: Try a warmer opening"))).to_be_visible()
    assert axe_violations(facilitator) == []
    facilitator.context.close()
    page.context.close()


def test_a_team_member_writes_the_inquiry_up_a_reviewer_publishes_it_and_it_credits_the_team(
    browser, site_server, inquiry
):
    page = signed_in_page(browser, site_server.url, "frontline")
    page.goto(site_server.url + inquiry["community"])
    page.get_by_role("link", name=f"Inquiries in {inquiry['name']}").click()
    page.get_by_role("link", name=inquiry["question"]).click()
    page.get_by_role("link", name="Write this up as a case study").click()
    expect(page.get_by_role("heading", name="Write this up as a case study", level=1)).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(inquiry["question"])
    expect(page.get_by_label("What was done")).to_have_value(
        "Cycle 1 (Listen to first calls): We will each listen to five first calls."
    )
    expect(page.get_by_role("radio", name="Collaborative action research")).to_be_checked()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Send to the editors").click()  # the council area is not known yet
    expect(page.locator(".ds_error-summary")).to_contain_text("Choose the council area")
    assert axe_violations(page) == []
    page.get_by_label("Council area").select_option(label="Dundee City")
    page.get_by_label("What changed").fill("First calls felt less like a test.")
    page.get_by_label("Lessons for others").fill("Listen before you assess.")
    page.get_by_role("button", name="Send to the editors").click()
    expect(page.get_by_role("heading", name="Your case study is with the editors", level=1)).to_be_visible()
    assert axe_violations(page) == []

    # The inquiry page tells the team it is with the editors; no one gets a link to the draft.
    page.goto(site_server.url + inquiry["community"])
    page.get_by_role("link", name=f"Inquiries in {inquiry['name']}").click()
    page.get_by_role("link", name=inquiry["question"]).click()
    written_up = page.locator("[data-write-ups]")
    expect(written_up).to_contain_text("Case study: In review")
    expect(written_up.get_by_role("link")).to_have_count(0)

    # A reviewer finds it awaiting review in Wagtail's admin and approves it: it is published.
    reviewer = sign_in_to_admin(browser, site_server, "reviewer")
    reviewer.get_by_role("link", name=inquiry["question"]).first.click()
    reviewer.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("has been updated", timeout=20_000)
    reviewer.context.close()

    # Back on the inquiry, the team follows it to the published case study, which credits them and links back.
    page.reload()
    expect(written_up).to_contain_text("Case study: Published")
    written_up.get_by_role("link", name=inquiry["question"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(inquiry["question"])
    credit = page.locator(".ds_summary-list__item", has_text="Written up by")
    expect(credit).to_contain_text("Fraser Frontline, with Fiona Facilitator")
    assert axe_violations(page) == []
    credit.get_by_role("link", name=inquiry["question"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(inquiry["question"])  # the inquiry again
    page.context.close()


ROOM_SETUP = """
import json
from django.contrib.auth import get_user_model
from forums import inquiries, services
from forums.models import Community, Membership
from rooms.models import Room
fiona = get_user_model().objects.get(username="facilitator")
community = Community.objects.create(name="Session check {tag}", slug="session-check-{tag}",
                                     summary="A community for the session browser test.", visibility="open")
Membership.objects.create(community=community, user=fiona, role="facilitator")
room = Room.objects.create(slug="session-check-{tag}", community=community, state=Room.State.OPEN,
                           title="Listening session {tag}", purpose="Hear first calls.", ground_rules="Listen.")
inquiry = inquiries.start_inquiry(community, fiona, "What do first calls tell us {tag}?", "They come first.")
inquiries.open_cycle(inquiry, fiona, "Hear calls together")
stage = {{"room": room.get_absolute_url(), "inquiry": inquiry.get_absolute_url(), "question": inquiry.question}}
print(json.dumps(stage))
"""


def test_the_facilitator_ends_a_room_session_and_adds_its_summary_to_the_open_cycle(
    browser, site_server, site_database
):
    stage = json.loads(run_in_site(ROOM_SETUP.format(tag=uuid.uuid4().hex[:8]), site_database))
    page = signed_in_page(browser, site_server.url, "facilitator")
    page.goto(site_server.url + stage["room"])
    page.get_by_role("link", name="Participation, scheduling and ending the session").click()
    choice = f"Add this session's summary to cycle 1 of “{stage['question']}”"
    page.locator("label.ds_radio__label", has_text=choice).click()  # the design system draws the radio
    page.get_by_label("Key points").fill("Callers want to be asked, not assessed.")
    page.get_by_role("button", name="End the session and post the summary").click()
    expect(page.locator(".cop-messages")).to_contain_text("added to cycle 1")
    page.goto(site_server.url + stage["inquiry"])
    observation = page.locator("article", has_text="Callers want to be asked, not assessed.")
    expect(observation.get_by_role("heading")).to_have_text("What we observed by Fiona Facilitator")
    expect(observation.get_by_role("link", name="Read the transcript")).to_be_visible()
    assert axe_violations(page) == []
    page.context.close()


def test_a_member_reports_an_entry_and_a_moderator_hides_it_from_the_queue(browser, site_server, inquiry):
    page = signed_in_page(browser, site_server.url, "practitioner")
    page.goto(site_server.url + inquiry["community"])
    page.get_by_role("link", name=f"Inquiries in {inquiry['name']}").click()
    page.get_by_role("link", name=inquiry["question"]).click()
    plan = page.locator("article", has_text="We will each listen to five first calls.")
    plan.locator("summary", has_text="Report").click()
    plan.locator("label", has_text="Off-topic").click()  # the design system draws the radio on the label
    assert axe_violations(page) == []
    plan.get_by_role("button", name="Send report").click()
    expect(page.locator(".cop-messages")).to_contain_text("the moderators will look at this entry")
    expect(page.locator("article", has_text="We will each listen").get_by_text("Reported")).to_be_visible()

    moderator = signed_in_page(browser, site_server.url, "moderator")
    moderator.goto(f"{site_server.url}/moderation/")
    item = moderator.locator("section", has_text=inquiry["question"]).filter(has_text="Off-topic").first
    item.get_by_label("Why (told to the author; needed to hide)").fill("Not part of this inquiry")
    item.get_by_role("button", name=re.compile("^Hide")).click()
    expect(moderator.locator(".cop-messages")).to_contain_text("The entry is hidden.")
    page.reload()
    expect(page.get_by_text("We will each listen to five first calls.")).to_have_count(0)
    moderator.context.close()
    page.context.close()
