"""Finding the page a URL names without walking the page tree on every request.

Wagtail routes `/case-studies/some-page/` by asking the site's root page for its child
`case-studies`, that page for its child `some-page`, and each for its specific type: two queries a
level. The answer only changes when a page is published, unpublished, moved or deleted, which is
exactly what bumps the site content generation (cop_site/fragments.py CONTENT), so the page itself
(its specific row as it was found, without the parents it was found through) is kept under it: a
kept route costs no query. A draft saved since changes nothing a visitor or member is served (the
page's fields are its live content until the next publish, which bumps the generation).

Only routes found by Wagtail's own `Page.route` at every level are kept (a page type that routes
sub-paths itself, or answers with arguments, is walked every time), and only live pages: a miss,
a 404 or anything unusual is left to Wagtail.

Before routing, Wagtail looks up the request's Site (a query) and its root page's specific type (a
query). `KnownSiteMiddleware` hands Wagtail the Site, with its specific root page, that the last
page view on this host found (`remember_site`, called from the root page's route), kept under the
same generation: a change to a site or a publish of the root page is seen at once.
"""

import copy

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http.request import split_domain_port
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from cop_site.fragments import CONTENT, Fragment


def route(root, request, path_components):
    """What `root.route(request, path_components)` answers, from the kept route when there is one."""
    remember_site(request, root)
    if not path_components or getattr(request, "is_preview", False):
        return Page.route(root, request, path_components)
    spec = Fragment("page-route", scopes=(CONTENT,), parts=(root.pk, tuple(path_components)))
    kept, generations = spec.lookup()
    if kept is not None:
        return RouteResult(kept)
    result = Page.route(root, request, path_components)
    page, args, kwargs = result
    if not args and not kwargs and page.live and _plainly_routed(page, root):
        spec.store(_alone(page), generations)
    return result


def _alone(page):
    """The page without the parents Wagtail cached on it while routing (they are not needed to serve it)."""
    kept = copy.copy(page)
    kept.__dict__.pop("_cached_parent_obj", None)
    return kept


def _plainly_routed(page, root):
    """Whether Wagtail's own route found `page` at every level below `root` (parents it cached on the way)."""
    while page is not None and page.pk != root.pk:
        if type(page).route is not Page.route:
            return False
        page = page.__dict__.get("_cached_parent_obj")
    return page is not None


# --- The request's Site --------------------------------------------------------------------------
def _site_spec(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    return Fragment("wagtail-site", scopes=(CONTENT,), parts=(hostname, request.get_port()))


def known_site(request):
    """The Site kept for this request's host and port (with its specific root page), or None."""
    site, _ = _site_spec(request).lookup()
    return site


def remember_site(request, root):
    """Keep the Site Wagtail found for this request, its root page already specific, unless it came from here."""
    site = request.__dict__.get("_wagtail_site")
    if site is None or getattr(request, "_cop_known_site", False) or site.root_page_id != root.pk:
        return
    spec = _site_spec(request)
    _, generations = spec.lookup()
    site.root_page = root  # the specific root: a kept site routes without the query for its type
    spec.store(site, generations)


class KnownSiteMiddleware:
    """Hands Wagtail the Site kept for this host on GET and HEAD requests (a hit saves two queries).

    In ASGI mode a locmem lookup never leaves the event loop; a network cache is asked from a worker
    thread so a slow Redis cannot stall the loop (as cop_site/page_cache.py does).
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        if request.method in ("GET", "HEAD"):
            _use(request, known_site(request))
        return self.get_response(request)

    async def __acall__(self, request):
        if request.method in ("GET", "HEAD"):
            if isinstance(caches["default"], LocMemCache):
                site = known_site(request)
            else:
                site = await sync_to_async(known_site, thread_sensitive=False)(request)
            _use(request, site)
        return await self.get_response(request)


def _use(request, site):
    if site is not None:
        request._wagtail_site = site
        request._cop_known_site = True
