"""Keeping the index true to the database: one sync function, run by a task for every change.

The database backend's table is written in the same step (it is also the fallback when
Elasticsearch is down). An Elasticsearch write that fails is stored as a PendingIndexUpdate and
retried, never dropped.
"""

import logging

from django.apps import apps
from django.db import transaction

from search.backends import database_backend, elasticsearch_backend
from search.backends.base import BackendUnavailable
from search.client import elasticsearch_configured
from search.documents import SearchDocument, stream_text
from search.models import IndexRebuild, PendingIndexUpdate, RebuildTouch
from search.registry import document_or_none, is_indexable

logger = logging.getLogger(__name__)
RETRY_BATCH = 50


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
    database = database_backend()
    if document is None:
        database.delete([doc_id])
    else:
        database.upsert([document])
    if elasticsearch_configured():
        _sync_elasticsearch(model_label, object_pk, doc_id, document)


def _sync_elasticsearch(model_label, object_pk, doc_id, document):
    backend = elasticsearch_backend()
    rebuild = IndexRebuild.objects.filter(finished__isnull=True).order_by("-started").first()
    if rebuild is not None:
        RebuildTouch.objects.create(rebuild=rebuild, doc_id=doc_id, model_label=model_label, object_pk=str(object_pk))
    try:
        for index in [None, rebuild.target] if rebuild else [None]:  # None: the live alias
            if document is None:
                backend.delete([doc_id], index=index)
            else:
                backend.upsert([document], index=index)
    except BackendUnavailable as exc:
        _remember_failure(model_label, object_pk, doc_id, document, exc)
        return
    PendingIndexUpdate.objects.filter(doc_id=doc_id).delete()
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


def schedule_sync(instance, doc_id=None):
    """Queue a sync for this object once the current transaction commits."""
    from search.tasks import sync_document

    model_label = instance._meta.label
    object_pk = instance.pk
    doc_id = doc_id or document_id(instance)
    transaction.on_commit(lambda: sync_document.enqueue(model_label, str(object_pk), doc_id))


def document_id(instance):
    return instance.search_document_id()
