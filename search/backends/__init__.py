"""Choosing the backend: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise."""

from search.client import elasticsearch_configured


def database_backend():
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def elasticsearch_backend():
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend()


def primary_backend():
    return elasticsearch_backend() if elasticsearch_configured() else database_backend()
