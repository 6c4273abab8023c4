"""My learning kept per member: a repeat view is read from the cache, and every change that concerns it shows at once.

Saving and removing, progress on a pathway, "used in practice", a read, followed themes, a reply in a
member's community, a notification, a publish or unpublish or new restriction of a saved page, a
community closing, a membership, a session scheduled or ending, a reviewer's decision: each shows on
the very next view. One member's page never reaches another.
"""

from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from casestudies.proposals import propose
from forums import services as forum_services
from forums.models import Notification
from learning.models import Theme
from mylearning import pathways, reading, saving
from tests.casestudies.test_proposals import act, valid
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    GuideFactory,
    MemberFactory,
    PathwayFactory,
    RoomFactory,
    ScheduledSessionFactory,
    case_study_index,
    editorial_user,
    member_of,
    restrict_view,
)
from tests.pages import signed_in

pytestmark = pytest.mark.django_db

URL = "/my-learning/"


@pytest.fixture(autouse=True)
def no_rate_limits(monkeypatch):
    monkeypatch.setattr(forum_services, "rate_limit", lambda user: None)


@pytest.fixture
def priya():
    return MemberFactory(username="priya", first_name="Priya", last_name="Practitioner")


@pytest.fixture
def fraser():
    return MemberFactory(username="fraser", first_name="Fraser", last_name="Frontline")


def view(client):
    response = client.get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_text(soup, heading_id):
    return " ".join(soup.find(id=heading_id).find_parent("section").get_text().split())


def titles(soup, heading_id):
    return [" ".join(h.get_text().split()) for h in soup.find(id=heading_id).find_parent("section").select("h3")]


def steps_through(*pages):
    return [("step", {"page": page, "why": "Why.", "reflection_prompt": "Learned?"}) for page in pages]


def test_a_repeat_view_asks_the_database_for_nothing_but_the_session_and_the_member(fragment_cache, priya):
    community = CommunityFactory(name="Evidence use")
    member_of(community, priya)
    forum_services.start_thread(community, priya, "Reading a review", "Where do I start?")
    for n in range(3):
        page = GuideFactory(title=f"Guide {n}")
        saving.save_bookmark(priya, "page", page.pk)
        reading.record_read(page, priya)
    steps = steps_through(GuideFactory(), GuideFactory())
    pathways.start(priya, PathwayFactory(title="Facilitation basics", steps=steps))
    client = signed_in(priya)
    first = view(client)

    with CaptureQueriesContext(connection) as again:
        soup = view(client)

    assert soup.find(class_="ds_layout__content").get_text() == first.find(class_="ds_layout__content").get_text()
    assert titles(soup, "saved") == ["Guide 2", "Guide 1", "Guide 0"]
    assert titles(soup, "in-progress") == ["Facilitation basics"]
    assert titles(soup, "recently-read") == ["Guide 2", "Guide 1", "Guide 0"]
    tables = sorted(next((t for t in TABLES if t in query["sql"]), "?") for query in again.captured_queries)
    assert tables == ["auth_user", "django_session"]


TABLES = ("django_session", "auth_user")


def test_reading_a_page_shows_in_recently_read_at_once_and_leaves_the_rest_kept(fragment_cache, priya):
    community = CommunityFactory(name="Evidence use")
    member_of(community, priya)
    forum_services.start_thread(community, priya, "Reading a review", "Where do I start?")
    saving.save_bookmark(priya, "page", GuideFactory(title="Saved guide").pk)
    pathways.start(
        priya, PathwayFactory(title="Facilitation basics", steps=steps_through(GuideFactory(), GuideFactory()))
    )
    CaseStudyFactory(title="On the same theme", themes=["Tenant participation"])
    read = CaseStudyFactory(title="Read just now", themes=["Tenant participation"])
    client = signed_in(priya)
    before = view(client)
    assert titles(before, "recently-read") == []
    assert "On the same theme" not in titles(before, "recommended")

    reading.record_read(read, priya)
    with CaptureQueriesContext(connection) as after:
        soup = view(client)

    assert titles(soup, "recently-read") == ["Read just now"]
    assert titles(soup, "recommended") == ["On the same theme"]  # because they read it: worked out afresh
    for heading_id in ("in-progress", "saved", "activity", "case-study-proposals"):
        assert section_text(soup, heading_id) == section_text(before, heading_id)
    sql = " ".join(query["sql"] for query in after.captured_queries)
    for rebuilt_only in ("learning_pathwayenrolment", "forums_post", "casestudies_proposal", "rooms_scheduledsession"):
        assert rebuilt_only not in sql  # the rest of the page came from the cache

    restrict_view(read)  # a page they may no longer see leaves Recently read at once, by the same rule
    assert titles(view(client), "recently-read") == []


