"""The one error type of the platform's rules, and the one table that says how each refusal answers.

Services (forums, rooms, moderation) refuse with `DomainError(code, message)`: a code a program can
branch on and words a person can act on. Each protocol shows it from here, once:

- HTTP status: `STATUS[code]` (400 for a code not listed), or the status the error was given;
- the JSON API and every JSON error under /api/: `as_json()`, the `ErrorOut` shape
  {"error": {"code", "message", "fields"?}} (cop_site/api.py maps Django Ninja's own errors to it too);
- pages: the message in the page's error summary, answered with `status`;
- room sockets: an `error` frame {code, detail: message} (cop_site/frames.py), and for `NotAllowed`
  (rooms/errors.py) a close with its close code.
"""

from django.http import JsonResponse
from ninja import Field, Schema

STATUS = {
    "invalid": 400,
    "empty": 400,
    "too_long": 400,
    "forbidden": 403,
    "suspended": 403,
    "locked": 403,
    "csrf": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "invalid_parameters": 422,
    "rate_limited": 429,
}


class DomainError(Exception):
    """A refusal: nothing was changed. `fields` names the parameters or fields at fault, when some are."""

    def __init__(self, code, message, status=None, fields=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or STATUS.get(code, 400)
        self.fields = fields

    def as_json(self):
        detail = {"code": self.code, "message": self.message}
        if self.fields:
            detail["fields"] = self.fields
        return {"error": detail}


def error_response(error, **headers):
    """The JSON answer to a refusal, in the API's shape, with its status."""
    return JsonResponse(error.as_json(), status=error.status, headers=headers or None)


# --- the shape, as the OpenAPI document describes it ------------------------------------------------
class ErrorDetail(Schema):
    code: str = Field(description="What went wrong, for programs: " + ", ".join(sorted(STATUS)) + ".")
    message: str = Field(description="What went wrong, in words for the person.")
    fields: dict[str, str] | None = Field(
        None, description="For invalid_parameters: each parameter or body field at fault, and what is wrong with it."
    )


class ErrorOut(Schema):
    error: ErrorDetail
