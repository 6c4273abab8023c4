"""Rebuilding the Elasticsearch index from the database with no downtime.

A new timestamped index is filled from the database in batches (not with `_reindex`, which the
minimal distribution lacks), while searches keep using the alias. Updates that arrive meanwhile go
to both indices and are remembered; they are replayed from the database before the alias swaps,
so nothing written during a rebuild is lost.

On PostgreSQL, outside a transaction, the batches are shared among SEARCH_REBUILD_WORKERS worker
processes: building a document and analysing its text for each backend is Python work, which one
process does on one core at a time.
"""

import multiprocessing
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from search import client
from search.backends import database_backend, elasticsearch_backend
from search.client import elasticsearch_configured
from search.indexing import build_document, current_document
from search.models import IndexRebuild, PendingIndexUpdate
from search.registry import all_documents, documents_for, expected_count, indexable_models


class Timings(dict):
    """Seconds spent in each part of a rebuild, for the command's report and the benchmark. With
    worker processes the parts are summed over the workers; `total` is always the wall-clock time."""

    @contextmanager
    def part(self, name):
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - started

    def add(self, other):
        for name, seconds in other.items():
            self[name] = self.get(name, 0.0) + seconds

    def rounded(self):
        return {name: round(seconds, 2) for name, seconds in self.items()}


def rebuild(progress=None, batch_size=500, workers=None):
    """Rebuild every backend's index; `progress(done, total)` is called after each batch.

    The result says where the time went (`seconds`): building documents, writing Elasticsearch,
    writing the database backend's table, and finishing (replay, refresh, merge, alias swap)."""
    started = time.perf_counter()
    timings = Timings()
    total = expected_count()
    progress = progress or (lambda done, total: None)
    workers = _workers(workers)
    database = database_backend()
    if not elasticsearch_configured():
        with timings.part("database"):
            database.clear()
        done = 0
        for count in _fill(None, batch_size, workers, timings):
            done += count
            progress(done, total)
        timings["total"] = time.perf_counter() - started
        return {"backend": "database", "documents": done, "workers": workers, "seconds": timings.rounded()}

    backend = elasticsearch_backend()
    target = backend.create_index()
    run = IndexRebuild.objects.create(target=target)
    done = 0
    try:
        with timings.part("database"):
            database.clear()
        # No refreshes while it fills: nobody searches this index yet, and each refresh makes a segment to merge.
        backend.client.indices.put_settings(index=target, settings={"index": {"refresh_interval": "-1"}})
        for count in _fill(target, batch_size, workers, timings):
            done += count
            progress(done, total)
        with timings.part("finishing"):
            backend.client.indices.put_settings(index=target, settings={"index": {"refresh_interval": None}})
            _replay(run, backend, target)
            backend.client.indices.refresh(index=target)
            backend.swap_alias(target)
            _replay(run, backend, None)  # anything written between the first replay and the swap
    except BaseException:
        backend.client.indices.delete(index=target, ignore_unavailable=True)
        run.delete()
        raise
    run.finished = timezone.now()
    run.documents = done
    run.save(update_fields=["finished", "documents"])
    PendingIndexUpdate.objects.all().delete()  # the new index was built from the database: nothing is owed
    timings["total"] = time.perf_counter() - started
    return {
        "backend": "elasticsearch",
        "documents": done,
        "index": target,
        "profile": backend.analysis_profile,
        "workers": workers,
        "seconds": timings.rounded(),
    }


def _workers(requested):
    """Worker processes for this rebuild: 1 (this process) unless the database can serve several
    (PostgreSQL) and nothing here holds a transaction open that the workers could not see."""
    wanted = requested if requested is not None else settings.SEARCH_REBUILD_WORKERS
    if wanted <= 1 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1
    return wanted


def _fill(target, batch_size, workers, timings):
    """Write every document to the new index (`target`; None: the database backend only) and the
    database backend's table; yields how many documents each batch held."""
    if workers == 1:
        for documents in _documents(batch_size, timings):
            _write(documents, target, timings)
            yield len(documents)
        return
    slices = list(_slices(batch_size))
    connections.close_all()  # forked workers must open connections of their own, never share these
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_started)
    try:
        pending = {pool.submit(_fill_slice, *piece, target) for piece in slices}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                count, worked = future.result()  # a worker's error stops the rebuild here
                timings.add(worked)
                yield count
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _documents(batch_size, timings):
    """Batches of SearchDocuments, the time spent building them counted as `documents`."""
    batches = all_documents(batch_size)
    while True:
        with timings.part("documents"):
            batch = next(batches, None)
            documents = None if batch is None else [build_document(d) for d in batch]
        if documents is None:
            return
        yield documents


def _write(documents, target, timings):
    if target is not None:
        with timings.part("elasticsearch"):
            elasticsearch_backend().upsert(documents, index=target)
    with timings.part("database"):
        database_backend().upsert(documents)


def _slices(batch_size):
    """(model label, first pk, last pk) of every batch, in the order a single process would write them."""
    for model in indexable_models():
        pks = list(model.search_queryset().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch_size):
            batch = pks[start : start + batch_size]
            yield model._meta.label, batch[0], batch[-1]


def _worker_started():
    client._client_for.cache_clear()  # the parent's Elasticsearch connections are not this process's


def _fill_slice(model_label, first_pk, last_pk, target):
    """In a worker: build one batch's documents and write them; returns their number and the timings."""
    timings = Timings()
    model = apps.get_model(model_label)
    with timings.part("documents"):
        objects = list(model.search_queryset().filter(pk__gte=first_pk, pk__lte=last_pk).order_by("pk"))
        documents = [build_document(data) for data in documents_for(model, objects)]
    _write(documents, target, timings)
    return len(documents), dict(timings)


def _replay(run, backend, index):
    for touch in run.touches.all():
        document = current_document(touch.model_label, touch.object_pk)
        if document is None:
            backend.delete([touch.doc_id], index=index)
        else:
            backend.upsert([document], index=index)


def status():
    database = database_backend()
    report = {
        "expected": expected_count(),
        "database": database.count(),
        "pending": list(
            PendingIndexUpdate.objects.order_by("created").values("doc_id", "action", "attempts", "last_error")
        ),
    }
    if elasticsearch_configured():
        backend = elasticsearch_backend()
        report["elasticsearch"] = backend.count()
        report["indices"] = backend.current_indices()
        report["profile"] = backend.analysis_profile
    return report
