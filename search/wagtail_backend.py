"""Wagtail's admin search on the same Elasticsearch cluster (modelsearch's elasticsearch9 backend).

modelsearch's index settings use ngram and ASCII-folding filters from the analysis-common module,
which the minimal distribution lacks. On such a cluster the analysers are replaced by core-only
ones (partial-word matching in the admin is lost, everything else works); on a full cluster the
settings are modelsearch's own. The check runs when an index is first created, not at start-up.
"""

import copy

from elasticsearch import ApiError, TransportError
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

CORE_ONLY_ANALYSIS = {
    "analyzer": {
        "ngram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
    },
}


class CoreAwareElasticsearch9SearchBackend(Elasticsearch9SearchBackend):
    _checked = False

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
