"""Choosing the backend: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise."""

from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.client import elasticsearch_configured


def database_backend():
    return DatabaseBackend()


def elasticsearch_backend():
    return ElasticsearchBackend()


def primary_backend():
    return elasticsearch_backend() if elasticsearch_configured() else database_backend()
