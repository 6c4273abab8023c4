"""The dashboard's numbers, from hand-made data: each report counts what it says and nothing else."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from forums.models import Post
from insights import reports
from mylearning.models import PageReadDay
from search.models import QueryLog
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    EvidenceFactory,
    GuideFactory,
    MemberFactory,
    RoomFactory,
    UserFactory,
)
from tests.insights.factories import comment, forum_post, pathway, published_on, room_message

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2025, 9, 15, 12, 0, tzinfo=LONDON)  # three months back: July, August, September 2025


def at(*args):
    return datetime(*args, tzinfo=LONDON)


def month(data, first_day):
    return next(row for row in data if row["month"] == first_day)


@pytest.mark.parametrize(("value", "months"), [(None, 12), ("", 12), ("3", 3), ("6", 6), ("12", 12)])
def test_a_period_is_3_6_or_12_months(value, months):
    assert reports.parse_period(value) == months


@pytest.mark.parametrize("value", ["0", "7", "-3", "twelve", "12.0", "9" * 50, ["12"]])
def test_any_other_period_is_refused_with_a_message(value):
    with pytest.raises(reports.PeriodError, match="Choose a period of 3, 6, 12 months"):
        reports.parse_period(value)


def test_the_period_is_whole_calendar_months_in_the_sites_time_zone():
    assert reports.month_starts(3, NOW) == [date(2025, 7, 1), date(2025, 8, 1), date(2025, 9, 1)]
    assert reports.month_starts(12, NOW)[0] == date(2024, 10, 1)
    assert reports.period_start(3, NOW) == at(2025, 7, 1)
    # 23:30 UTC on 31 December is already January in... London in winter is UTC, so take a summer night:
    late = datetime(2025, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on 1 July in London
    assert reports.month_starts(1, late) == [date(2025, 7, 1)]


def test_content_published_per_month_by_type():
    fife = published_on(CaseStudyFactory(title="Fife redesign"), at(2025, 7, 3))
    published_on(CaseStudyFactory(title="Dundee food"), at(2025, 7, 20))
    published_on(EvidenceFactory(title="Deliberation"), at(2025, 8, 2))
    guide = published_on(GuideFactory(title="Listening session"), at(2025, 9, 1, 0, 30))
    published_on(pathway("Start here", fife, guide), at(2025, 9, 10))
    published_on(GuideFactory(title="Too old"), at(2025, 6, 30, 23, 30))  # before the period

    data = reports.published_per_month(3, NOW)

    assert [s["key"] for s in data["series"]] == ["casestudy", "evidence", "guide", "pathway"]
    assert [row["label"] for row in data["months"]] == ["Jul 2025", "Aug 2025", "Sep 2025"]
    assert month(data["months"], date(2025, 7, 1))["counts"] == {
        "casestudy": 2,
        "evidence": 0,
        "guide": 0,
        "pathway": 0,
    }
    assert month(data["months"], date(2025, 8, 1))["counts"] == {
        "casestudy": 0,
        "evidence": 1,
        "guide": 0,
        "pathway": 0,
    }
    assert month(data["months"], date(2025, 9, 1))["counts"] == {
        "casestudy": 0,
        "evidence": 0,
        "guide": 1,
        "pathway": 1,
    }
    assert [row["total"] for row in data["months"]] == [2, 1, 2]


def test_a_page_published_just_after_midnight_london_time_counts_in_the_london_month():
    # 00:30 on 1 July in London is 23:30 on 30 June in UTC: the site counts it in July.
    published_on(GuideFactory(), datetime(2025, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC")))
    data = reports.published_per_month(3, NOW)
    assert month(data["months"], date(2025, 7, 1))["counts"]["guide"] == 1


def test_drafts_and_unpublished_pages_are_not_counted_as_published():
    published_on(CaseStudyFactory(title="Never published", live=False), at(2025, 8, 1))
    withdrawn = published_on(CaseStudyFactory(title="Withdrawn"), at(2025, 8, 5))
    withdrawn.unpublish()
    published_on(CaseStudyFactory(title="Live"), at(2025, 8, 9))
    data = reports.published_per_month(3, NOW)
    assert month(data["months"], date(2025, 8, 1))["counts"]["casestudy"] == 1


def test_most_read_sums_reads_in_the_period_most_read_first():
    popular, steady, old_news = CaseStudyFactory(title="Popular"), GuideFactory(title="Steady"), EvidenceFactory()
    PageReadDay.objects.create(page=popular, day=date(2025, 9, 1), reads=30)
    PageReadDay.objects.create(page=popular, day=date(2025, 8, 1), reads=12)
    PageReadDay.objects.create(page=steady, day=date(2025, 7, 1), reads=20)
    PageReadDay.objects.create(page=old_news, day=date(2025, 6, 30), reads=500)  # before the period
    draft = CaseStudyFactory(title="Unpublished since", live=False)
    PageReadDay.objects.create(page=draft, day=date(2025, 9, 2), reads=99)

    rows = reports.most_read(3, now=NOW)

    assert [(row["title"], row["reads"]) for row in rows] == [("Popular", 42), ("Steady", 20)]
    assert rows[0]["type_label"] == "Case study"
    assert rows[0]["edit_url"] == f"/admin/pages/{popular.pk}/edit/"


def test_most_read_shows_the_top_ten():
    for n in range(12):
        PageReadDay.objects.create(page=GuideFactory(title=f"Guide {n:02}"), day=date(2025, 9, 1), reads=n + 1)
    rows = reports.most_read(3, now=NOW)
    assert len(rows) == 10
    assert rows[0]["title"] == "Guide 11"
    assert rows[-1]["title"] == "Guide 02"


def test_most_discussed_counts_visible_comments_in_the_period():
    busy, quiet, hushed = CaseStudyFactory(title="Busy"), GuideFactory(title="Quiet"), EvidenceFactory(title="Hushed")
    for day in (1, 2, 3):
        comment(busy, when=at(2025, 9, day))
    comment(busy, when=at(2025, 5, 1))  # before the period
    comment(quiet, when=at(2025, 8, 1))
    for status in (Post.Status.HIDDEN, Post.Status.REMOVED, Post.Status.HIDDEN):
        comment(hushed, when=at(2025, 9, 1), status=status)
    forum_post(CommunityFactory(), when=at(2025, 9, 1))  # a forum thread is not a page's comments

    rows = reports.most_discussed(3, now=NOW)

    assert [(row["title"], row["posts"]) for row in rows] == [("Busy", 3), ("Quiet", 1)]


def test_most_discussed_leaves_out_pages_no_longer_live():
    page = CaseStudyFactory(title="Taken down")
    comment(page, when=at(2025, 9, 1))
    page.unpublish()
    assert reports.most_discussed(3, now=NOW) == []


def test_searches_without_results_come_from_the_search_report():
    for query, results in [("kelp", 0), ("kelp", 0), ("ferries", 0), ("co-production", 7)]:
        QueryLog.objects.create(query=query, results=results, backend="database")
    data = reports.searches_without_results(3)
    assert [(row["query"], row["searches"]) for row in data["gaps"]] == [("kelp", 2), ("ferries", 1)]
    assert data["totals"] == {"searches": 4, "empty": 3}


def test_participation_by_level_per_month_in_forums_and_rooms():
    frontline = MemberFactory(profile__level="frontline")
    manager = MemberFactory(profile__level="manager")
    researcher = MemberFactory(profile__level="researcher")
    no_level = MemberFactory(profile__level="")
    community = CommunityFactory()
    room = RoomFactory(community=community)

    forum_post(community, frontline, at(2025, 9, 1))
    forum_post(community, frontline, at(2025, 9, 2))
    forum_post(community, manager, at(2025, 9, 3))
    forum_post(community, no_level, at(2025, 9, 4))
    forum_post(community, None, at(2025, 9, 5))  # a former member: level not given
    forum_post(community, manager, at(2025, 9, 6), status=Post.Status.HIDDEN)  # hidden: not counted
    forum_post(community, manager, at(2025, 8, 6))
    comment(CaseStudyFactory(), manager, at(2025, 9, 6))  # a page comment is not a forum post

    room_message(room, researcher, at(2025, 7, 14))
    room_message(room, frontline, at(2025, 7, 14), anonymous=True)  # "anonymous", as the room counts it
    room_message(room, frontline, at(2025, 7, 15), removed=True)  # removed: not counted

    data = reports.participation_by_level(3, NOW)

    assert [s["key"] for s in data["series"]] == [
        "frontline",
        "manager",
        "strategic",
        "researcher",
        "community_member",
        "anonymous",
        "",
    ]
    assert data["series"][-1]["label"] == "Not given"
    september = month(data["forums"], date(2025, 9, 1))
    assert september["counts"] == {
        "frontline": 2,
        "manager": 1,
        "strategic": 0,
        "researcher": 0,
        "community_member": 0,
        "anonymous": 0,
        "": 2,
    }
    assert september["total"] == 5
    assert september["shares"]["frontline"] == 40.0
    assert [cell["count"] for cell in september["cells"]] == [2, 1, 0, 0, 0, 0, 2]
    assert month(data["forums"], date(2025, 8, 1))["counts"]["manager"] == 1
    assert month(data["forums"], date(2025, 7, 1))["total"] == 0

    july = month(data["rooms"], date(2025, 7, 1))
    assert july["counts"]["researcher"] == 1
    # An anonymous message never counts under its author's level: in a small room that would name them.
    assert july["counts"]["frontline"] == 0
    assert july["counts"]["anonymous"] == 1
    assert july["total"] == 2
    assert july["shares"]["researcher"] == 50.0
    assert month(data["rooms"], date(2025, 9, 1))["total"] == 0


def test_a_user_without_a_profile_counts_as_level_not_given():
    from accounts.models import Profile

    user = UserFactory()
    Profile.objects.filter(user=user).delete()
    room_message(RoomFactory(), user, at(2025, 9, 2))
    september = month(reports.participation_by_level(3, NOW)["rooms"], date(2025, 9, 1))
    assert september["counts"][""] == 1


def test_the_default_period_is_twelve_months_up_to_now():
    published_on(GuideFactory(), timezone.now())
    data = reports.published_per_month()
    assert len(data["months"]) == 12
    assert data["months"][-1]["counts"]["guide"] == 1
