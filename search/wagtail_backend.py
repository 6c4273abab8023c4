"""Wagtail's admin search on the same Elasticsearch cluster (modelsearch's elasticsearch9 backend).

modelsearch's index settings use ngram and ASCII-folding filters from the analysis-common module,
which the minimal distribution lacks. On such a cluster the analysers are replaced by core-only
ones (partial-word matching in the admin is lost, everything else works); on a full cluster the
settings are modelsearch's own. The check runs when an index is first created, not at start-up.

Its indices get SEARCH_INDEX_SHARDS shards and SEARCH_INDEX_REPLICAS replicas (1 and 0 unless set),
as ours do: modelsearch leaves Elasticsearch's default of one replica, which a single node can never
place, so every Wagtail index, and the cluster, would stay yellow. INDEX_SETTINGS in
WAGTAILSEARCH_BACKENDS still wins.
"""

import copy

from django.conf import settings as django_settings
from elasticsearch import ApiError, TransportError
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.utils import deep_update

CORE_ONLY_ANALYSIS = {
    "analyzer": {
        "ngram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
    },
}


class CoreAwareElasticsearch9SearchBackend(Elasticsearch9SearchBackend):
    _checked = False

    def __init__(self, params):
        shape = {
            "number_of_shards": django_settings.SEARCH_INDEX_SHARDS,
            "number_of_replicas": django_settings.SEARCH_INDEX_REPLICAS,
        }
        params = dict(params)
        params["INDEX_SETTINGS"] = deep_update({"settings": {"index": shape}}, params.get("INDEX_SETTINGS", {}))
        super().__init__(params)

    @property
    def settings(self):
        if "_full_settings" not in self.__dict__:  # modelsearch reads its class-level defaults first
            self._full_settings = copy.deepcopy(Elasticsearch9SearchBackend.settings)
        if self._checked or not hasattr(self, "es"):
            return self._full_settings
        self._checked = True
        try:
            self.es.indices.analyze(tokenizer="standard", filter=["asciifolding"], text="check")
        except (ApiError, TransportError):
            core = copy.deepcopy(self._full_settings)
            core["settings"]["analysis"] = CORE_ONLY_ANALYSIS
            self._full_settings = core
        return self._full_settings

    @settings.setter
    def settings(self, value):
        self._full_settings = value


SearchBackend = CoreAwareElasticsearch9SearchBackend
