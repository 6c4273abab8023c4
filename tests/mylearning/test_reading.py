"""Reads are counted when a person reads a live content page: for editors' "most read" and for My learning."""

import logging
import os
import time

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from insights import reports
from mylearning import reading
from mylearning.models import MemberRead, PageReadDay
from tests.factories import GuideFactory, MemberFactory, UserFactory, home_page, restrict_view
from tests.pages import signed_in

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


@pytest.fixture
def guide():
    return GuideFactory(title="Running a safe dialogue")


@pytest.fixture
def priya():
    return MemberFactory(username="priya", first_name="Priya", last_name="Practitioner")


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache on, in a cache of this test's own; cache hits written at once."""
    unique = f"reading-test-{os.getpid()}-{time.monotonic_ns()}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": unique}}
    settings.COP_PAGE_CACHE_SECONDS = 300
    settings.COP_READS_FLUSH_SECONDS = 0
    reading._pending.clear()
    yield
    reading._pending.clear()


def read(client, page, **headers):
    response = client.get(page.url, headers={"User-Agent": BROWSER, **headers})
    assert response.status_code == 200
    return response


def reads_today(page):
    """Today's count as editors' "most read" sees it (reads still waiting are written first)."""
    row = reading.day_counts().filter(page_id=page.pk, day=timezone.localdate()).first()
    return row.reads if row else 0


def written_today(page):
    """Today's count as written so far."""
    row = PageReadDay.objects.filter(page_id=page.pk, day=timezone.localdate()).first()
    return row.reads if row else 0


def test_a_visitor_reading_a_guide_is_counted_for_the_day_but_not_as_a_member(client, guide):
    read(client, guide)
    read(client, guide)

    assert reads_today(guide) == 2
    assert not MemberRead.objects.exists()


def test_a_member_reading_a_guide_is_counted_and_remembered(client, guide, priya):
    client.force_login(priya)
    read(client, guide)
    first = MemberRead.objects.get(user=priya, page_id=guide.pk)
    read(client, guide)

    again = MemberRead.objects.get(user=priya, page_id=guide.pk)
    assert again.reads == 2
    assert again.first_read == first.first_read
    assert again.last_read >= first.last_read
    assert reads_today(guide) == 2


def test_a_page_served_from_the_anonymous_cache_is_counted_too(client, guide, page_cache):
    assert read(client, guide)["X-Cache"] == "miss"
    assert read(client, guide)["X-Cache"] == "hit"
    assert read(client, guide)["X-Cache"] == "hit"

    assert reads_today(guide) == 3


def test_daily_counts_are_written_in_batches_when_asked_to(client, guide, priya, page_cache, settings, monkeypatch):
    """Writing every read would cost several times a cache hit, so the daily counts may wait a few seconds."""
    settings.COP_READS_FLUSH_SECONDS = 10
    reading._pending.clear()
    clock = [1000.0]
    monkeypatch.setattr(reading.time, "monotonic", lambda: clock[0])
    reading.flush_pending_reads()  # starts the interval now

    assert read(client, guide)["X-Cache"] == "miss"
    for _ in range(4):
        assert read(client, guide)["X-Cache"] == "hit"
    member = signed_in(priya)
    read(member, guide)
    assert written_today(guide) == 0
    assert MemberRead.objects.get(user=priya).reads == 1  # the member's own read is written at once

    clock[0] += 11
    read(client, guide)  # the first read after the interval writes all seven
    assert written_today(guide) == 7


def test_most_read_counts_the_reads_still_waiting(client, guide, settings):
    settings.COP_READS_FLUSH_SECONDS = 60
    reading._pending.clear()
    reading.flush_pending_reads()  # starts the interval now
    read(client, guide)
    read(client, guide)
    assert written_today(guide) == 0
    assert [(row["title"], row["reads"]) for row in reports.most_read()] == [("Running a safe dialogue", 2)]


def test_head_requests_and_crawlers_are_not_counted(client, guide, page_cache):
    assert client.head(guide.url, headers={"User-Agent": BROWSER}).status_code == 200
    for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "Baiduspider", "CCBot crawler"):
        read(client, guide, **{"User-Agent": agent})  # the second and third are cache hits

    assert reads_today(guide) == 0


