"""A content page's member parts (Save, "used in practice", comments) and related content, kept and exact.

A member's second view reads them from the cache; every change that concerns them shows at once: their
own bookmark, report or suspension, anyone's comment, hidden comment or use in practice, a commenter's
new name, a publish, and the close of their own comment's edit window. Nothing kept for one person
reaches another the rules treat differently.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from forums import moderation
from forums import visibility as forum_visibility
from forums.models import Flag, Post
from forums.models.threads import EDIT_WINDOW_MINUTES
from forums.services import comment_thread_for, post_reply
from mylearning import saving
from tests.factories import CaseStudyFactory, CommunityFactory, MemberFactory, member_of, restrict_view, site_moderator

pytestmark = pytest.mark.django_db


def _signed_in(client, member):
    client.force_login(member)
    return client


def _page():
    """A case study with its comment thread made, as after its first view."""
    page = CaseStudyFactory()
    comment_thread_for(page)
    return page


def _view(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def _comment(page, author, text):
    return Post.objects.create(
        thread=comment_thread_for(page), author=author, body_source=text, body_html=f"<p>{text}</p>"
    )


def test_a_members_second_view_reads_their_parts_from_the_cache(fragment_cache, client):
    page = CaseStudyFactory(title="Read twice")
    _comment(page, MemberFactory(), "A first comment.")
    member = _signed_in(client, MemberFactory())
    _view(member, page)  # makes the thread's stream and stores the parts
    with CaptureQueriesContext(connection) as first:
        before = _view(member, page)
    with CaptureQueriesContext(connection) as second:
        again = _view(member, page)
    assert "A first comment." in again
    assert "Save for later" in again
    assert "Add a comment" in again
    assert len(second.captured_queries) == len(first.captured_queries)
    assert again.count("csrfmiddlewaretoken") == before.count("csrfmiddlewaretoken") > 0
    assert not any("forums_post" in query["sql"] for query in second.captured_queries)


def test_saving_and_removing_a_bookmark_shows_at_once(fragment_cache, client):
    page = _page()
    member = _signed_in(client, MemberFactory())
    _view(member, page)
    assert "Save for later" in _view(member, page)
    member.post(f"/saved/page/{page.pk}/", {"action": "save", "next": page.url})
    assert "Saved – remove" in _view(member, page)
    assert "Saved – remove" in _view(member, page)
    member.post(f"/saved/page/{page.pk}/", {"action": "remove", "next": page.url})
    assert "Save for later" in _view(member, page)


def test_anyones_use_in_practice_shows_at_once(fragment_cache, client):
    page = _page()
    member = _signed_in(client, MemberFactory())
    _view(member, page)
    assert "No one has said they used this in practice yet." in _view(member, page)
    saving.record_practice_use(MemberFactory(first_name="Eilidh"), page, "We tried it in Leith.")
    shown = _view(member, page)
    assert "1 member has used this in practice." in shown
    assert "We tried it in Leith." in shown


def test_a_comment_a_hidden_comment_and_a_report_show_at_once(fragment_cache, client):
    page = _page()
    reader = MemberFactory()
    member = _signed_in(client, reader)
    _view(member, page)
    post = post_reply(comment_thread_for(page), MemberFactory(), "Worth reading with the evidence.")
    assert "Worth reading with the evidence." in _view(member, page)
    moderation.flag_post(post, reader, Flag.Reason.OFF_TOPIC)
    assert "data-reported" in _view(member, page)
    moderation.hide_post(post, site_moderator(), "Off topic")
    assert "Worth reading with the evidence." not in _view(member, page)


def test_locking_the_comments_shows_at_once(fragment_cache, client):
    page = _page()
    member = _signed_in(client, MemberFactory())
    _view(member, page)
    assert "Add a comment" in _view(member, page)
    thread = comment_thread_for(page)
    thread.locked = True
    thread.save(update_fields=["locked"])
    shown = _view(member, page)
    assert "This thread is locked" in shown
    assert "Add a comment" not in shown


def test_a_suspension_and_its_lifting_show_at_once(fragment_cache, client):
    page = _page()
    suspended, moderator = MemberFactory(), site_moderator()
    member = _signed_in(client, suspended)
    _view(member, page)
    assert "Add a comment" in _view(member, page)
    suspension = moderation.suspend(suspended, moderator, "Cooling off", days=1)
    shown = _view(member, page)
    assert "Your account is suspended" in shown
    assert "Add a comment" not in shown
    moderation.lift_suspension(suspension, moderator)
    assert "Add a comment" in _view(member, page)


def test_a_commenters_new_name_shows_at_once(fragment_cache, client):
    page = CaseStudyFactory()
    author = MemberFactory()
    _comment(page, author, "Named beside this.")
    member = _signed_in(client, MemberFactory())
    assert str(author.profile) in _view(member, page)
    author.profile.display_name = "Catriona Renamed"
    author.profile.save()
    assert "Catriona Renamed" in _view(member, page)


def test_the_edit_control_goes_when_the_edit_window_closes(fragment_cache, client):
    page = _page()
    writer = MemberFactory()
    member = _signed_in(client, writer)
    _comment(page, writer, "My own comment.")
    assert "data-edit-link" in _view(member, page)
    later = timezone.now() + timedelta(minutes=EDIT_WINDOW_MINUTES, seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        shown = _view(member, page)
    assert "My own comment." in shown
    assert "data-edit-link" not in shown


# --- Nothing kept for one person reaches another -------------------------------------------------------
def test_one_members_parts_never_reach_another_member_or_a_visitor(fragment_cache, client):
    page = CaseStudyFactory(title="Read by two")
    first, second = MemberFactory(), MemberFactory()
    _comment(page, first, "Written by the first member.")
    _signed_in(client, first)
    client.post(f"/saved/page/{page.pk}/", {"action": "save", "next": page.url})
    first_view = _view(client, page)
    assert "Saved – remove" in first_view
    assert "data-edit-link" in first_view
    client.logout()
    second_view = _view(_signed_in(client, second), page)
    assert "Save for later" in second_view
    assert "Saved – remove" not in second_view
    assert "Written by the first member." in second_view
    assert "data-edit-link" not in second_view
    client.logout()
    visitor_view = _view(client, page)
    assert "Sign in to comment" in visitor_view
    assert "csrfmiddlewaretoken" not in visitor_view


def test_members_of_different_communities_never_share_a_private_pages_parts(fragment_cache, client):
    board, panel = Group.objects.create(name="Partnership board"), Group.objects.create(name="Residents panel")
    private = CaseStudyFactory(title="For the board only")
    restrict_view(private, PageViewRestriction.GROUPS).groups.add(board)
    insider, outsider = MemberFactory(), MemberFactory()
    insider.groups.add(board)
    outsider.groups.add(panel)
    member_of(CommunityFactory(visibility="private"), insider)
    member_of(CommunityFactory(visibility="private"), outsider)
    assert forum_visibility.audience(insider) != forum_visibility.audience(outsider)
    _comment(private, insider, "A board member's comment.")

    assert "A board member's comment." in _view(_signed_in(client, insider), private)
    client.logout()
    _signed_in(client, outsider)
    response = client.get(private.url)
    assert "A board member's comment." not in response.content.decode()
    client.logout()
    assert "A board member's comment." not in client.get(private.url).content.decode()


def test_a_members_kept_audience_changes_at_once_with_their_memberships_groups_and_restrictions(fragment_cache):
    """The digest that decides who shares a kept part is kept per member, and renewed by every fact it reads."""
    member, community = MemberFactory(), CommunityFactory(visibility="private")
    first = forum_visibility.audience(member)
    assert forum_visibility.audience(member) == first
    membership = member_of(community, member)
    joined = forum_visibility.audience(member)
    assert joined != first
    membership.delete()
    assert forum_visibility.audience(member) == first
    restrict_view(CaseStudyFactory(), PageViewRestriction.LOGIN)
    board_page = CaseStudyFactory()
    board = Group.objects.create(name="Partnership board")
    restrict_view(board_page, PageViewRestriction.GROUPS).groups.add(board)
    closed = forum_visibility.audience(member)
    assert closed != first
    member.groups.add(board)
    assert forum_visibility.audience(member) != closed
    member.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    assert forum_visibility.audience(member) == forum_visibility.audience(site_moderator())
