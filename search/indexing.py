"""Keeping the index true to the database: one sync function, run by a task for every change.

The database backend's table is written in the same step (it is also the fallback when
Elasticsearch is down). An Elasticsearch write that fails is stored as a PendingIndexUpdate and
retried, never dropped.
"""

import logging

from django.apps import apps
from django.db.models import QuerySet

from search.backends import database_backend, elasticsearch_backend
from search.backends.base import BackendUnavailable
from search.client import elasticsearch_configured
from search.documents import SearchDocument, stream_text
from search.models import IndexRebuild, PendingIndexUpdate, RebuildTouch
from search.registry import document_or_none, documents_for, indexable_models, is_indexable

logger = logging.getLogger(__name__)
RETRY_BATCH = 50
SYNC_BATCH = 500  # objects a batched sync builds and writes at a time


def build_document(data):
    """A SearchDocument from what a model's search_document() returned (body may be stream values)."""
    data = dict(data)
    body = data.get("body", "")
    if not isinstance(body, str):
        body = " ".join(stream_text(part) for part in body)
    data["body"] = body
    summary = data.get("summary", "")
    data["summary"] = summary if isinstance(summary, str) else stream_text(summary)  # plain text stays as written
    return SearchDocument(**data)


def current_document(model_label, object_pk):
    """The document for an object as it is now, or None when it must not be in the index."""
    model = apps.get_model(model_label)
    instance = model._default_manager.filter(pk=object_pk).first()
    if instance is None:
        return None
    if hasattr(instance, "specific"):
        instance = instance.specific
    if not is_indexable(instance):
        return None
    data = document_or_none(instance)
    return build_document(data) if data else None


def sync(model_label, object_pk, doc_id):
    """Bring one document in every backend up to date with the database."""
    document = current_document(model_label, object_pk)
    _write(model_label, [(object_pk, doc_id, document)])


def sync_many(queryset):
    """Bring the documents of every object in `queryset` (one searchable model) up to date, a batch at a
    time: each batch's documents are built together (the model's search_documents()) and written with
    one request per backend, rather than a task and a write per object."""
    model = queryset.model
    if model not in indexable_models():
        return 0
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), SYNC_BATCH):
        _sync_batch(model, pks[start : start + SYNC_BATCH])
    return len(pks)


def _sync_batch(model, pks):
    doc_ids = {obj.pk: obj.search_document_id() for obj in model._default_manager.filter(pk__in=pks)}
    current = list(model.search_queryset().filter(pk__in=pks))
    documents = {obj.pk: build_document(data) for obj, data in zip(current, documents_for(model, current), strict=True)}
    _write(model._meta.label, [(pk, doc_id, documents.get(pk)) for pk, doc_id in doc_ids.items()])


def _write(model_label, items):
    """Write (object_pk, doc_id, document or None to delete) items to every backend."""
    database = database_backend()
    gone = [doc_id for _, doc_id, document in items if document is None]
    documents = [document for _, _, document in items if document is not None]
    if gone:
        database.delete(gone)
    if documents:
        database.upsert(documents)
    if elasticsearch_configured():
        _sync_elasticsearch(model_label, items)


def _sync_elasticsearch(model_label, items):
    backend = elasticsearch_backend()
    rebuild = IndexRebuild.objects.filter(finished__isnull=True).order_by("-started").first()
    if rebuild is not None:
        RebuildTouch.objects.bulk_create(
            RebuildTouch(rebuild=rebuild, doc_id=doc_id, model_label=model_label, object_pk=str(object_pk))
            for object_pk, doc_id, _ in items
        )
    gone = [doc_id for _, doc_id, document in items if document is None]
    documents = [document for _, _, document in items if document is not None]
    try:
        for index in [None, rebuild.target] if rebuild else [None]:  # None: the live alias
            if gone:
                backend.delete(gone, index=index)
            if documents:
                backend.upsert(documents, index=index)
    except BackendUnavailable as exc:
        for object_pk, doc_id, document in items:
            _remember_failure(model_label, object_pk, doc_id, document, exc)
        return
    PendingIndexUpdate.objects.filter(doc_id__in=[doc_id for _, doc_id, _ in items]).delete()
    retry_pending(limit=RETRY_BATCH)


def _remember_failure(model_label, object_pk, doc_id, document, exc):
    logger.warning("search index update for %s failed, kept for retry: %s", doc_id, exc)
    pending, _ = PendingIndexUpdate.objects.get_or_create(
        doc_id=doc_id,
        defaults={
            "action": "delete" if document is None else "upsert",
            "model_label": model_label,
            "object_pk": str(object_pk),
        },
    )
    pending.action = "delete" if document is None else "upsert"
    pending.attempts += 1
    pending.last_error = str(exc)[:2000]
    pending.save()


_retrying = False


def retry_pending(limit=None):
    """Retry stored failures against Elasticsearch. Returns (succeeded, still_pending)."""
    global _retrying
    if _retrying or not elasticsearch_configured():
        return 0, PendingIndexUpdate.objects.count()
    _retrying = True
    succeeded = 0
    try:
        backend = elasticsearch_backend()
        queryset = PendingIndexUpdate.objects.order_by("updated")
        for pending in queryset[:limit] if limit else queryset:
            document = current_document(pending.model_label, pending.object_pk) if pending.model_label else None
            try:
                if document is None:
                    backend.delete([pending.doc_id])
                else:
                    backend.upsert([document])
            except BackendUnavailable as exc:
                pending.attempts += 1
                pending.last_error = str(exc)[:2000]
                pending.save(update_fields=["attempts", "last_error", "updated"])
                break  # still down: leave the rest for the next attempt
            pending.delete()
            succeeded += 1
    finally:
        _retrying = False
    return succeeded, PendingIndexUpdate.objects.count()


def sync_dependents(model_label, object_pk):
    """Re-sync what the object's `search_dependents()` names: searchable objects, or querysets of them
    (synced in batches)."""
    instance = apps.get_model(model_label)._default_manager.filter(pk=object_pk).first()
    if instance is None:
        return  # deleted since: its dependents' own deletions were synced
    for dependent in instance.search_dependents():
        if isinstance(dependent, QuerySet):
            sync_many(dependent)
        elif dependent is not None and dependent.pk is not None and is_indexable(dependent):
            sync(dependent._meta.label, dependent.pk, document_id(dependent))


def document_id(instance):
    return instance.search_document_id()