def test_a_draft_is_not_counted_when_visited_or_previewed_by_an_editor(client, guide):
    draft = GuideFactory(title="Unpublished guide", live=False)
    assert client.get(draft.url or f"/guides/{draft.slug}/").status_code == 404

    editor = UserFactory(username="edna", is_superuser=True, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]), headers={"User-Agent": BROWSER})
    assert preview.status_code == 200
    assert "Unpublished guide" in preview.content.decode()

    assert reads_today(draft) == 0
    assert not MemberRead.objects.exists()


def test_a_restricted_page_asking_for_its_password_is_not_a_read(client, guide):
    restrict_view(guide)
    response = client.get(guide.url, headers={"User-Agent": BROWSER})
    assert "password" in response.content.decode().lower()
    assert reads_today(guide) == 0


def test_pages_that_are_not_content_such_as_the_home_page_are_not_counted(client, guide, page_cache):
    home = home_page()
    read(client, home)
    read(client, home)  # a cache hit

    assert not PageReadDay.objects.filter(page_id=home.pk).exists()


def test_a_database_error_while_counting_never_breaks_the_page(client, guide, priya, page_cache, monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(reading, "_count", fail)
    with caplog.at_level(logging.WARNING, logger="mylearning.reading"):
        assert "Running a safe dialogue" in read(client, guide).content.decode()  # rendered: a miss
        assert read(client, guide)["X-Cache"] == "hit"
        client.force_login(priya)
        assert "Running a safe dialogue" in read(client, guide).content.decode()

    assert [r.getMessage() for r in caplog.records] == [f"Could not count a read of page {guide.pk}"] * 3


def test_a_first_read_made_by_a_concurrent_request_is_counted_on_its_row(guide, priya, monkeypatch):
    """The UPDATE finds no row, another request then creates it: the INSERT fails and we UPDATE again."""
    PageReadDay.objects.create(page_id=guide.pk, day=timezone.localdate(), reads=5)
    MemberRead.objects.create(user=priya, page_id=guide.pk, reads=3)
    real_add, calls = reading._add, []

    def add_after_a_lost_race(queryset, reads, **changes):
        calls.append(queryset.model)
        if calls.count(queryset.model) == 1:
            return False  # as if the row did not exist yet when we looked
        return real_add(queryset, reads, **changes)

    monkeypatch.setattr(reading, "_add", add_after_a_lost_race)
    assert reading.record_read(guide, priya) is True

    assert reads_today(guide) == 6
    assert MemberRead.objects.get(user=priya, page_id=guide.pk).reads == 4


def test_cached_reads_that_could_not_be_written_wait_for_the_next_flush(guide, page_cache, settings, monkeypatch):
    settings.COP_READS_FLUSH_SECONDS = 60
    reading.flush_pending_reads()  # starts the interval now
    for _ in range(3):
        reading.record_cached_read(guide)
    deleted = GuideFactory(title="Deleted meanwhile")
    reading.record_cached_read(deleted)
    deleted.delete()
    real_count = reading._count

    def locked(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(reading, "_count", locked)
    assert reading.flush_pending_reads() == 0
    assert written_today(guide) == 0

    monkeypatch.setattr(reading, "_count", real_count)
    assert reading.flush_pending_reads() == 3
    assert written_today(guide) == 3
    assert list(PageReadDay.objects.values_list("page_id", flat=True)) == [guide.pk]


def test_a_members_read_of_a_page_they_read_before_is_one_update(guide, priya, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.COP_READS_FLUSH_SECONDS = 60  # the day's count waits in memory, as in production
    reading.record_read(guide, priya)
    first = MemberRead.objects.get(user=priya, page_id=guide.pk)
    with CaptureQueriesContext(connection) as captured:
        assert reading.record_read(guide, priya) is True

    assert [query["sql"].split()[0] for query in captured.captured_queries] == ["UPDATE"]
    again = MemberRead.objects.get(user=priya, page_id=guide.pk)
    assert again.reads == 2
    assert again.first_read == first.first_read
    assert again.last_read > first.last_read
    assert MemberRead.objects.count() == 1
    reading.flush_pending_reads()
