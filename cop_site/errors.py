"""Give every HTML "method not allowed" (405) a page in the site's design instead of Django's blank body.

`require_POST` and `require_http_methods` answer a wrong method with an empty 405, which a browser
shows as a blank page: someone who followed or bookmarked the address of a form's action (say
/notifications/read-all/) was left with nothing to read. This replaces that empty body with
templates/405.html, keeping the status, the Allow header and every other header. Under /api/ a
405 that is not JSON (django-ninja answers a wrong method in plain text) gets the API's error shape
(`forums.api.api_error_response`) instead; any other 405 that already says something is left alone.
"""

import json

from django.template.loader import render_to_string


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_plain_api_405(request, response):
            allowed = response.get("Allow", "")
            message = f"{request.method} is not allowed here" + (f"; use {allowed}." if allowed else ".")
            response.content = json.dumps({"error": {"code": "method_not_allowed", "message": message}})
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
