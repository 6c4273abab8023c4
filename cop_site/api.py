"""The JSON API root (/api/v1/). Each app adds its router here; the OpenAPI document is generated.

Every error the API answers has one shape, `cop_site.errors.ErrorOut`: the services' DomainErrors, and
Django Ninja's own answers too (a body it cannot parse, a parameter of the wrong type, a missing page),
each turned into a DomainError here, so no client ever sees Ninja's {"detail": ...}.
"""

import json
import threading

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.openapi.docs import Swagger
from ninja.parser import Parser
from ninja.throttling import BaseThrottle

from casestudies.api import router as casestudies_router
from cop_site.errors import DomainError, error_response
from cop_site.health import platform_status
from forums.api import router as forums_router
from forums.community_api import router as communities_router
from forums.inquiry_api import router as inquiries_router
from forums.ratelimit import RateLimited, hit
from learning.api import router as learning_router
from learning.open_data import example
from rooms.api import router as rooms_router
from search.api import router as search_router

UNREADABLE = "The request body could not be read: send a JSON object, with Content-Type: application/json."
NOT_UNICODE = "The data sent holds text that is not valid Unicode (a lone surrogate such as \\ud800)."
CODE_OF_STATUS = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 429: "rate_limited"}


class JsonBody(Parser):
    """JSON bodies, refusing text that cannot be stored or shown: JSON may escape half of a surrogate
    pair ("\\ud800"), which Python decodes into a string that no UTF-8 encoder, database or HTML cleaner takes."""

    def parse_body(self, request):
        data = json.loads(request.body)
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError as exc:
            raise DomainError("invalid", NOT_UNICODE) from exc
        return data


class AnonymousCallers(BaseThrottle):
    """Visitors' calls, counted per address in forums/ratelimit.py's fixed window: COP_API_ANONYMOUS_RATE_LIMIT
    calls a minute. Signed-in members are not counted here (their writes have limits of their own).

    The address is the connection's (REMOTE_ADDR), never an X-Forwarded-For header a caller can write: behind
    the proxy the ASGI server already puts the client's address there (uvicorn --proxy-headers, trusted only
    from the proxy's address; docs/deploy.md)."""

    WINDOW = 60

    def __init__(self):
        self.refused = threading.local()  # Ninja asks wait() straight after allow_request(), in the same thread

    def allow_request(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        try:
            address = request.META.get("REMOTE_ADDR", "")
            hit(f"api-anonymous:{address}", settings.COP_API_ANONYMOUS_RATE_LIMIT, self.WINDOW)
        except RateLimited as exc:
            self.refused.retry_after = exc.retry_after
            return False
        return True

    def wait(self):
        return getattr(self.refused, "retry_after", self.WINDOW)


class DocumentedApi(NinjaAPI):
    """The API, whose document lists the 429 every operation may answer a visitor calling too often."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        refused = {
            "description": "Too many calls from this address without signing in: wait Retry-After seconds.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(429, refused)
        return schema


class OwnSwagger(Swagger):
    """Swagger UI from the project's own static files (npm's swagger-ui-dist, copied by make), so /api/v1/docs
    works offline and under the site's Content-Security-Policy: templates/api/swagger.html, static/js/api-docs.js."""

    template = "api/swagger.html"


api = DocumentedApi(
    title="Communities of Practice API",
    version="1",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=OwnSwagger(),
    parser=JsonBody(),
    throttle=[AnonymousCallers()],
)


@api.exception_handler(DomainError)
def domain_error(request, exc):
    return error_response(exc)


@api.exception_handler(Throttled)
def throttled(request, exc):
    message = (
        f"Too many calls from this address without signing in. Try again in {exc.wait or 60} seconds, "
        "or sign in: members are not limited this way."
    )
    return error_response(DomainError("rate_limited", message))


@api.exception_handler(HttpError)
def ninja_http_error(request, exc):
    """Ninja's own refusals: a body it could not parse (our parser's DomainError, when that was why)."""
    if isinstance(exc.__cause__, DomainError):
        return error_response(exc.__cause__)
    if exc.status_code == 400:
        return error_response(DomainError("invalid", UNREADABLE))
    return error_response(DomainError(CODE_OF_STATUS.get(exc.status_code, "invalid"), str(exc), exc.status_code))


@api.exception_handler(ValidationError)
def ninja_validation_error(request, exc):
    """A parameter or body field of the wrong type, missing or out of range: 422, naming each one."""
    fields = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]  # ("path", "thread_id"), ("body", "payload", "body")
        name = ".".join(location[2:] if location[:1] == ["body"] else location[1:]) or "body"
        fields.setdefault(name, error.get("msg", "is not valid"))
    message = "Check " + "; ".join(f"{name}: {problem}" for name, problem in fields.items()) + "."
    return error_response(DomainError("invalid_parameters", message, fields=fields))


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(DomainError("not_found", "There is nothing here."))


def unreadable_request(request, exc):
    """A body Django cannot read (a multipart body without its boundary, too many fields...): a 400, not a 500."""
    return error_response(DomainError("invalid", UNREADABLE))


for unreadable in (MultiPartParserError, BadRequest, SuspiciousOperation):
    api.add_exception_handler(unreadable, unreadable_request)


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


UP = {"available": True, "backend": None, "vendor": None, "version": None, "cluster": None, "detail": None}


@api.get(
    "/health",
    response=HealthOut,
    summary="Which services the platform can reach",
    openapi_extra=example(
        {
            "status": "ok",
            "database": {**UP, "vendor": "postgresql"},
            "channel_layer": {**UP, "backend": "redis"},
            "search": {**UP, "backend": "elasticsearch", "version": "9.1.0"},
        }
    ),
)
def health(request):
    parts = platform_status()
    status = "ok" if all(part["available"] for part in parts.values()) else "degraded"
    return {"status": status, **parts}


api.add_router("", search_router)
api.add_router("", forums_router)
api.add_router("", rooms_router)
api.add_router("", casestudies_router)
api.add_router("", learning_router)
api.add_router("", communities_router)
api.add_router("", inquiries_router)
