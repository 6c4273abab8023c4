"""The Elasticsearch client reaches the real node, and says clearly when it cannot."""

import pytest

from search.client import SearchUnavailable, server_info
from tests.services import service_url


def test_client_reaches_the_node_and_reports_version_9(settings):
    settings.ELASTICSEARCH_URL = service_url("elasticsearch")
    info = server_info()
    assert info["version"].startswith("9.")
    assert info["cluster"]


def test_unreachable_node_is_reported_not_raised_raw(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(SearchUnavailable, match="unreachable"):
        server_info()


def test_no_url_means_no_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(SearchUnavailable, match="not set"):
        server_info()
