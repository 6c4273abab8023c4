from django_tasks import task

from search import indexing


@task()
def sync_document(model_label, object_pk, doc_id):
    """Bring one document up to date in every search backend (retried later if Elasticsearch is down)."""
    indexing.sync(model_label, object_pk, doc_id)


@task()
def retry_pending_updates():
    indexing.retry_pending()
