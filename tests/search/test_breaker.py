"""The circuit breaker's states, and how search uses it, with no Elasticsearch at all."""

import threading

import pytest
from django.core.cache import cache

from search import service
from search.backends.base import BackendUnavailable
from search.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker, breaker_for, node_failed, reset
from search.models import PendingIndexUpdate


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


def test_a_new_breaker_is_closed_and_lets_every_read_through(clock):
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    assert breaker.state == CLOSED
    assert all(breaker.allow() for _ in range(5))


def test_a_failure_opens_it_for_the_cooldown(clock):
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failed()
    assert breaker.state == OPEN
    clock.now += 29.9
    assert not breaker.allow()
    assert breaker.state == OPEN


def test_after_the_cooldown_one_trial_goes_through_and_the_rest_wait(clock):
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failed()
    clock.now += 30
    assert breaker.allow(), "the trial"
    assert breaker.state == HALF_OPEN
    assert not breaker.allow(), "others use the database while the trial runs"


def test_a_trial_that_answers_closes_it(clock):
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failed()
    clock.now += 30
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == CLOSED
    assert breaker.allow()
    assert breaker.allow()


def test_a_trial_that_fails_opens_it_for_another_cooldown(clock):
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failed()
    clock.now += 30
    assert breaker.allow()
    breaker.failed()
    assert breaker.state == OPEN
    clock.now += 29
    assert not breaker.allow()
    clock.now += 1
    assert breaker.allow()


def test_a_trial_that_never_reports_back_is_replaced_after_another_cooldown(clock):
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failed()
    clock.now += 30
    assert breaker.allow()
    clock.now += 29
    assert not breaker.allow()
    clock.now += 1
    assert breaker.allow(), "a new trial"


def test_the_cooldown_comes_from_the_setting_when_not_given(settings, clock):
    breaker = CircuitBreaker(clock=clock)
    settings.SEARCH_BREAKER_COOLDOWN = 5
    breaker.failed()
    clock.now += 5
    assert breaker.allow()


def test_threads_racing_past_the_cooldown_get_exactly_one_trial(clock):
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.failed()
    clock.now += 30
    start = threading.Barrier(8)
    allowed = []

    def ask():
        start.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 7 + [True]


def test_there_is_one_breaker_per_elasticsearch_url(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    breaker_for().failed()
    assert breaker_for().state == OPEN
    assert breaker_for("http://127.0.0.1:19200").state == CLOSED
    reset()
    assert breaker_for().state == CLOSED


# --- search.service with stand-in backends --------------------------------------------------------
class Refused(Exception):
    def __init__(self, status_code):
        self.status_code = status_code


def unavailable(cause):
    try:
        raise BackendUnavailable("Elasticsearch is unreachable") from cause
    except BackendUnavailable as exc:
        return exc


def test_only_trouble_with_the_node_counts_as_its_failure():
    assert node_failed(unavailable(TimeoutError("read timed out")))
    assert node_failed(unavailable(Refused(503)))
    assert node_failed(unavailable(Refused(429)))
    assert not node_failed(unavailable(Refused(400))), "the node answered; it refused this one query"


class StandIn:
    def __init__(self, name, fails=False):
        self.name, self.fails, self.calls = name, fails, 0

    def read(self):
        self.calls += 1
        if self.fails:
            raise unavailable(self.fails if isinstance(self.fails, Exception) else TimeoutError("timed out"))
        return self.name


@pytest.fixture
def backends(settings, monkeypatch):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_BREAKER_COOLDOWN = 30
    elasticsearch, database = StandIn("elasticsearch", fails=True), StandIn("database")
    monkeypatch.setattr(service, "primary_backend", lambda: elasticsearch)
    monkeypatch.setattr(service, "database_backend", lambda: database)
    return elasticsearch, database


def read(backend):
    return backend.read()


class StandInTask:
    def __init__(self, enqueue):
        self.enqueue = enqueue


def test_after_one_failure_reads_go_to_the_database_without_asking_elasticsearch(backends):
    elasticsearch, database = backends
    assert service._with_fallback(read) == ("database", True)
    assert service._with_fallback(read) == ("database", True)
    assert service._with_fallback(read) == ("database", True)
    assert (elasticsearch.calls, database.calls) == (1, 3)
    assert breaker_for().state == OPEN


def test_a_query_the_node_refuses_falls_back_alone(backends):
    elasticsearch, _ = backends
    elasticsearch.fails = Refused(400)
    assert service._with_fallback(read) == ("database", True)
    assert breaker_for().state == CLOSED
    service._with_fallback(read)
    assert elasticsearch.calls == 2


@pytest.mark.django_db
def test_elasticsearch_is_asked_again_after_the_cooldown(backends, settings):
    elasticsearch, _ = backends
    service._with_fallback(read)
    settings.SEARCH_BREAKER_COOLDOWN = 0
    elasticsearch.fails = False
    assert service._with_fallback(read) == ("elasticsearch", False)
    assert breaker_for().state == CLOSED
    assert elasticsearch.calls == 2


@pytest.mark.django_db
def test_waiting_updates_make_results_incomplete_and_queue_one_retry_per_interval(backends, monkeypatch):
    elasticsearch, _ = backends
    elasticsearch.fails = False
    queued = []
    monkeypatch.setattr("search.tasks.retry_pending_updates", StandInTask(lambda: queued.append(1)))
    assert service._with_fallback(read) == ("elasticsearch", False)
    assert queued == []

    PendingIndexUpdate.objects.create(doc_id="casestudy-1", action="upsert")
    for _ in range(3):
        assert service._with_fallback(read) == ("elasticsearch", True)
    assert queued == [1], "once per SEARCH_RETRY_INTERVAL"
    cache.delete(service.RETRY_QUEUED_CACHE_KEY)  # the interval has passed
    service._with_fallback(read)
    assert queued == [1, 1]

    PendingIndexUpdate.objects.all().delete()
    assert service._with_fallback(read) == ("elasticsearch", False)


@pytest.mark.django_db
def test_a_task_queue_that_fails_does_not_fail_the_search(backends, monkeypatch):
    elasticsearch, _ = backends
    elasticsearch.fails = False

    def broken():
        raise RuntimeError("task table missing")

    monkeypatch.setattr("search.tasks.retry_pending_updates", StandInTask(broken))
    PendingIndexUpdate.objects.create(doc_id="casestudy-1", action="upsert")
    assert service._with_fallback(read) == ("elasticsearch", True)


def test_without_elasticsearch_the_database_answers_and_nothing_is_incomplete(settings, monkeypatch):
    settings.ELASTICSEARCH_URL = ""
    database = StandIn("database")
    monkeypatch.setattr(service, "primary_backend", lambda: database)
    assert service._with_fallback(read) == ("database", False)
