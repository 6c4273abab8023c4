"""A stream's events commit in id order on PostgreSQL, so `?after=<id>` never skips one.

PostgreSQL gives a row its id when it is inserted, not when it commits. Without the per-stream lock
in `forums.live.publish`, a reply posted while another's transaction was still open would commit
first with the higher id; a viewer who saw it and reconnected with `?after=` that id would never
receive the earlier one.
"""

import threading

import pytest
from django.db import connection, transaction

from forums import live
from forums.models import LiveEvent
from tests.services import service_url

pytestmark = pytest.mark.django_db(transaction=True)
STREAM = "thread:424242"


def in_thread(work):
    """Run `work` on a thread with its own database connection; returns (thread, result list)."""
    result = []

    def run():
        try:
            result.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def publish_and_hold_open():
    """Publish {"n": 1} on STREAM in a transaction that stays open: (thread, [event id], event to commit)."""
    published, let_commit = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            event = live.publish(STREAM, "post", {"n": 1})
            published.set()
            let_commit.wait(10)
        return event.pk

    thread, event_id = in_thread(first)
    assert published.wait(10)
    return thread, event_id, let_commit


def test_a_second_event_waits_for_the_first_to_commit_and_replays_after_it():
    service_url("postgresql")
    first_thread, first_id, let_first_commit = publish_and_hold_open()
    second_thread, second_id = in_thread(lambda: live.publish(STREAM, "post", {"n": 2}).pk)

    second_thread.join(0.5)
    assert second_thread.is_alive(), "the second event committed while the first was still open"
    assert not LiveEvent.objects.filter(stream=STREAM).exists()

    let_first_commit.set()
    first_thread.join(10)
    second_thread.join(10)
    assert first_id[0] < second_id[0]
    frames, complete = live.replay(STREAM, first_id[0])
    assert complete
    assert [frame["n"] for frame in frames] == [2]
    assert [frame["n"] for frame in live.replay(STREAM, 0)[0]] == [1, 2]


def test_other_streams_do_not_wait():
    service_url("postgresql")
    first_thread, _, let_first_commit = publish_and_hold_open()
    other_thread, other_id = in_thread(lambda: live.publish("thread:434343", "post", {"n": 1}).pk)
    other_thread.join(5)
    assert not other_thread.is_alive()
    assert other_id
    let_first_commit.set()
    first_thread.join(10)
    assert live.stream_lock_key(STREAM) != live.stream_lock_key("thread:434343")
