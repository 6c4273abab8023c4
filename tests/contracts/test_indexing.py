"""Publishing, unpublishing, editing, restricting and deleting pages keep every backend's index true."""

import uuid

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search.backends.database import DatabaseBackend
from search.indexing import retry_pending
from search.models import PendingIndexUpdate
from tests.contracts.test_search_backends import search, titles
from tests.factories import CaseStudyFactory
from tests.services import service_url

pytestmark = pytest.mark.django_db


def refreshed(backend):
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend


def test_publish_edit_unpublish_and_delete_update_the_index(backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = CaseStudyFactory(title="Kinship carers in Moray", summary="Peer support for kinship carers.")
    assert titles(search(refreshed(backend), "kinship")) == {"Kinship carers in Moray"}

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Kinship carers in Moray and Nairn"
        page.save_revision().publish()
    assert titles(search(refreshed(backend), "Nairn")) == {"Kinship carers in Moray and Nairn"}

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert search(refreshed(backend), "kinship").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert search(refreshed(backend), "kinship").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert search(refreshed(backend), "kinship").total == 0


def test_a_view_restriction_takes_a_page_out_of_search(backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = CaseStudyFactory(title="Police and youth workers", summary="Joint patrols with youth workers.")
    assert search(refreshed(backend), "patrols").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert search(refreshed(backend), "patrols").total == 0


def test_a_failed_elasticsearch_update_is_kept_and_retried(settings, django_capture_on_commit_callbacks):
    from search.backends.elasticsearch import ElasticsearchBackend

    live_url = service_url("elasticsearch")
    settings.SEARCH_INDEX_PREFIX = f"cop-test-{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with django_capture_on_commit_callbacks(execute=True):
        CaseStudyFactory(title="Island ferries consultation", summary="Islanders shaped the ferry timetable.")
    pending = PendingIndexUpdate.objects.get()
    assert pending.action == "upsert"
    assert "unreachable" in pending.last_error
    assert search(DatabaseBackend(), "ferry").total == 1, "the database backend already has it"

    settings.ELASTICSEARCH_URL = live_url
    try:
        assert retry_pending() == (1, 0)
        assert titles(search(refreshed(backend), "ferry")) == {"Island ferries consultation"}
    finally:
        backend.drop()


def test_rebuild_builds_a_new_index_from_the_database(backend, capsys):
    CaseStudyFactory(title="Community councils online", summary="Hybrid meetings for community councils.")
    CaseStudyFactory(title="Draft plan", summary="Not ready.", live=False)
    call_command("search_index", "rebuild")
    output = capsys.readouterr().out
    assert "Indexed 1 documents" in output
    assert "[##############################] 1/1" in output
    assert titles(search(refreshed(backend), "hybrid")) == {"Community councils online"}
    call_command("search_index", "status")
    assert "in step" in capsys.readouterr().out
