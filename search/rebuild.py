"""Rebuilding the Elasticsearch index from the database with no downtime.

A new timestamped index is filled from the database in batches (not with `_reindex`, which the
minimal distribution lacks), while searches keep using the alias. Updates that arrive meanwhile go
to both indices and are remembered; they are replayed from the database before the alias swaps,
so nothing written during a rebuild is lost.
"""

from django.utils import timezone

from search.backends import database_backend, elasticsearch_backend
from search.client import elasticsearch_configured
from search.indexing import build_document, current_document
from search.models import IndexRebuild, PendingIndexUpdate
from search.registry import all_documents, expected_count


def rebuild(progress=None, batch_size=500):
    """Rebuild every backend's index; `progress(done, total)` is called after each batch."""
    total = expected_count()
    progress = progress or (lambda done, total: None)
    database = database_backend()
    if not elasticsearch_configured():
        database.clear()
        done = 0
        for batch in all_documents(batch_size):
            database.upsert([build_document(d) for d in batch])
            done += len(batch)
            progress(done, total)
        return {"backend": "database", "documents": done}

    backend = elasticsearch_backend()
    target = backend.create_index()
    run = IndexRebuild.objects.create(target=target)
    done = 0
    try:
        database.clear()
        for batch in all_documents(batch_size):
            documents = [build_document(d) for d in batch]
            backend.upsert(documents, index=target)
            database.upsert(documents)
            done += len(documents)
            progress(done, total)
        _replay(run, backend, target)
        backend.client.indices.refresh(index=target)
        backend.swap_alias(target)
        _replay(run, backend, None)  # anything written between the first replay and the swap
    except Exception:
        backend.client.indices.delete(index=target, ignore_unavailable=True)
        run.delete()
        raise
    run.finished = timezone.now()
    run.documents = done
    run.save(update_fields=["finished", "documents"])
    PendingIndexUpdate.objects.all().delete()  # the new index was built from the database: nothing is owed
    return {"backend": "elasticsearch", "documents": done, "index": target, "profile": backend.analysis_profile}


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
