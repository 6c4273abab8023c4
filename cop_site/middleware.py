"""What no view should have to answer: a NUL character, and a wrong method's blank 405.

RefuseNulMiddleware refuses a NUL character in an address or a JSON body with a clear 400, before
any view sees it. No one types a NUL, but a client can send one (`%00` in a URL, `\\u0000` in
JSON), and PostgreSQL refuses to store or even compare text that holds one: a search for it, a slug
with it or an API post with it was a 500 there, and SQLite quietly kept it. Forms refuse it at their
fields (Django's `ProhibitNullCharactersValidator`, and the views that read `request.POST` themselves
check it), so form bodies are left to them and their error messages.

MethodNotAllowedPageMiddleware gives every HTML "method not allowed" (405) a page in the site's
design. `require_POST` and `require_http_methods` answer a wrong method with an empty 405, which a
browser shows as a blank page: someone who followed or bookmarked the address of a form's action
(say /notifications/read-all/) was left with nothing to read. This replaces that empty body with
templates/405.html, keeping the status, the Allow header and every other header. Under /api/ a 405
that is not JSON gets the API's error shape (cop_site/errors.py) instead; any other 405 that already
says something is left alone.

Both answer under /api/ in the API's error shape (cop_site.errors.DomainError.as_json).
"""

import json

from django.shortcuts import render
from django.template.loader import render_to_string

from cop_site.errors import DomainError, error_response

REASON = "The address or the data sent holds a NUL character (%00), which nothing on this site can use."


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            if request.path.startswith("/api/"):  # the API's error shape (cop_site/errors.py)
                response = error_response(DomainError("invalid", REASON))
            else:
                response = render(request, "400.html", {"reason": REASON}, status=400)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


def _holds_nul(request):
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
        return True
    if request.content_type == "application/json" and request.method in {"POST", "PUT", "PATCH"}:
        body = request.body.lower()
        return b"\\u0000" in body or b"\x00" in body
    return False


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_plain_api_405(request, response):
            allowed = response.get("Allow", "")
            message = f"{request.method} is not allowed here" + (f"; use {allowed}." if allowed else ".")
            response.content = json.dumps(DomainError("method_not_allowed", message).as_json())
            response["Content-Type"] = "application/json"
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        elif _is_blank_html_405(request, response):
            allowed = {method.strip().upper() for method in response.get("Allow", "").split(",")}
            context = {"opens_as_page": "GET" in allowed}
            response.content = render_to_string("405.html", context, request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
            if response.has_header("Content-Length"):  # CommonMiddleware, further in, counted the empty body
                response["Content-Length"] = str(len(response.content))
        return response


def _is_plain_api_405(request, response):
    return (
        response.status_code == 405
        and not response.streaming
        and request.path.startswith("/api/")
        and not response.get("Content-Type", "").startswith("application/json")
    )


def _is_blank_html_405(request, response):
    return (
        response.status_code == 405
        and not response.streaming
        and not response.content
        and not request.path.startswith("/api/")
    )
