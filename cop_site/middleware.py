"""Refuse a NUL character in an address or a JSON body with a clear 400, before any view sees it.

No one types a NUL, but a client can send one (`%00` in a URL, `\\u0000` in JSON), and PostgreSQL
refuses to store or even compare text that holds one: a search for it, a slug with it or an API post
with it was a 500 there, and SQLite quietly kept it. Forms refuse it at their fields (Django's
`ProhibitNullCharactersValidator`, and the views that read `request.POST` themselves check it), so
form bodies are left to them and their error messages.
"""

from django.http import JsonResponse
from django.shortcuts import render

REASON = "The address or the data sent holds a NUL character (%00), which nothing on this site can use."


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            if request.path.startswith("/api/"):  # the API's error shape (forums.api.api_error_response)
                response = JsonResponse({"error": {"code": "invalid", "message": REASON}}, status=400)
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
