"""What a browser may do with our pages: Content-Security-Policy and Permissions-Policy on every response.

The site's pages run only the scripts and styles we serve from our own origin: no inline <script>,
no <style> block, no style="..." attribute, no onclick=. Injected markup therefore cannot run, even if
it ever got past the template escaping and the post cleaner (forums/markdown.py). JSON data blocks
(`<script type="application/json">`, json_script) are data, not script, and stay allowed. The live
thread and the room connect back over WebSocket to the same host, named in connect-src because
not every browser counts ws:// as 'self'. Editors' embeds may frame the video players in EMBED_FRAMES.

The Wagtail admin and Django's admin (ADMIN_PREFIXES) write inline scripts and styles of their own,
so they get ADMIN_POLICY: the same, but with 'unsafe-inline' for script and style, frames from their
own origin (Wagtail's live preview) and blob: images (upload previews). Only the staff signed in to
them ever see those pages. With DEBUG on, Django's own error pages (inline styles and scripts) get it
too, so a developer's traceback stays readable.

A response that already says what it allows keeps its own policy (Wagtail serves documents with
`default-src 'none'`). Wagtail renders a preview by running a page's own request (a dummy, at the
page's address) through the middleware inside the admin's request: that inner response is left
alone, so the preview is answered under the admin's policy, which lets the editor's page frame it.
"""

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.decorators import sync_and_async_middleware

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
EMBED_FRAMES = ("https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com")

SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # and ws(s)://<this host>, added per request
    "frame-src": list(EMBED_FRAMES),
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
}
ADMIN_POLICY = {
    **SITE_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'", *EMBED_FRAMES],
    "frame-ancestors": ["'self'"],
}

# Powerful features no page of ours uses, denied to our pages and to anything they frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

DEBUG_PAGE_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'  # Django's technical 404/500 and CSRF pages


def content_security_policy(request, response):
    """The policy for this response: the admin's under ADMIN_PREFIXES (and on DEBUG error pages), else the site's."""
    policy = ADMIN_POLICY if request.path.startswith(ADMIN_PREFIXES) or _is_debug_page(response) else SITE_POLICY
    directives = {**policy, "connect-src": [*policy["connect-src"], *_same_host_websocket(request)]}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def _same_host_websocket(request):
    try:
        host = request.get_host()
    except DisallowedHost:  # answered 400 already; 'self' is all it needs
        return []
    return [f"{'wss' if request.is_secure() else 'ws'}://{host}"]


def _is_debug_page(response):
    if not settings.DEBUG or response.status_code < 400 or response.streaming:
        return False
    return DEBUG_PAGE_MARK in response.content


def add_security_headers(request, response):
    if getattr(request, "is_dummy", False):  # a Wagtail preview inside an admin request: the admin's policy
        return response
    response.headers.setdefault("Content-Security-Policy", content_security_policy(request, response))
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    return response


@sync_and_async_middleware
def security_headers_middleware(get_response):
    """Outermost but for SecurityMiddleware, so cached pages, static files and refusals carry the headers too."""
    if iscoroutinefunction(get_response):

        async def middleware(request):
            return add_security_headers(request, await get_response(request))

    else:

        def middleware(request):
            return add_security_headers(request, get_response(request))

    return middleware
