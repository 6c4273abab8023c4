"""In a real browser: a member reports a post from the thread page, a moderator hides it from the queue,
and visitors no longer see it.

The thread page with Report open, the moderation queue and the notifications list pass axe-core along the way.
"""

import json
import subprocess
import sys
import uuid

import pytest

from tests.conftest import ROOT, server_environment
from tests.e2e.conftest import axe_violations

PASSWORD = "demo-pass-2026"  # load_demo_content's default COP_DEMO_PASSWORD
TIMEOUT_MS = 20_000

# Run inside the site's database: Priya (practitioner) starts a thread in an open community and Fraser
# (frontline) replies to it, so Priya has a notification and there is a post of someone else's to flag.
SETUP = """
import json
from django.contrib.auth import get_user_model
from forums import services
from forums.models import Community
User = get_user_model()
priya, fraser = User.objects.get(username="practitioner"), User.objects.get(username="frontline")
community = Community.objects.create(name="Moderation check {tag}", slug="moderation-check-{tag}",
                                     summary="A community for the moderation browser test.", visibility="open")
for member in (priya, fraser):
    services.join(community, member)
thread = services.start_thread(community, priya, "Locality plans {tag}", "How did you write your locality plan?")
reply = services.post_reply(thread, fraser, "Buy cheap watches at example.com {tag}")
print(json.dumps({{"thread_url": thread.get_absolute_url(), "post_id": reply.pk}}))
"""


@pytest.fixture
def flaggable_post(site_database):
    tag = uuid.uuid4().hex[:8]
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP.format(tag=tag)],
        cwd=ROOT,
        env=server_environment(DATABASE_URL=site_database),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return {"tag": tag, **json.loads(result.stdout.strip().splitlines()[-1])}


def signed_in(browser, server, username):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Username or email address").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


@pytest.mark.e2e
def test_a_moderator_hides_a_flagged_post_from_the_queue_and_visitors_no_longer_see_it(
    browser, site_server, flaggable_post
):
    spam = f"Buy cheap watches at example.com {flaggable_post['tag']}"
    visitor = browser.new_page()
    visitor.goto(f"{site_server.url}{flaggable_post['thread_url']}")
    assert spam in visitor.content()

    # Priya reports Fraser's post from the thread page: Report opens in place, and passes axe open.
    priya = signed_in(browser, site_server, "practitioner")
    priya.goto(f"{site_server.url}{flaggable_post['thread_url']}")
    post = priya.locator(f"#post-{flaggable_post['post_id']}")
    opening = priya.locator("article[data-post]").first  # her own post offers no Report
    assert opening.locator(":scope > .cop-post__actions [data-report]").count() == 0
    post.locator("summary", has_text="Report").click()
    form = post.locator("form[data-report-form]")
    form.get_by_role("group", name="Why are you reporting this post?").wait_for()
    assert axe_violations(priya) == []
    form.locator("label", has_text="Spam or advertising").click()  # the design system draws the radio on the label
    form.get_by_label("Anything the moderators should know (optional)").fill("Advertising watches")
    form.get_by_role("button", name="Send report").click()
    priya.wait_for_load_state()
    assert "the moderators will look at this post" in priya.locator(".cop-messages").inner_text()
    assert priya.url.endswith(f"#post-{flaggable_post['post_id']}")
    reported = priya.locator(f"#post-{flaggable_post['post_id']} [data-reported]")
    assert reported.inner_text().startswith("Reported")
    assert priya.locator(f"#post-{flaggable_post['post_id']} summary", has_text="Report").count() == 0
    # Her notifications list (Fraser replied in her thread) passes axe.
    priya.goto(f"{site_server.url}/notifications/")
    assert priya.get_by_role("heading", level=1).inner_text() == "Notifications"
    assert "frontline" in priya.content().lower() or "Fraser" in priya.content()
    assert axe_violations(priya) == []

    # Morag opens the queue, which passes axe, and hides the post with a reason.
    morag = signed_in(browser, site_server, "moderator")
    morag.get_by_role("link", name="Moderation").click()
    morag.wait_for_load_state()
    assert morag.get_by_role("heading", level=1).inner_text() == "Moderation queue"
    item = morag.locator(f"#queue-post-{flaggable_post['post_id']}")
    assert "Advertising watches" in item.inner_text()
    assert axe_violations(morag) == []
    item.get_by_label("Why (told to the author; needed to hide)").fill("Advertising is not allowed here")
    item.get_by_role("button", name="Hide").click()
    morag.wait_for_load_state()
    assert "Post hidden." in morag.content()
    morag.goto(f"{site_server.url}/moderation/log/")
    assert "Advertising is not allowed here" in morag.content()
    assert axe_violations(morag) == []

    visitor.goto(f"{site_server.url}{flaggable_post['thread_url']}")
    assert "How did you write your locality plan?" in visitor.content()
    assert spam not in visitor.content()
    for page in (visitor, priya, morag):
        page.context.close()


WIDTHS = {"desktop": 1280, "mobile": 375}
MODERATOR_PAGES = ["/moderation/", "/moderation/log/", "/moderation/suspensions/?username=frontline"]


@pytest.mark.e2e
@pytest.mark.parametrize("width", WIDTHS)
def test_moderation_and_notification_pages_have_no_axe_violations(browser, site_server, flaggable_post, width):
    priya = signed_in(browser, site_server, "practitioner")
    priya.set_viewport_size({"width": WIDTHS[width], "height": 900})
    for path in ["/notifications/", f"/moderation/posts/{flaggable_post['post_id']}/flag/"]:
        priya.goto(f"{site_server.url}{path}")
        assert priya.locator("h1").count() == 1, path
        assert axe_violations(priya) == [], path
    # The flag form showing its error: no reason chosen.
    priya.get_by_role("button", name="Flag this post").click()
    priya.wait_for_load_state()
    assert "Choose why" in priya.content()
    assert axe_violations(priya) == []

    morag = signed_in(browser, site_server, "moderator")
    morag.set_viewport_size({"width": WIDTHS[width], "height": 900})
    for path in MODERATOR_PAGES:
        morag.goto(f"{site_server.url}{path}")
        assert morag.locator("h1").count() == 1, path
        assert axe_violations(morag) == [], path
    priya.context.close()
    morag.context.close()
