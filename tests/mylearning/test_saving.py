"""Save for later and "I've used this in practice": what members and visitors see and can do."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from forums import services as forum_services
from mylearning import saving
from mylearning.models import Bookmark, PracticeUse
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    EvidenceFactory,
    GuideFactory,
    MemberFactory,
    member_of,
    restrict_view,
)
from tests.pages import signed_in, soup_of

pytestmark = pytest.mark.django_db


# --- people and places -------------------------------------------------------------------------------
@pytest.fixture
def priya():
    return MemberFactory(username="priya", first_name="Priya", last_name="Practitioner")


@pytest.fixture
def fraser():
    return MemberFactory(username="fraser", first_name="Fraser", last_name="Frontline")


@pytest.fixture
def guide():
    return GuideFactory(title="Running a safe dialogue")


def text_of(node):
    return " ".join(node.get_text().split()) if node else ""


def save_url(kind, target_id):
    return reverse("saving:bookmark", args=[kind, target_id])


def use_url(page):
    return reverse("saving:practice_use", args=[page.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def sign_in_target(url):
    """Where a sign-in link or redirect sends a visitor, and where they come back to afterwards."""
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query).get("next", [""])[0]


def saved_titles(user):
    return [item.title for item in saving.bookmarks_visible_to(user)]


def private_thread(author):
    community = CommunityFactory(slug="leaders", name="Leaders", visibility="private")
    member_of(community, author)
    return forum_services.start_thread(community, author, "Budget worries", "Only for us.")


def open_thread(author):
    community = CommunityFactory(slug="evidence-use", name="Evidence use", visibility="open")
    member_of(community, author)
    return forum_services.start_thread(community, author, "Reading a systematic review", "Where do I start?")


# --- bookmarks ---------------------------------------------------------------------------------------
def test_a_member_saves_a_guide_sees_it_saved_and_finds_it_in_their_list(priya, guide):
    client = signed_in(priya)
    form = soup_of(client.get(guide.url)).select_one("form[data-save-form]")
    assert text_of(form.button) == "Save for later"
    assert "ds_button--secondary" in form.button["class"]

    response = client.post(form["action"], {"action": "save", "next": guide.url})

    assert response.status_code == 302
    assert response["Location"] == guide.url
    assert "Saved for later. You will find it in My learning." in messages_of(response)
    assert text_of(soup_of(client.get(guide.url)).select_one("form[data-save-form] button")) == "Saved – remove"
    [item] = saving.bookmarks_visible_to(priya)
    assert (item.title, item.url, item.kind, item.kind_label) == (guide.title, guide.url, "page", "Practice guide")


def test_saving_twice_keeps_one_bookmark(priya, guide):
    client = signed_in(priya)
    for _ in range(2):
        assert client.post(save_url("page", guide.pk), {"action": "save"}).status_code == 302
    assert Bookmark.objects.filter(user=priya).count() == 1
    assert saved_titles(priya) == ["Running a safe dialogue"]


def test_a_member_removes_a_bookmark(priya, guide):
    client = signed_in(priya)
    client.post(save_url("page", guide.pk), {"action": "save"})

    response = client.post(save_url("page", guide.pk), {"action": "remove", "next": guide.url})

    assert response["Location"] == guide.url
    assert "Removed from your saved items." in messages_of(response)
    assert saved_titles(priya) == []
    assert text_of(soup_of(client.get(guide.url)).select_one("form[data-save-form] button")) == "Save for later"


def test_the_list_is_newest_first_and_holds_pages_and_threads(priya):
    evidence = EvidenceFactory(title="Deliberative forums")
    case = CaseStudyFactory(title="Lochside redesign")
    thread = open_thread(priya)
    client = signed_in(priya)
    for kind, target in (("page", evidence), ("thread", thread), ("page", case)):
        client.post(save_url(kind, target.pk), {"action": "save"})

    items = saving.bookmarks_visible_to(priya)

    assert [(i.title, i.kind_label) for i in items] == [
        ("Lochside redesign", "Case study"),
        ("Reading a systematic review", "Discussion in Evidence use"),
        ("Deliberative forums", "Evidence summary"),
    ]
    assert items[1].url == thread.get_absolute_url()


def test_a_member_saves_a_thread_from_its_page(priya, fraser):
    thread = open_thread(priya)
    client = signed_in(fraser)
    form = soup_of(client.get(thread.get_absolute_url())).select_one("form[data-save-form]")

    response = client.post(form["action"], {"action": "save", "next": form.select_one("[name=next]")["value"]})

    assert response["Location"] == thread.get_absolute_url()
    assert saved_titles(fraser) == ["Reading a systematic review"]


@pytest.mark.parametrize("make_page", ["draft", "password", "login"])
def test_a_draft_or_restricted_page_cannot_be_saved(priya, make_page):
    page = GuideFactory(title="Not for everyone", live=make_page != "draft")
    if make_page != "draft":
        restrict_view(page, restriction_type=make_page)

    response = signed_in(priya).post(save_url("page", page.pk), {"action": "save"})

    assert response.status_code == 404
    assert b"Not for everyone" not in response.content
    assert not Bookmark.objects.exists()


def test_a_private_communitys_thread_cannot_be_saved_by_an_outsider(priya, fraser):
    thread = private_thread(priya)

    response = signed_in(fraser).post(save_url("thread", thread.pk), {"action": "save"})

    assert response.status_code == 404
    assert b"Budget worries" not in response.content
    assert not Bookmark.objects.exists()
    # ...while its own members may save it
    assert signed_in(priya).post(save_url("thread", thread.pk), {"action": "save"}).status_code == 302
    assert saved_titles(priya) == ["Budget worries"]


@pytest.mark.parametrize(("kind", "target_id"), [("page", 999999), ("thread", 999999), ("folder", 1)])
def test_missing_targets_and_unknown_kinds_are_404(priya, kind, target_id):
    assert signed_in(priya).post(save_url(kind, target_id), {"action": "save"}).status_code == 404
    assert not Bookmark.objects.exists()


def test_a_bookmark_drops_out_of_the_list_when_its_page_is_unpublished_or_restricted(priya, guide):
    other = EvidenceFactory(title="Deliberative forums")
    client = signed_in(priya)
    client.post(save_url("page", guide.pk), {"action": "save"})
    client.post(save_url("page", other.pk), {"action": "save"})

    guide.unpublish()
    restrict_view(other, restriction_type="login")

    assert saved_titles(priya) == []
    assert Bookmark.objects.filter(user=priya).count() == 2  # kept: it shows again if the page comes back


def test_a_bookmark_drops_out_when_the_member_leaves_a_private_community(priya):
    thread = private_thread(priya)
    signed_in(priya).post(save_url("thread", thread.pk), {"action": "save"})
    assert saved_titles(priya) == ["Budget worries"]

    thread.community.memberships.filter(user=priya).delete()

    assert saved_titles(priya) == []


def test_someone_elses_bookmarks_are_not_in_my_list(priya, fraser, guide):
    signed_in(priya).post(save_url("page", guide.pk), {"action": "save"})
    assert saved_titles(fraser) == []


def test_an_unsafe_next_goes_back_to_the_page_instead(priya, guide):
    response = signed_in(priya).post(save_url("page", guide.pk), {"action": "save", "next": "https://evil.example/"})
    assert response["Location"] == guide.url


def test_visitors_get_a_sign_in_link_instead_of_the_button(client, guide):
    soup = soup_of(client.get(guide.url))
    assert soup.select_one("form[data-save-form]") is None
    link = soup.find("a", string="Sign in to save this for later")
    assert sign_in_target(link["href"]) == (reverse("account_login"), guide.url)


# --- used in practice ---------------------------------------------------------------------------------
def test_a_member_says_they_used_a_guide_with_a_note(priya, guide):
    client = signed_in(priya)
    form = soup_of(client.get(guide.url)).select_one("#used-in-practice form")
    assert form.find("label", attrs={"for": "practice-note"}) is not None

    response = client.post(
        form["action"], {"action": "record", "note": "Used it for our locality plan.", "next": guide.url}
    )

    assert response.status_code == 302
    assert response["Location"] == guide.url
    assert "Thank you: your use in practice is recorded." in messages_of(response)
    panel = soup_of(client.get(guide.url)).select_one("#used-in-practice")
    assert "1 member has used this in practice." in text_of(panel)
    assert "You have used this in practice." in text_of(panel)
    assert "Used it for our locality plan." in text_of(panel.select_one(".cop-practice-use__notes"))
    assert "Priya Practitioner" in text_of(panel.select_one(".cop-practice-use__notes"))


def test_recording_again_updates_the_note_and_keeps_one_use(priya, guide):
    client = signed_in(priya)
    client.post(use_url(guide), {"note": "First try."})
    response = client.post(use_url(guide), {"action": "record", "note": "Second, better."})

    assert "Your note is updated." in messages_of(response)
    assert list(PracticeUse.objects.values_list("note", flat=True)) == ["Second, better."]


def test_the_count_is_public_but_notes_are_for_members(client, priya, fraser):
    case = CaseStudyFactory(title="Lochside redesign")
    signed_in(priya).post(use_url(case), {"note": "We copied the monthly meetings."})
    signed_in(fraser).post(use_url(case), {"note": ""})

    visitor = soup_of(client.get(case.url)).select_one("#used-in-practice")
    assert "2 members have used this in practice." in text_of(visitor)
    assert "monthly meetings" not in text_of(visitor)
    assert "Priya" not in text_of(visitor)
    assert sign_in_target(visitor.find("a", string="Sign in")["href"]) == (reverse("account_login"), case.url)
    assert visitor.select_one("form") is None

    member = soup_of(signed_in(fraser).get(case.url)).select_one("#used-in-practice")
    assert "We copied the monthly meetings." in text_of(member)
    assert "Priya Practitioner" in text_of(member)


def test_notes_are_shown_as_plain_text(priya, fraser, guide):
    signed_in(priya).post(use_url(guide), {"note": '<script>alert("x")</script> <b>bold</b>'})

    response = signed_in(fraser).get(guide.url)

    assert b'<script>alert("x")</script>' not in response.content
    assert b"&lt;script&gt;" in response.content
    assert '<script>alert("x")</script> <b>bold</b>' in text_of(
        soup_of(response).select_one(".cop-practice-use__notes")
    )


def test_a_note_too_long_is_refused_with_the_typed_text_kept_and_nothing_saved(priya, guide):
    note = "x" * 501

    response = signed_in(priya).post(use_url(guide), {"action": "record", "note": note, "next": guide.url})

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Your note must be 500 characters or fewer (it has 501)." in text_of(soup.select_one(".ds_error-summary"))
    assert soup.select_one("#practice-note").get_text() == note
    assert soup.select_one("#practice-note")["aria-invalid"] == "true"
    assert soup.select_one("#used-in-practice input[name=next]")["value"] == f"{guide.url}#used-in-practice"
    assert not PracticeUse.objects.exists()


def test_a_note_of_exactly_500_characters_is_kept(priya, guide):
    assert signed_in(priya).post(use_url(guide), {"note": "y" * 500}).status_code == 302
    assert PracticeUse.objects.get().note == "y" * 500


def test_a_member_withdraws_their_use(priya, guide):
    client = signed_in(priya)
    client.post(use_url(guide), {"note": "Tried it."})

    response = client.post(use_url(guide), {"action": "withdraw", "next": guide.url})

    assert "You no longer say you have used this in practice." in messages_of(response)
    assert not PracticeUse.objects.exists()
    panel = soup_of(client.get(guide.url)).select_one("#used-in-practice")
    assert "No one has said they used this in practice yet." in text_of(panel)
    assert "Tried it." not in text_of(panel)


def test_only_existing_active_members_are_counted_and_quoted(priya, fraser, guide):
    signed_in(priya).post(use_url(guide), {"note": "Priya's note."})
    signed_in(fraser).post(use_url(guide), {"note": "Fraser's note."})
    fraser.is_active = False
    fraser.save()

    assert saving.practice_use_count(guide) == 1
    assert [note.note for note in saving.practice_notes(guide, priya)] == ["Priya's note."]
    priya.delete()
    assert saving.practice_use_count(guide) == 0


def test_evidence_summaries_and_pathways_have_no_practice_panel(priya):
    evidence = EvidenceFactory(title="Deliberative forums")
    client = signed_in(priya)
    assert soup_of(client.get(evidence.url)).select_one("#used-in-practice") is None
    assert client.post(use_url(evidence), {"note": "No."}).status_code == 404
    assert not PracticeUse.objects.exists()


def test_a_draft_guide_cannot_be_marked_used(priya):
    draft = GuideFactory(title="Work in progress", live=False)
    response = signed_in(priya).post(use_url(draft), {"note": "Sneaky."})
    assert response.status_code == 404
    assert b"Work in progress" not in response.content
    assert not PracticeUse.objects.exists()


# --- the HTTP rules both endpoints share ----------------------------------------------------------------
@pytest.mark.parametrize("endpoint", ["bookmark", "practice_use"])
def test_get_is_not_allowed(priya, guide, endpoint):
    url = save_url("page", guide.pk) if endpoint == "bookmark" else use_url(guide)
    assert signed_in(priya).get(url).status_code == 405
    assert Client().get(url).status_code == 405


@pytest.mark.parametrize("endpoint", ["bookmark", "practice_use"])
def test_visitors_are_sent_to_sign_in_and_back_to_the_page(client, guide, endpoint):
    url = save_url("page", guide.pk) if endpoint == "bookmark" else use_url(guide)

    response = client.post(url, {"note": "Hi", "next": guide.url})

    assert response.status_code == 302
    assert sign_in_target(response["Location"]) == (reverse("account_login"), guide.url)
    assert not Bookmark.objects.exists()
    assert not PracticeUse.objects.exists()


def test_a_note_sent_after_the_session_ran_out_is_in_the_form_after_signing_in(guide):
    """Nothing a member wrote is lost: the note waits for them, unsaved, until they send it again."""
    member = MemberFactory(username="ailsa")
    client = Client()  # the session ran out while they typed: the form posts as a visitor
    response = client.post(
        use_url(guide), {"note": "Ran it with\x00 two teams", "next": f"{guide.url}#used-in-practice"}
    )
    assert sign_in_target(response["Location"]) == (reverse("account_login"), f"{guide.url}#used-in-practice")
    assert not PracticeUse.objects.exists()

    client.login(username="ailsa", password="pass-2026-word")  # signing in keeps the session's contents
    panel = soup_of(client.get(guide.url)).select_one("#used-in-practice")
    assert "Your note is not saved yet" in text_of(panel.select_one("[role=status]"))
    assert panel.select_one("textarea#practice-note").get_text() == "Ran it with two teams"
    assert not PracticeUse.objects.filter(user=member).exists()

    again = soup_of(client.get(guide.url)).select_one("#used-in-practice")  # shown once
    assert again.select_one("[role=status]") is None
    assert again.select_one("textarea#practice-note").get_text() == ""


@pytest.mark.parametrize("endpoint", ["bookmark", "practice_use"])
def test_csrf_is_enforced(priya, guide, endpoint):
    client = signed_in(priya, csrf=True)
    url = save_url("page", guide.pk) if endpoint == "bookmark" else use_url(guide)

    assert client.post(url, {"note": "No token."}).status_code == 403
    assert not Bookmark.objects.exists()
    assert not PracticeUse.objects.exists()

    page = soup_of(client.get(guide.url))
    form = page.select_one("form[data-save-form]" if endpoint == "bookmark" else "#used-in-practice form")
    token = form.select_one("[name=csrfmiddlewaretoken]")["value"]
    assert client.post(url, {"note": "With a token.", "csrfmiddlewaretoken": token}).status_code == 302
    model = Bookmark if endpoint == "bookmark" else PracticeUse
    assert model.objects.filter(user=priya).count() == 1


def test_the_cached_page_for_visitors_shows_the_new_count(
    client, priya, guide, settings, django_capture_on_commit_callbacks
):
    settings.COP_PAGE_CACHE_SECONDS = 300
    assert client.get(guide.url)["X-Cache"] == "miss"
    assert client.get(guide.url)["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        signed_in(priya).post(use_url(guide), {"note": "Worked well."})

    fresh = client.get(guide.url)
    assert fresh["X-Cache"] == "miss"
    assert "1 member has used this in practice." in text_of(soup_of(fresh).select_one("#used-in-practice"))

    with django_capture_on_commit_callbacks(execute=True):
        signed_in(priya).post(use_url(guide), {"action": "withdraw"})

    assert "No one has said" in text_of(soup_of(client.get(guide.url)).select_one("#used-in-practice"))
