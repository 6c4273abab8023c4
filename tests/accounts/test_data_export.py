"""A member downloads everything they wrote, as JSON: all of theirs, nothing of anyone else's."""

import json

import pytest
from django.urls import reverse

from accounts.data import FORMAT_VERSION, HIDDEN_CONTEXT, member_data
from forums import services
from forums.models import Membership
from mylearning.models import MemberRead
from tests.accounts.factories import AILSA_NAME, member_with_everything
from tests.factories import CaseStudyFactory, restrict_view
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return member_with_everything()


def download(user):
    response = signed_in(user).get("/members/me/data.json")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_the_download_is_a_private_json_attachment(story):
    response, data = download(story.ailsa)
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="ailsa-data-')
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert data["format_version"] == FORMAT_VERSION
    direct = json.loads(json.dumps(member_data(story.ailsa)))  # plain values: JSON as they are, ISO dates
    assert {**data, "exported": None} == {**direct, "exported": None}


def test_account_and_profile(story):
    _, data = download(story.ailsa)
    assert data["account"]["username"] == "ailsa"
    assert data["account"]["email_addresses"] == [{"email": "ailsa@example.org", "primary": True, "verified": True}]
    assert data["account"]["date_joined"].startswith(str(story.ailsa.date_joined.year))
    profile = data["profile"]
    assert profile["display_name"] == AILSA_NAME
    assert profile["organisation"] == "Fife Health and Social Care Partnership"
    assert (profile["sector"], profile["level"], profile["bio"]) == ("public", "manager", "I lead a locality team.")
    assert profile["notifications"] == {
        "email_on_mention": True,
        "email_on_reply": True,
        "email_on_session_reminder": True,
        "weekly_digest": True,
    }


def test_everything_she_wrote_including_her_hidden_post(story):
    _, data = download(story.ailsa)
    assert [t["title"] for t in data["threads_started"]] == ["Starting a CAR group", story.session.thread.title]
    bodies = [p["body_markdown"] for p in data["posts"]]
    assert "Ailsa opening zephyrword" in bodies
    assert "Ailsa reply kestrelword" in bodies
    hidden = next(p for p in data["posts"] if p["body_markdown"] == "Ailsa hidden words")
    assert hidden["status"] == "hidden"
    assert hidden["hidden_reason"] == "Names a colleague"
    reply = next(p for p in data["posts"] if p["body_markdown"] == "Ailsa reply kestrelword")
    assert reply["thread_title"] == "Starting a CAR group"
    assert reply["thread_url"] == story.thread.get_absolute_url()
    assert reply["reply_to_post_id"] == story.opening.pk  # replies are one level deep
    assert reply["created"]
    assert reply["edited"] is None


def test_reactions_follows_memberships_and_flags(story):
    _, data = download(story.ailsa)
    assert [(r["post_id"], r["thread_title"]) for r in data["reactions"]] == [
        (story.fraser_reply.pk, "Starting a CAR group")
    ]
    assert "Fraser asks about rotas" in [f["thread_title"] for f in data["thread_follows"]]
    assert [(m["community"], m["role"], m["status"]) for m in data["community_memberships"]] == [
        ("Evidence use", "facilitator", "active")
    ]
    assert [(f["reason"], f["note"], f["thread_title"]) for f in data["flags"]] == [
        ("off_topic", "Ailsa flag note", "Fraser asks about rotas")
    ]


def test_room_messages_and_session_summaries(story):
    _, data = download(story.ailsa)
    assert [(m["room"], m["text"], m["anonymous"]) for m in data["room_messages"]] == [
        ("Evidence cafe", "Ailsa room words", False),
        ("Evidence cafe", "Ailsa quiet words", True),
    ]
    [session] = data["room_sessions_summarised"]
    assert (session["key_points"], session["actions"]) == ("Ailsa key points", "Ailsa actions")
    assert session["summary_thread_url"] == story.session.thread.get_absolute_url()


