"""Every page type, as each kind of member sees it with the demo content, is valid HTML.

The pages are rendered with Django's test client, written to files and checked in one run of the
W3C Nu HTML checker (`vnu-jar` from npm, on the machine's Java): starting the JVM once for all of
them keeps the test to seconds. A page with an error fails the test, which lists each error with the
page, the member who saw it and the line. Wagtail's admin is Wagtail's own markup and is not checked;
the editors' insights dashboard, which is ours, is.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory
from wagtail.models import Page

from search.service import forget_glossary
from tests.services import unavailable

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Rendered:
    label: str
    member: str
    url: str
    html: str
    status: int = 200


def vnu_command():
    """java -jar vnu.jar, or skip (fail when services are required) if either is missing."""
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not on PATH for the Nu HTML checker")
    if not VNU_JAR.exists():
        unavailable(f"the Nu HTML checker is not installed ({VNU_JAR.relative_to(ROOT)}: run npm ci)")
    return [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]


def validate(pages, folder):
    """{file name: [vnu messages]} for the pages, in one run of the checker."""
    command = vnu_command()
    files = {}
    for number, page in enumerate(pages):
        path = folder / f"{number:03d}.html"
        path.write_text(page.html, encoding="utf-8")
        files[path.name] = page
    result = subprocess.run(
        [*command, *(str(folder / name) for name in files)], capture_output=True, text=True, timeout=300
    )
    report = json.loads(result.stderr or result.stdout)
    errors = {}
    for message in report["messages"]:
        if message.get("type") in {"error", "non-document-error"}:
            name = Path(message.get("url", "")).name
            errors.setdefault(files.get(name, name), []).append(message)
    return errors


def describe(errors):
    lines = []
    for page, messages in errors.items():
        where = f"{page.label} as {page.member} ({page.url})" if isinstance(page, Rendered) else str(page)
        for message in messages:
            lines.append(f"{where}, line {message.get('lastLine', '?')}: {message['message']}")
    return "\n".join(lines)


# --- the pages --------------------------------------------------------------------------------------
MEMBERS = ("visitor", "practitioner", "facilitator", "moderator", "editor")


# Pages that must render themselves (200) for these members, so the check sees the real page.
MEANT_FOR = [
    ("search results", "visitor"),
    ("My learning", "practitioner"),
    ("notifications", "practitioner"),
    ("moderation queue", "moderator"),
    ("insights dashboard", "editor"),
    ("thread in a open community", "visitor"),
    ("new thread", "practitioner"),
    ("room", "facilitator"),
    ("room transcript", "facilitator"),
    ("inquiry", "facilitator"),
    ("share your practice", "practitioner"),
    ("edit profile", "practitioner"),
]


def client_for(member):
    client = Client()
    if member != "visitor":
        client.force_login(get_user_model().objects.get(username=member))
    return client


def first_url(model, **filters):
    page = model.objects.live().filter(**filters).first()
    return page.url if page else None


def page_urls():
    """(label, url, who) for every page type in the demo content; who: members who see the page."""
    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from forums.models import Community, Inquiry, Thread
    from learning.models import (
        EvidenceIndexPage,
        EvidenceSummaryPage,
        GuideIndexPage,
        HomePage,
        LearningPathwayPage,
        PathwayIndexPage,
        PracticeGuidePage,
    )
    from rooms.models import Room, RoomSession

    everyone = MEMBERS
    signed_in = MEMBERS[1:]
    urls = [
        ("home page", first_url(HomePage), everyone),
        ("case study", first_url(CaseStudyPage), everyone),
        ("evidence summary", first_url(EvidenceSummaryPage), everyone),
        ("practice guide", first_url(PracticeGuidePage), everyone),
        ("learning pathway", first_url(LearningPathwayPage), everyone),
        ("glossary", "/glossary/", ("visitor", "practitioner")),
        ("search form", "/search/", ("visitor",)),
        ("search results", "/search/?q=participatory+budgeting", ("visitor", "practitioner")),
        ("search results filtered", "/search/?q=support&type=case_study", ("visitor",)),
        ("communities", "/communities/", everyone),
        ("sign in", "/accounts/login/", ("visitor",)),
        ("sign up", "/accounts/signup/", ("visitor",)),
        ("password reset", "/accounts/password/reset/", ("visitor",)),
        ("email addresses", "/accounts/email/", ("practitioner",)),
        ("change password", "/accounts/password/change/", ("practitioner",)),
        ("My learning", "/my-learning/", signed_in),
        ("profile", "/members/practitioner/", everyone),
        ("edit profile", "/members/me/edit/", ("practitioner",)),
        ("your data", "/members/me/data/", ("practitioner",)),
        ("delete account", "/members/me/delete/", ("practitioner",)),
        ("notifications", "/notifications/", signed_in),
        ("moderation queue", "/moderation/", ("moderator",)),
        ("moderation log", "/moderation/log/", ("moderator",)),
        ("suspensions", "/moderation/suspensions/", ("moderator",)),
        ("insights dashboard", "/admin/insights/", ("editor",)),
        ("share your practice", "/share-your-practice/", ("visitor", "practitioner")),
        ("API documentation", "/api/v1/docs", ("visitor",)),
        ("page not found", "/no-such-page/", ("visitor", "practitioner")),
    ]
    for model in (CaseStudyIndexPage, EvidenceIndexPage, GuideIndexPage, PathwayIndexPage):
        index = model.objects.live().first()
        if index is None:
            continue
        urls.append((f"{model._meta.verbose_name}", index.url, everyone))
        urls.append((f"{model._meta.verbose_name} filtered", f"{index.url}?{filtered_query(index)}", ("visitor",)))
        urls.append((f"{model._meta.verbose_name} with a bad filter", f"{index.url}?theme=nothing", ("visitor",)))
    for community in Community.objects.all():
        urls.append((f"community {community.visibility}", community.get_absolute_url(), everyone))
        thread = Thread.objects.filter(community=community).first()
        if thread is not None:
            urls.append((f"thread in a {community.visibility} community", thread.get_absolute_url(), everyone))
    community = Community.objects.first()
    urls.append(("new thread", f"{community.get_absolute_url()}threads/new/", signed_in))
    for inquiry in Inquiry.objects.select_related("community"):
        urls.append(("inquiries", f"{inquiry.community.get_absolute_url()}inquiries/", everyone))
        urls.append(("new inquiry", f"{inquiry.community.get_absolute_url()}inquiries/new/", ("facilitator",)))
        urls.append(("inquiry", inquiry.get_absolute_url(), everyone))
    for room in Room.objects.all():
        urls.append(("room", f"/rooms/{room.slug}/", everyone))
    for session in RoomSession.objects.select_related("room")[:2]:
        urls.append(("room transcript", f"/rooms/{session.room.slug}/transcript/{session.pk}/", signed_in))
    return [(label, url, who) for label, url, who in urls if url]


def filtered_query(index):
    """A query string applying the index's first filter's first choice."""
    from learning.models.filters import FILTERS

    for name in index.specific.filter_names:
        choices = FILTERS[name].choices()
        if choices:
            return f"{name}={choices[0][0]}"
    return ""


def server_error_page():
    """The designed 500 page, as the site's handler renders it."""
    from django.urls import get_resolver

    handler = get_resolver().resolve_error_handler(500)
    response = handler(RequestFactory().get("/"))
    return Rendered("server error", "visitor", "(500)", response.content.decode(), response.status_code)