def test_with_nothing_changed_the_page_is_the_html_it_was(fragment_cache, priya):
    reading.record_read(GuideFactory(title="Read before"), priya)
    client = signed_in(priya)
    first, again = client.get(URL).content, client.get(URL).content
    assert again == first
    soup = BeautifulSoup(first, "html.parser")
    headings = [section.h2["id"] for section in soup.find(class_="ds_layout__content").find_all("section")]
    assert headings[-3:] == ["recommended", "recently-read", "case-study-proposals"]  # in their place, once each
    assert titles(soup, "recently-read") == ["Read before"]
    assert b"my-learning:" not in first  # the hole was filled


def test_a_kept_remove_button_carries_this_requests_csrf_token_and_works(fragment_cache, priya):
    guide = GuideFactory(title="Running a safe dialogue")
    saving.save_bookmark(priya, "page", guide.pk)
    client = signed_in(priya, csrf=True)
    view(client)
    form = view(client).find(id="saved").find_parent("section").find("form")  # the kept one

    data = {field["name"]: field["value"] for field in form.find_all("input")}
    response = client.post(form["action"], data)

    assert response.status_code == 302
    assert titles(view(client), "saved") == []


def test_saving_and_removing_show_at_once(fragment_cache, priya):
    guide = GuideFactory(title="Running a safe dialogue")
    client = signed_in(priya)
    assert titles(view(client), "saved") == []
    saving.save_bookmark(priya, "page", guide.pk)
    assert titles(view(client), "saved") == ["Running a safe dialogue"]
    saving.remove_bookmark(priya, "page", guide.pk)
    assert titles(view(client), "saved") == []


def test_progress_on_a_pathway_shows_at_once(fragment_cache, priya):
    pathway = PathwayFactory(title="Facilitation basics", steps=steps_through(GuideFactory(), CaseStudyFactory()))
    client = signed_in(priya)
    assert titles(view(client), "in-progress") == []
    pathways.start(priya, pathway)
    assert "0 of 2 steps done" in section_text(view(client), "in-progress")
    pathways.mark_done(priya, pathway, pathway.steps[0].id)
    assert "1 of 2 steps done" in section_text(view(client), "in-progress")
    pathways.mark_done(priya, pathway, pathway.steps[1].id)
    soup = view(client)
    assert titles(soup, "in-progress") == []
    assert titles(soup, "completed") == ["Facilitation basics"]


def test_marking_used_in_practice_works_the_page_out_afresh(fragment_cache, priya):
    guide = GuideFactory(title="Running a safe dialogue")
    client = signed_in(priya)
    view(client)
    saving.record_practice_use(priya, guide, "We used it in a tenants' meeting.")
    with CaptureQueriesContext(connection) as after:
        view(client)
    assert any("learning_pathwayenrolment" in query["sql"] for query in after.captured_queries)


def test_a_read_and_a_followed_theme_show_at_once(fragment_cache, priya):
    read = GuideFactory(title="Read just now")
    CaseStudyFactory(title="On your theme", themes=["Tenant participation"])
    client = signed_in(priya)
    assert titles(view(client), "recently-read") == []
    reading.record_read(read, priya)
    assert titles(view(client), "recently-read") == ["Read just now"]
    priya.profile.themes_of_interest.add(Theme.objects.get(name="Tenant participation"))
    assert "On your theme" in titles(view(client), "recommended")


def test_a_reply_in_a_followed_thread_and_a_notification_show_at_once(fragment_cache, priya, fraser):
    community = CommunityFactory(name="Evidence use")
    member_of(community, priya)
    member_of(community, fraser)
    thread = forum_services.start_thread(community, priya, "Reading a review", "Where do I start?")
    forum_services.set_following(thread, priya, True)
    client = signed_in(priya)
    assert "Fraser Frontline replied" not in section_text(view(client), "activity")

    forum_services.post_reply(thread, fraser, "With the abstract.")

    soup = view(client)
    assert "Fraser Frontline replied in Evidence use" in section_text(soup, "activity")
    assert Notification.objects.filter(recipient=priya).exists()
    assert "unread" in soup.find(href="/notifications/").get_text()


def test_a_saved_page_unpublished_restricted_or_retitled_shows_so_at_once(fragment_cache, priya):
    guide = GuideFactory(title="Running a safe dialogue")
    saving.save_bookmark(priya, "page", guide.pk)
    client = signed_in(priya)
    assert titles(view(client), "saved") == ["Running a safe dialogue"]

    guide.unpublish()
    assert titles(view(client), "saved") == []
    guide.title = "Running a safe dialogue, second edition"
    guide.save_revision().publish()
    assert titles(view(client), "saved") == ["Running a safe dialogue, second edition"]
    restriction = restrict_view(guide, PageViewRestriction.LOGIN)
    assert "second edition" not in view(client).get_text()
    restriction.delete()
    assert titles(view(client), "saved") == ["Running a safe dialogue, second edition"]