def test_learning_bookmarks_pathways_and_practice(story):
    _, data = download(story.ailsa)
    assert [(b["kind"], b["title"]) for b in data["bookmarks"]] == [
        ("page", "Running a safe dialogue"),
        ("thread", "Fraser asks about rotas"),
    ]
    [pathway] = data["pathways"]
    assert pathway["pathway"] == "Facilitation basics"
    assert pathway["completed"] is None
    [step] = pathway["steps"]
    assert step["done"]
    assert step["reflection"]["plan"] == "Ailsa plan"
    assert step["reflection"]["reflect"] == "Ailsa reflect"
    assert [(u["page_title"], u["note"]) for u in data["practice_uses"]] == [
        ("Running a safe dialogue", "Ailsa practice note")
    ]
    assert [r["page_title"] for r in data["pages_read"]] == ["Running a safe dialogue"]
    assert any("hid your post" in n["text"] for n in data["notifications"])


def test_nothing_of_anyone_elses(story):
    _, data = download(story.ailsa)
    text = json.dumps(data)
    for theirs in ("Fraser reply marmaladeword", "Fraser opening words", "Fraser room words", "fraser@example.org"):
        assert theirs not in text
    _, frasers = download(story.fraser)
    text = json.dumps(frasers)
    for hers in (
        "zephyrword",
        "kestrelword",
        "Ailsa hidden words",
        "Ailsa room words",
        "Ailsa quiet words",
        "Ailsa plan",
    ):
        assert hers not in text
    assert [b["title"] for b in frasers["bookmarks"]] == ["Running a safe dialogue"]


def test_places_she_can_no_longer_see_are_not_named(story):
    story.community.visibility = "private"
    story.community.save()
    Membership.objects.filter(user=story.ailsa).delete()
    _, data = download(story.ailsa)
    post = next(p for p in data["posts"] if p["body_markdown"] == "Ailsa reply kestrelword")
    assert (post["thread_title"], post["thread_url"]) == (HIDDEN_CONTEXT, None)  # her words, not the private title
    assert {m["room"] for m in data["room_messages"]} == {HIDDEN_CONTEXT}
    assert "Fraser asks about rotas" not in json.dumps(data)


def test_a_page_for_signed_in_members_stays_named_for_her(story):
    """Her comment on a page restricted to signed-in members, which she may read, names its place; so does the
    page she read there. (The export once asked a visitor's rule and called both "Something you can no longer see".)"""
    page = CaseStudyFactory(title="Lochside members' notes")
    restrict_view(page, "login")
    thread = services.comment_thread_for(page)
    services.post_reply(thread, story.ailsa, "Ailsa comment puffinword")
    MemberRead.objects.create(user=story.ailsa, page=page)
    _, data = download(story.ailsa)
    comment = next(p for p in data["posts"] if p["body_markdown"] == "Ailsa comment puffinword")
    assert (comment["thread_title"], comment["thread_url"]) == ("Lochside members' notes", f"{page.url}#comments")
    assert "Lochside members' notes" in [r["page_title"] for r in data["pages_read"]]

    restrict_view(page, "password")  # a password she has not given here: the place is no longer named
    _, data = download(story.ailsa)
    comment = next(p for p in data["posts"] if p["body_markdown"] == "Ailsa comment puffinword")
    assert (comment["thread_title"], comment["thread_url"]) == (HIDDEN_CONTEXT, None)
    assert "Lochside members' notes" not in json.dumps(data)


def test_visitors_are_sent_to_sign_in(client):
    for url in ("/members/me/data.json", reverse("your_data")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_your_data_page_links_the_download_and_deletion(story):
    client = signed_in(story.ailsa)
    page = client.get(reverse("your_data")).content.decode()
    assert 'href="/members/me/data.json"' in page
    assert "Download your data (JSON)" in page
    assert 'href="/members/me/delete/"' in page
    profile_edit = client.get(reverse("edit_profile")).content.decode()
    assert 'href="/members/me/data/"' in profile_edit
    assert "Delete your account" in profile_edit


def test_the_download_only_answers_get(story):
    assert signed_in(story.ailsa).post("/members/me/data.json").status_code == 405


def test_both_pages_say_the_reading_history_is_kept_downloaded_and_deleted(story):
    """pages_read is in the download and goes with the account: a member is told both."""
    client = signed_in(story.ailsa)
    assert "the pages you have read" in " ".join(client.get(reverse("your_data")).content.decode().split())
    assert "pages you have read" in " ".join(client.get(reverse("delete_account")).content.decode().split())
