"""The test profile: the dev profile with fast hashing and no collected static files needed."""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SEARCH_INDEX_PREFIX = "cop-test"
# A busy test machine can take longer than the production 0.4 s over a search; the fault tests
# (tests/search/test_elasticsearch_faults.py) set the production value.
SEARCH_READ_TIMEOUT = 5
# Cached pages would outlive the per-test database rollback; tests of the page cache turn it on.
COP_PAGE_CACHE_SECONDS = 0
COP_FRAGMENT_SECONDS = 0  # likewise the shared parts of pages; tests of fragments turn it on
# Daily read counts waiting in memory would be written into a later test's database; tests of batching turn it on.
COP_READS_FLUSH_SECONDS = 0
if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{SEARCH_INDEX_PREFIX}-wagtail-"  # noqa: F405
# Tests share one cache per process; the Redis cache is tested by the tests that ask for it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The API's limit for visitors is tested on its own (tests/cop_site/test_api_rate_limit.py); other tests call freely.
COP_API_ANONYMOUS_RATE_LIMIT = 1_000_000
