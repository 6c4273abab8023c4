"""The one place that builds the Elasticsearch client, so timeouts and URLs are set once."""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch


class SearchUnavailable(Exception):
    """Elasticsearch is configured but cannot be reached."""


def elasticsearch_configured():
    return bool(settings.ELASTICSEARCH_URL)


@lru_cache(maxsize=4)
def _client_for(url, options=()):
    # options: ELASTICSEARCH_OPTIONS as sorted pairs (credentials, CA file, verification), hashable for the cache.
    return Elasticsearch(url, request_timeout=5, max_retries=1, retry_on_timeout=False, **dict(options))


def get_client():
    if not elasticsearch_configured():
        raise SearchUnavailable("ELASTICSEARCH_URL is not set")
    return _client_for(settings.ELASTICSEARCH_URL, tuple(sorted(settings.ELASTICSEARCH_OPTIONS.items())))


def certificates_unverified():
    """True when ELASTICSEARCH_VERIFY_CERTS=false turned off the checks of the cluster's certificate."""
    return elasticsearch_configured() and settings.ELASTICSEARCH_OPTIONS.get("verify_certs") is False


def server_info():
    """Name and version of the node, or SearchUnavailable with the reason."""
    client = get_client()
    try:
        # The minimal distribution has no handler for `GET /`, so ask the nodes API instead of info().
        nodes = client.nodes.info(node_id="_local", metric="_none", filter_path="cluster_name,nodes.*.version")
    except Exception as exc:  # transport errors come in many classes; all mean "not reachable"
        raise SearchUnavailable(f"Elasticsearch at {settings.ELASTICSEARCH_URL} is unreachable: {exc}") from exc
    versions = [node["version"] for node in nodes.get("nodes", {}).values()]
    return {"cluster": nodes["cluster_name"], "version": versions[0] if versions else "unknown"}
