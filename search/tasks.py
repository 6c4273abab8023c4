from django_tasks import task

from search import indexing


@task()
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
