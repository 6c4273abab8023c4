"""In a real browser: a member starts a demo pathway, reflects on step one, shares it, marks every step done.

Each run signs up nobody through the form (allauth would want an email confirmed); it creates a
fresh, verified member in the site's database instead, so the walk always starts from no progress
whatever other tests did to the shared demo database. The pathway page (anonymous and in
progress) and the reflection and sharing forms pass axe-core.
"""

import re
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, server_environment
from tests.e2e.conftest import DEMO_PASSWORD, axe_violations, sign_in

PATHWAY = "/pathways/hearing-the-frontline/"

pytestmark = pytest.mark.e2e

NEW_MEMBER = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from forums import services
from forums.models import Community
user = get_user_model().objects.create_user("{username}", "{username}@example.org", "{password}",
                                            first_name="Pat", last_name="Walker")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
community = Community.objects.create(name="Reflections {username}", slug="reflections-{username}",
                                     summary="Where walkers share reflections.", visibility="open")
services.join(community, user)
"""


@pytest.fixture
def new_member(site_database):
    username = f"walker-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", NEW_MEMBER.format(username=username, password=DEMO_PASSWORD)],
        cwd=ROOT,
        env=server_environment(DATABASE_URL=site_database),
        check=True,
        capture_output=True,
        timeout=120,
    )
    return username


def test_anonymous_visitor_is_invited_to_sign_in_and_the_page_passes_axe(site_server, page):
    page.goto(f"{site_server.url}{PATHWAY}")
    link = page.get_by_role("link", name="Sign in to track your progress")
    expect(link).to_be_visible()
    expect(page.get_by_role("button", name="Start this pathway")).to_have_count(0)
    assert axe_violations(page) == []

    link.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=" + re.escape(PATHWAY) + "$"))


def test_member_starts_reflects_and_completes_a_pathway(site_server, page, new_member):
    sign_in(page, site_server.url, new_member)
    page.goto(f"{site_server.url}{PATHWAY}")
    page.get_by_role("button", name="Start this pathway").click()
    expect(page.locator("#progress")).to_contain_text("steps done")  # the page after starting has loaded

    steps = page.locator(".cop-steps--pathway > li")
    expect(steps.first).to_be_visible()
    total = steps.count()
    assert total >= 2
    progress = page.locator("#progress")
    expect(progress).to_contain_text(f"0 of {total} steps done")
    expect(page.get_by_role("progressbar", name=f"0 of {total} steps done")).to_be_visible()
    assert axe_violations(page) == []

    # A private reflection on step one, in the four parts of the action-research cycle.
    page.get_by_role("link", name="Write your reflection on step 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your reflection on")
    expect(page.locator(".cop-reflection")).to_contain_text("Reflect:")
    assert axe_violations(page) == []
    words = {
        "Plan": "Ask the frontline team what gets in the way, before the planning day.",
        "Act": "Held three short listening sessions on the late shift.",
        "Observe": f"People named the rota as the barrier ({new_member}).",
        "Reflect": "Next time bring managers to the second session, not the first.",
    }
    for label, text in words.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Save your reflection").click()
    expect(page.locator(".cop-messages")).to_contain_text("Only you can see it")
    page.get_by_role("link", name="Edit your reflection on step 1").click()
    expect(page.get_by_label("Observe", exact=True)).to_have_value(words["Observe"])

    # Shared by its author to a community they belong to, edited before posting.
    page.get_by_role("link", name="Share this reflection to a community").click()
    expect(page.get_by_label("Thread title")).to_have_value(re.compile(r"^Reflection on .+ \(Hearing the frontline"))
    expect(page.get_by_label("Your reflection")).to_have_value(re.compile(r"\*\*Observe\*\*\s+People named the rota"))
    assert axe_violations(page) == []
    community = f"Reflections {new_member}"
    page.get_by_label("Community").select_option(label=community)
    page.get_by_label("Your reflection").press("End")
    page.get_by_label("Your reflection").type("\n\nHas anyone tried this with night shifts?")
    page.get_by_role("button", name="Post to the community").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reflection on")
    expect(page.locator("main")).to_contain_text("People named the rota as the barrier")
    expect(page.locator("main")).to_contain_text("Has anyone tried this with night shifts?")
    thread_path = urlsplit(page.url).path

    page.goto(f"{site_server.url}{PATHWAY}")
    shared = page.locator(".cop-steps--pathway > li").first.get_by_role("link", name=community)
    expect(shared).to_have_attribute("href", thread_path)

    # Every step done, one by one: progress counts up, then the pathway is completed.
    for number in range(1, total + 1):
        page.get_by_role("button", name=f"Mark step {number} as done").click()
        expect(progress).to_contain_text(f"{number} of {total} steps done")
        expect(page.locator(".cop-steps--pathway > li").nth(number - 1).locator(".ds_tag")).to_have_text("Done")
    expect(progress).to_contain_text("You completed this pathway on")
    expect(page.locator(".cop-messages")).to_contain_text("completed")
    assert axe_violations(page) == []

    # Undo one step: no longer complete.
    page.get_by_role("button", name="Mark step 1 as not done").click()
    expect(progress).to_contain_text(f"{total - 1} of {total} steps done")
    expect(progress).not_to_contain_text("You completed")
