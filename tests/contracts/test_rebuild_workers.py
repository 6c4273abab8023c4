"""`search_index rebuild` shares its batches among worker processes on PostgreSQL: the same index results."""

import pytest
from django.db import connection

from learning.models import CouncilArea
from search.backends.database import DatabaseBackend
from search.rebuild import rebuild
from search.registry import expected_count
from tests.contracts.test_search_backends import search, titles
from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory


@pytest.mark.django_db(transaction=True)
def test_worker_processes_fill_every_backend(backend, settings):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need PostgreSQL (DATABASE_URL)")
    settings.SEARCH_REBUILD_WORKERS = 2
    fife, _ = CouncilArea.objects.get_or_create(slug="fife", defaults={"name": "Fife"})  # a flush took the seeded one
    for number in range(5):
        CaseStudyFactory(title=f"Kelpie case study {number}", summary="Kelpie workshops.", council_area=fife)
        EvidenceFactory(title=f"Kelpie evidence {number}", summary="What kelpie workshops achieved.")
    GuideFactory(title="Running kelpie workshops", summary="How to run a kelpie workshop.")
    CaseStudyFactory(title="Draft kelpie plan", summary="Not ready.", live=False, council_area=fife)

    result = rebuild(batch_size=2)
    assert result["workers"] == 2
    assert result["documents"] == expected_count() == 11
    if hasattr(backend, "refresh"):
        backend.refresh()
    assert backend.count() == 11
    assert DatabaseBackend().count() == 11
    found = search(backend, "kelpie")
    assert found.total == 11
    assert "Draft kelpie plan" not in titles(found)
    assert connection.vendor == "postgresql", "the command's own connection is usable again"
