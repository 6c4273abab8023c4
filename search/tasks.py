"""Index updates as background tasks (django-tasks), and scheduling them once a transaction commits."""

from django.db import transaction
from django_tasks import task

from search import indexing

# Ahead of the chores a publish also queues (Wagtail's reference index and admin search): on the
# database queue a worker takes the highest priority first, so what was published is findable first.
SYNC_PRIORITY = 10


@task(priority=SYNC_PRIORITY)
def sync_document(model_label, object_pk, doc_id):
    """Bring one document up to date in every search backend (retried later if Elasticsearch is down)."""
    indexing.sync(model_label, object_pk, doc_id)


@task()
def sync_dependents(model_label, object_pk):
    """Re-sync, in batches, every document built partly from this object (a community's threads and posts)."""
    indexing.sync_dependents(model_label, object_pk)


@task()
def retry_pending_updates():
    indexing.retry_pending()


def schedule_sync(instance, doc_id=None):
    """Queue a sync for this object once the current transaction commits."""
    model_label = instance._meta.label
    object_pk = instance.pk
    doc_id = doc_id or indexing.document_id(instance)
    transaction.on_commit(lambda: sync_document.enqueue(model_label, str(object_pk), doc_id))


def schedule_dependents_sync(instance):
    """Queue one task that re-syncs, in batches, every document built partly from this object (a
    community's threads and posts carry its visibility), once the current transaction commits."""
    model_label = instance._meta.label
    object_pk = str(instance.pk)
    transaction.on_commit(lambda: sync_dependents.enqueue(model_label, object_pk))
