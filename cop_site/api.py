"""The JSON API root (/api/v1/). Each app adds its router here; the OpenAPI document is generated."""

from ninja import NinjaAPI, Schema

from cop_site.health import platform_status
from forums.api import ApiError, api_error_response
from forums.api import router as forums_router
from search.api import router as search_router

api = NinjaAPI(
    title="Communities of Practice API",
    version="1",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


class ServiceStatus(Schema):
    available: bool
    backend: str | None = None
    vendor: str | None = None
    version: str | None = None
    cluster: str | None = None
    detail: str | None = None


class HealthOut(Schema):
    status: str
    database: ServiceStatus
    channel_layer: ServiceStatus
    search: ServiceStatus


@api.get("/health", response=HealthOut, summary="Which services the platform can reach")
def health(request):
    parts = platform_status()
    status = "ok" if all(part["available"] for part in parts.values()) else "degraded"
    return {"status": status, **parts}


api.add_router("", search_router)
api.add_router("", forums_router)
api.add_exception_handler(ApiError, api_error_response)