def end_a_session():
    """The demo has rooms but no ended session: hold one, so a transcript and a closed room are checked."""
    from rooms import access
    from rooms.messages import send_message
    from rooms.models import Room
    from rooms.sessions import end_session

    facilitator = get_user_model().objects.get(username="facilitator")
    room = next(room for room in Room.objects.all() if access.is_facilitator(room, facilitator))
    send_message(room, facilitator, "Welcome: what does **SDS** look like where you work?", "html-1")
    member = get_user_model().objects.get(username="practitioner")
    if access.refusal(room, member) is None:
        send_message(room, member, "A thought I would rather share without my name.", "html-2", anonymous=True)
    end_session(room, facilitator, "We shared what self-directed support looks like.", "Meet again next month.")


def start_an_inquiry():
    """The demo has no inquiry yet: a facilitator starts one, opens a cycle and writes its plan."""
    from forums import inquiries
    from forums.models import Community

    facilitator = get_user_model().objects.get(username="facilitator")
    community = next(c for c in Community.objects.all() if c.is_member(facilitator) and c.can_read(None))
    inquiry = inquiries.start_inquiry(
        community,
        facilitator,
        "How do we reach people who never come to meetings?",
        "Our PB rounds reach the same few.",
    )
    cycle = inquiries.open_cycle(inquiry, facilitator, "Street stalls before the next vote")
    inquiries.write_entry(cycle, facilitator, "plan", "Two stalls, one at the school gate and one at the food bank.")
    return inquiry