def test_a_saved_thread_whose_community_closes_goes_at_once(fragment_cache, priya, fraser):
    community = CommunityFactory(name="Housing", visibility="open")
    member_of(community, fraser)
    thread = forum_services.start_thread(community, fraser, "Housing first", "What worked?")
    saving.save_bookmark(priya, "thread", thread.pk)
    client = signed_in(priya)
    assert titles(view(client), "saved") == ["Housing first"]

    community.visibility = "private"
    community.save()

    assert "Housing first" not in view(client).get_text()


def test_a_saved_thread_moved_to_a_community_that_then_closes_goes_at_once(fragment_cache, priya, fraser):
    housing, elsewhere = CommunityFactory(name="Housing"), CommunityFactory(name="Elsewhere")
    member_of(housing, fraser)
    thread = forum_services.start_thread(housing, fraser, "Housing first", "What worked?")
    saving.save_bookmark(priya, "thread", thread.pk)
    client = signed_in(priya)
    assert "Discussion in Housing" in section_text(view(client), "saved")

    thread.community = elsewhere
    thread.save()
    assert "Discussion in Elsewhere" in section_text(view(client), "saved")
    elsewhere.visibility = "private"
    elsewhere.save()

    assert "Housing first" not in view(client).get_text()


def test_joining_and_leaving_a_community_show_at_once(fragment_cache, priya, fraser):
    private = CommunityFactory(name="Leaders", visibility="private")
    member_of(private, fraser)
    forum_services.start_thread(private, fraser, "Budget worries", "Only for us.")
    client = signed_in(priya)
    assert "Budget worries" not in view(client).get_text()

    membership = member_of(private, priya)
    assert titles(view(client), "activity") == ["Budget worries"]
    membership.delete()
    assert "Budget worries" not in view(client).get_text()


def test_a_session_scheduled_shows_at_once_and_goes_when_it_ends(fragment_cache, priya):
    community = CommunityFactory(name="Evidence use")
    member_of(community, priya)
    client = signed_in(priya)
    assert "Reading reviews together" not in view(client).get_text()

    now = timezone.now()
    ScheduledSessionFactory(
        room=RoomFactory(community=community),
        topic="Reading reviews together",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
    )
    assert "Reading reviews together" in view(client).get_text()
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=3)):
        assert "Reading reviews together" not in view(client).get_text()


def test_a_room_moved_to_a_private_community_takes_its_session_off_at_once(fragment_cache, priya):
    open_one, private = CommunityFactory(name="Evidence use"), CommunityFactory(name="Board", visibility="private")
    member_of(open_one, priya)
    room = RoomFactory(community=open_one)
    ScheduledSessionFactory(room=room, topic="Reading reviews together")
    client = signed_in(priya)
    assert "Reading reviews together" in view(client).get_text()

    room.community = private
    room.save()

    assert "Reading reviews together" not in view(client).get_text()


def test_a_reviewers_decision_on_a_proposal_shows_at_once(fragment_cache, priya, django_capture_on_commit_callbacks):
    case_study_index()
    reviewer = editorial_user("Reviewers", username="ruaridh")
    proposal = propose(priya, valid(title="Tenants shape repairs"))
    client = signed_in(priya)
    assert "In review" in section_text(view(client), "case-study-proposals")

    with django_capture_on_commit_callbacks(execute=True):
        act(proposal.page, reviewer, "reject", comment="Say how many tenants took part.")

    text = section_text(view(client), "case-study-proposals")
    assert "Changes requested" in text
    assert "Say how many tenants took part." in text


def test_a_reply_nobody_is_told_of_in_the_members_community_shows_at_once(fragment_cache, priya, fraser):
    community = CommunityFactory(name="Evidence use")
    member_of(community, priya)
    member_of(community, fraser)
    thread = forum_services.start_thread(community, fraser, "Housing first", "What worked?")
    client = signed_in(priya)
    assert titles(view(client), "activity") == ["Housing first"]
    notified = Notification.objects.filter(recipient=priya).count()

    forum_services.post_reply(thread, fraser, "Starting small.")

    assert Notification.objects.filter(recipient=priya).count() == notified
    assert titles(view(client), "activity") == ["Housing first", "Housing first"]


def test_one_members_page_never_reaches_another(fragment_cache, priya, fraser):
    saving.save_bookmark(priya, "page", GuideFactory(title="Priya's guide").pk)
    saving.save_bookmark(fraser, "page", GuideFactory(title="Fraser's guide").pk)
    priyas, frasers = signed_in(priya), signed_in(fraser)
    for _round in range(2):  # built, then kept
        assert titles(view(priyas), "saved") == ["Priya's guide"]
        assert titles(view(frasers), "saved") == ["Fraser's guide"]
