import logging

from django.apps import AppConfig

logger = logging.getLogger("search")


class SearchConfig(AppConfig):
    name = "search"
    label = "cop_search"
    verbose_name = "Search"

    def ready(self):
        from search import signals  # noqa: F401  (connects the index-update receivers)
        from search.client import certificates_unverified

        if certificates_unverified():
            logger.warning(
                "ELASTICSEARCH_VERIFY_CERTS is off: the Elasticsearch cluster's certificate is NOT checked, so anyone "
                "between this site and the cluster can read and change searches and the index. For tests only; "
                "set ELASTICSEARCH_CA_CERTS instead."
            )
