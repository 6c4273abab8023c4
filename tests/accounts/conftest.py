import uuid

import pytest


@pytest.fixture(autouse=True)
def own_cache_namespace(settings):
    """Each test counts sign-ups and sign-ins afresh, in a key space of its own on the same cache backend
    (locmem, or Redis when REDIS_URL is set), so nothing anyone else keeps in the cache is cleared."""
    config = dict(settings.CACHES["default"])
    name = f"accounts-test-{uuid.uuid4().hex}"
    config["KEY_PREFIX"] = f"{config.get('KEY_PREFIX', '')}{name}"
    if config["BACKEND"].endswith("LocMemCache"):
        config["LOCATION"] = name
    settings.CACHES = {**settings.CACHES, "default": config}
