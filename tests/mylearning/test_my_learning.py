"""My learning at /my-learning/: a member's pathways, saved items, community activity, suggestions and reads."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums import services as forum_services
from forums.models import Post
from learning.models import ContentPage, Theme
from mylearning import pathways, reading, saving
from mylearning.models import MemberRead
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    EvidenceFactory,
    GuideFactory,
    MemberFactory,
    PathwayFactory,
    member_of,
    restrict_view,
)
from tests.pages import signed_in

pytestmark = pytest.mark.django_db

URL = "/my-learning/"


@pytest.fixture
def priya():
    return MemberFactory(username="priya", first_name="Priya", last_name="Practitioner")


@pytest.fixture
def fraser():
    return MemberFactory(username="fraser", first_name="Fraser", last_name="Frontline")


def text_of(node):
    return " ".join(node.get_text().split()) if node else ""


def my_learning(user):
    response = signed_in(user).get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(soup, heading_id):
    """The section a heading names, as one line of text, and its links as (text, href) pairs."""
    node = soup.find(id=heading_id).find_parent("section")
    return text_of(node), [(text_of(a), a["href"]) for a in node.find_all("a")]


def titles_in(soup, heading_id):
    node = soup.find(id=heading_id).find_parent("section")
    return [text_of(h) for h in node.select("h3")]


def steps_through(*pages):
    return [
        ("step", {"page": page, "why": "Why it matters.", "reflection_prompt": "What did you learn?"}) for page in pages
    ]


def theme(name):
    return Theme.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})[0]


def follow(user, *names):
    user.profile.themes_of_interest.set([theme(name) for name in names])


# --- the page ------------------------------------------------------------------------------------
def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_the_page_is_the_members_own_and_never_cached(priya):
    response = signed_in(priya).get(URL)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert signed_in(priya).post(URL).status_code == 405


def test_the_account_navigation_links_to_my_learning(priya):
    soup = my_learning(priya)
    nav = soup.find("nav", attrs={"aria-label": "Your account"})
    assert ("My learning", URL) in [(text_of(a), a["href"]) for a in nav.find_all("a")]
    anonymous = BeautifulSoup(Client().get(reverse("account_login")).content, "html.parser")
    assert "My learning" not in text_of(anonymous.find("nav", attrs={"aria-label": "Your account"}))


def test_a_new_member_sees_every_section_with_a_next_step(priya):
    soup = my_learning(priya)

    assert text_of(soup.h1) == "My learning"
    assert [text_of(h) for h in soup.select("main h2")] == [
        "Pathways in progress",
        "Completed pathways",
        "Saved for later",
        "Upcoming sessions in your communities",
        "Recent activity in your communities",
        "Recommended for you",
        "Recently read",
        "Your case study proposals",
    ]
    assert ("Browse pathways", "/pathways/") in section(soup, "in-progress")[1]
    assert "When you finish every step of a pathway" in section(soup, "completed")[0]
    assert "Nothing saved yet" in section(soup, "saved")[0]
    assert ("Browse communities", "/communities/") in section(soup, "activity")[1]
    text, links = section(soup, "recommended")
    assert ("Choose themes of interest in your profile", f"{reverse('edit_profile')}#id_themes_of_interest") in links
    assert ("Browse case studies", "/case-studies/") in section(soup, "recently-read")[1]
    assert ("Share your practice", "/share-your-practice/") in section(soup, "case-study-proposals")[1]


# --- pathways ------------------------------------------------------------------------------------
def test_pathways_in_progress_show_progress_and_a_continue_link_and_completed_ones_show_apart(priya):
    guide, case = GuideFactory(title="Running a safe dialogue"), CaseStudyFactory(title="Lochside redesign")
    walking = PathwayFactory(title="Facilitation basics", steps=steps_through(guide, case))
    finished = PathwayFactory(title="Evidence use", steps=steps_through(GuideFactory(), EvidenceFactory()))
    pathways.mark_done(priya, walking, walking.steps[0].id)
    for step in finished.steps:
        pathways.mark_done(priya, finished, step.id)

    soup = my_learning(priya)

    text, links = section(soup, "in-progress")
    assert titles_in(soup, "in-progress") == ["Facilitation basics"]
    assert "1 of 2 steps done (50%)" in text
    assert "Next step: Lochside redesign" in text
    assert ("Continue Facilitation basics", f"{walking.url}#progress") in links
    assert soup.find(id="in-progress").find_parent("section").select_one("progress")["value"] == "1"
    text, _links = section(soup, "completed")
    assert titles_in(soup, "completed") == ["Evidence use"]
    assert f"Completed {timezone.localdate():%-d %B %Y}" in text


def test_a_pathway_unpublished_after_starting_it_is_not_listed(priya):
    draft = PathwayFactory(title="Withdrawn route", steps=steps_through(GuideFactory(), CaseStudyFactory()))
    pathways.start(priya, draft)
    draft.unpublish()

    soup = my_learning(priya)
    assert "Withdrawn route" not in soup.get_text()


# --- saved for later -------------------------------------------------------------------------------
def test_saved_pages_and_threads_are_listed_but_an_unpublished_page_is_not(priya):
    guide = GuideFactory(title="Running a safe dialogue")
    gone = EvidenceFactory(title="Withdrawn evidence")
    community = CommunityFactory(slug="evidence-use", name="Evidence use")
    member_of(community, priya)
    thread = forum_services.start_thread(community, priya, "Reading a systematic review", "Where do I start?")
    for kind, target in (("page", gone), ("page", guide), ("thread", thread)):
        saving.save_bookmark(priya, kind, target.pk)
    gone.unpublish()

    soup = my_learning(priya)

    assert titles_in(soup, "saved") == ["Reading a systematic review", "Running a safe dialogue"]
    text, links = section(soup, "saved")
    assert ("Running a safe dialogue", guide.url) in links
    assert "Practice guide" in text
    assert "Discussion in Evidence use" in text
    assert "Withdrawn evidence" not in soup.get_text()


# --- community activity ------------------------------------------------------------------------------
def test_recent_activity_comes_from_the_members_communities_only_and_never_hidden_posts(priya, fraser, monkeypatch):
    monkeypatch.setattr(forum_services, "POSTS_PER_BURST", 10)  # Fraser writes six posts in a moment here
    mine = CommunityFactory(slug="evidence-use", name="Evidence use")
    private_mine = CommunityFactory(slug="leaders", name="Leaders", visibility="private")
    open_other = CommunityFactory(slug="housing", name="Housing")
    private_other = CommunityFactory(slug="board", name="Board", visibility="private")
    for community in (mine, private_mine, open_other, private_other):
        member_of(community, fraser)
    member_of(mine, priya)
    member_of(private_mine, priya)
    member_of(private_other, priya, status="pending")  # asked to join: not a member yet

    thread = forum_services.start_thread(mine, fraser, "Reading a systematic review", "Where do I start?")
    reply = forum_services.post_reply(thread, fraser, "With the abstract, then the methods.")
    hidden = forum_services.post_reply(thread, fraser, "Something a moderator hid.")
    Post.objects.filter(pk=hidden.pk).update(status=Post.Status.HIDDEN)
    forum_services.start_thread(private_mine, fraser, "Budget worries", "Only for us.")
    forum_services.start_thread(open_other, fraser, "Housing first", "Elsewhere.")
    forum_services.start_thread(private_other, fraser, "Board secrets", "Members only.")

    soup = my_learning(priya)
    text, links = section(soup, "activity")

    assert titles_in(soup, "activity") == [
        "Budget worries",
        "Reading a systematic review",
        "Reading a systematic review",
    ]
    assert "Fraser Frontline started this thread in Leaders" in text
    assert "Fraser Frontline replied in Evidence use" in text
    assert ("Reading a systematic review", reply.get_absolute_url()) in links
    assert "Board secrets" not in soup.get_text()
    assert "Housing first" not in soup.get_text()
    assert "Something a moderator hid" not in soup.get_text()


def test_leaving_a_private_community_takes_its_threads_off_the_page(priya, fraser):
    private = CommunityFactory(slug="leaders", name="Leaders", visibility="private")
    member_of(private, fraser)
    membership = member_of(private, priya)
    forum_services.start_thread(private, fraser, "Budget worries", "Only for us.")
    assert titles_in(my_learning(priya), "activity") == ["Budget worries"]

    membership.delete()

    soup = my_learning(priya)
    assert "Budget worries" not in soup.get_text()
    assert ("Browse communities", "/communities/") in section(soup, "activity")[1]


# --- recommendations and reads ---------------------------------------------------------------------
def test_recommendations_follow_the_members_themes_and_leave_out_read_saved_draft_and_restricted_pages(priya):
    follow(priya, "Co-production")
    read = GuideFactory(title="Already read", themes=["Co-production"])
    saved = GuideFactory(title="Already saved", themes=["Co-production"])
    GuideFactory(title="A draft", themes=["Co-production"], live=False)
    restrict_view(CaseStudyFactory(title="Behind a password", themes=["Co-production"]))
    GuideFactory(title="Off topic", themes=["Housing"])
    older = EvidenceFactory(title="Older evidence", themes=["Co-production"])
    newer = CaseStudyFactory(title="Newer case study", themes=["Co-production"])
    ContentPage.objects.filter(pk=older.pk).update(first_published_at=timezone.now() - timezone.timedelta(days=30))
    reading.record_read(read, priya)
    saving.save_bookmark(priya, "page", saved.pk)

    soup = my_learning(priya)

    assert titles_in(soup, "recommended") == ["Newer case study", "Older evidence"]
    text, links = section(soup, "recommended")
    assert ("Newer case study", newer.url) in links
    assert "Case study. Because you follow the theme Co-production." in text
    for absent in ("A draft", "Behind a password"):
        assert absent not in soup.get_text()
    assert titles_in(soup, "saved") == ["Already saved"]
    assert titles_in(soup, "recently-read") == ["Already read"]


def test_recommendations_from_what_the_member_read_say_which_page_and_rank_by_shared_themes(priya):
    read = CaseStudyFactory(title="Lochside redesign", themes=["Evaluation", "Data"])
    GuideFactory(title="Measuring change", themes=["Evaluation"])
    EvidenceFactory(title="Data for evaluation", themes=["Evaluation", "Data"])
    reading.record_read(read, priya)

    soup = my_learning(priya)

    assert titles_in(soup, "recommended") == ["Data for evaluation", "Measuring change"]
    assert "Because you read Lochside redesign" in section(soup, "recommended")[0]


def test_a_read_page_since_unpublished_is_neither_named_nor_listed(priya):
    gone = CaseStudyFactory(title="Withdrawn case study", themes=["Evaluation"])
    GuideFactory(title="Measuring change", themes=["Evaluation"])
    reading.record_read(gone, priya)
    gone.unpublish()

    soup = my_learning(priya)

    assert "Withdrawn case study" not in soup.get_text()
    assert titles_in(soup, "recently-read") == []
    assert titles_in(soup, "recommended") == []


def test_recently_read_lists_the_last_five_pages_newest_first(priya):
    pages = [GuideFactory(title=f"Guide {n}") for n in range(7)]
    for n, page in enumerate(pages):
        reading.record_read(page, priya)
        MemberRead.objects.filter(user=priya, page_id=page.pk).update(
            last_read=timezone.now() - timezone.timedelta(minutes=10 - n)
        )
    reading.record_read(pages[0], priya)  # read again: now the most recent

    soup = my_learning(priya)

    assert titles_in(soup, "recently-read") == ["Guide 0", "Guide 6", "Guide 5", "Guide 4", "Guide 3"]
    text, links = section(soup, "recently-read")
    assert ("Guide 0", pages[0].url) in links
    assert "Practice guide. Last read" in text


def test_a_member_reading_a_page_finds_it_in_recently_read(priya):
    guide = GuideFactory(title="Running a safe dialogue", themes=["Co-production"])
    client = signed_in(priya)
    assert client.get(guide.url).status_code == 200

    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    assert titles_in(soup, "recently-read") == ["Running a safe dialogue"]


def test_each_saved_item_has_its_own_remove_button_that_takes_it_off_and_comes_back(priya):
    guide = GuideFactory(title="Running a safe dialogue")
    community = CommunityFactory(slug="evidence-use", name="Evidence use")
    member_of(community, priya)
    thread = forum_services.start_thread(community, priya, "Reading a systematic review", "Where do I start?")
    for kind, target in (("page", guide), ("thread", thread)):
        saving.save_bookmark(priya, kind, target.pk)
    client = signed_in(priya, csrf=True)

    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    forms = soup.find(id="saved").find_parent("section").select("form")
    names = [text_of(form.find("button")) for form in forms]
    assert names == [
        "Remove Reading a systematic review from your saved items",
        "Remove Running a safe dialogue from your saved items",
    ]
    assert [text_of(form.find("button").find(class_="visually-hidden")) for form in forms] == [
        "Reading a systematic review from your saved items",
        "Running a safe dialogue from your saved items",
    ]  # a sighted reader sees "Remove" beside the item it belongs to
    guide_form = forms[1]
    assert guide_form["method"] == "post"
    assert guide_form["action"] == reverse("saving:bookmark", args=["page", guide.pk])
    fields = {field["name"]: field["value"] for field in guide_form.select("input[type=hidden]")}
    assert fields["action"] == "remove"
    assert fields["next"] == URL

    response = client.post(guide_form["action"], fields)

    assert response.status_code == 302
    assert response["Location"] == URL
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    assert titles_in(soup, "saved") == ["Reading a systematic review"]
    assert "Removed from your saved items." in text_of(soup.select_one(".cop-messages"))
    assert saving.bookmarks_visible_to(priya)[0].title == "Reading a systematic review"
