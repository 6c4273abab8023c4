"""Which real services this run may use.

A service-backed test asks for its service here. When the service's URL is not set the test is
skipped, unless COP_REQUIRE_SERVICES=1, when a missing service fails the run: CI must never pass
by quietly skipping the real thing.
"""

import os

import pytest

SERVICE_VARIABLES = {
    "postgresql": "DATABASE_URL",
    "redis": "REDIS_URL",
    "elasticsearch": "ELASTICSEARCH_URL",
}


def services_required():
    return os.environ.get("COP_REQUIRE_SERVICES", "").strip() in {"1", "true", "yes"}


def unavailable(message):
    """Skip the test, or fail it when services are required (CI must not pass by skipping)."""
    if services_required():
        pytest.fail(f"{message}, and COP_REQUIRE_SERVICES=1 requires it")
    pytest.skip(message)


def service_url(service):
    """The URL of a real service, or skip (fail when services are required) if it is not set."""
    variable = SERVICE_VARIABLES[service]
    url = os.environ.get(variable, "").strip()
    if service == "postgresql" and url and not url.startswith(("postgres://", "postgresql://")):
        url = ""
    if not url:
        unavailable(f"{variable} does not point at {service}")
    return url