def render_all():
    pages, failures = [], []
    for label, url, who in page_urls():
        for member in who:
            response = client_for(member).get(url, follow=True)  # a redirect: check where it lands
            content_type = response.get("Content-Type", "")
            if "html" not in content_type:
                failures.append(f"{label} as {member} ({url}) is {content_type}")
                continue
            pages.append(Rendered(label, member, url, response.content.decode(), response.status_code))
    pages.append(server_error_page())
    return pages, failures


def test_every_page_type_is_valid_html_for_every_kind_of_member(tmp_path, settings):
    vnu_command()  # skip or fail before the slow part when the checker cannot run
    settings.ELASTICSEARCH_URL = ""
    settings.DEBUG = True  # load_demo_content refuses to run on what looks like production
    call_command("load_demo_content", verbosity=0)
    settings.DEBUG = False  # the pages as production serves them (the designed error pages)
    forget_glossary()
    from search.rebuild import rebuild

    rebuild()
    cache.clear()  # the demo's own posts count against its members' rate limits
    end_a_session()
    start_an_inquiry()
    assert Page.objects.live().count() > 30
    pages, failures = render_all()
    assert not failures, "\n".join(failures)
    assert len({page.label for page in pages}) >= 30
    shown = {(page.label, page.member): page for page in pages}
    for label, member in MEANT_FOR:  # the page itself, not a sign-in page or a refusal
        assert shown[label, member].status == 200, f"{label} as {member}: {shown[label, member].status}"
    assert "result" in shown["search results", "visitor"].html
    errors = validate(pages, tmp_path)
    assert not errors, f"{sum(map(len, errors.values()))} HTML errors:\n{describe(errors)}"


def test_the_check_finds_an_error_and_names_its_page(tmp_path):
    page = Rendered("a broken page", "visitor", "/broken/", '<!DOCTYPE html><html lang="en"><title>x</title><p><div>')
    good = Rendered("a good page", "visitor", "/good/", '<!DOCTYPE html><html lang="en"><title>x</title><p>Fine.')
    errors = validate([page, good], tmp_path)
    assert list(errors) == [page]
    assert "a broken page as visitor (/broken/), line 1:" in describe(errors)


def test_machine_readable_times_carry_at_most_milliseconds():
    from datetime import UTC, date, datetime

    from django.template import Context, Template

    from cop_site.dates import iso_datetime

    assert iso_datetime(datetime(2026, 3, 9, 10, 5, 7, 123456, tzinfo=UTC)) == "2026-03-09T10:05:07.123+00:00"
    assert iso_datetime(datetime(2026, 3, 9, 10, 5, 7, tzinfo=UTC)) == "2026-03-09T10:05:07+00:00"
    assert iso_datetime(date(2026, 3, 9)) == "2026-03-09"
    assert iso_datetime(None) == ""
    # in templates, in the site's time zone (UK: summer time in June)
    rendered = Template("{{ when|iso_datetime }}").render(Context({"when": datetime(2026, 6, 1, 9, 0, 0, 5, UTC)}))
    assert rendered == "2026-06-01T10:00:00.000+01:00"


def test_no_template_writes_microseconds_into_a_page():
    """`|date:'c'` writes six fractional digits, which HTML rejects: templates use `|iso_datetime`."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
        and "node_modules" not in path.parts
        and ("date:'c'" in path.read_text() or 'date:"c"' in path.read_text())
    ]
    assert offenders == []
