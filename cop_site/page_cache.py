"""Whole-page caching of Wagtail pages for anonymous visitors, invalidated on every publish.

Most visitors read pages without signing in, and a rendered page is the same for all of them, so
the finished response is kept in Django's `default` cache (locmem in the embedded profile, Redis
at scale) and served again without routing, querying or rendering.

What is cached is deliberately narrow: a GET of a Wagtail page, by a visitor with no session or
messages cookie, answered 200 with no cookie set, not marked private/no-store/no-cache, that used
no CSRF token (so no form for signed-in users is ever shared) and whose page has no view
restriction. Everything else passes through untouched.

Invalidation is cache-wide: every entry carries the generation it was rendered under, and any
publish, unpublish, move or deletion of a page, any change to a view restriction, to the
taxonomy, to a site or to an image or document starts a new generation, so everything cached
before it is stale at once. Listings, related content and the home page all show other pages,
so finer-grained invalidation would be easy to get wrong for little gain. The generation is a
random token rather than a counter, so a generation key that was evicted can never come back to
an old value. With locmem each server process has its own cache: changes made by another process
(a management command such as `publish_scheduled`) show there after COP_PAGE_CACHE_SECONDS at
most. With Redis every process shares the generation, and a Redis outage only means no caching.

`X-Cache: hit|miss` on every Wagtail page an anonymous visitor gets tells operators what happened.

A hit never reaches Wagtail, so its hooks cannot see it: each entry remembers which page it is
(id and content type), and every hit runs the `page_cache_hit` Wagtail hooks with a stub of that
page (only `pk` and `content_type_id` set, so `specific_class` works without a query) and the
request. Counting reads (mylearning/reading.py) is what needs it.
"""

import hashlib
import logging
import uuid

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.apps import AppConfig
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from cop_site import fragments

GENERATION_KEY = "page-cache:generation"
ENTRY_KEY = "page-cache:page2:{}"  # page2: entries also name their page, see page_served_from_cache()
HIT_HOOK = "page_cache_hit"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage: a visitor with a pending message
UNCACHEABLE_CACHE_CONTROL = {"private", "no-store", "no-cache"}
SAFE_VARY = {"cookie"}  # only visitors without a session or messages cookie are served from the cache
MAX_PATH_LENGTH = 2000

logger = logging.getLogger(__name__)


def cache_seconds():
    """How long a page is kept; 0 turns page caching off."""
    return int(getattr(settings, "COP_PAGE_CACHE_SECONDS", 300))


def _cache():
    return caches["default"]


def _new_generation():
    return uuid.uuid4().hex


def invalidate(**kwargs):
    """Make every cached page, and every fragment of the site's content, stale: now and again on commit.

    The bump after commit closes the race where a request renders the old content between the
    first bump and the commit and stores it under the new generation. Whatever changes a page
    for visitors changes the shared parts of members' pages too (cop_site/fragments.py CONTENT).
    """
    _renew_pages()
    fragments.bump(fragments.CONTENT)


def _renew_pages():
    _cache().set(GENERATION_KEY, _new_generation(), None)
    transaction.on_commit(lambda: _cache().set(GENERATION_KEY, _new_generation(), None))


# --- The cache itself: plain functions the middleware calls in sync or async mode ---------------
def candidate_key(request):
    """The cache key for this request, or None when it may not be served from or stored in the cache."""
    if request.method not in ("GET", "HEAD") or cache_seconds() <= 0:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return None
    path = request.get_full_path()
    if len(path) > MAX_PATH_LENGTH:
        return None
    url = f"{request.scheme}://{request.get_host()}{path}"
    return ENTRY_KEY.format(hashlib.sha256(url.encode()).hexdigest())


def lookup(key):
    """Return (cached response or None, the generation a fresh render would be stored under)."""
    cache = _cache()
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # First request, evicted key or cache unavailable: start a generation; store only if that worked.
        generation = _new_generation()
        if not cache.add(GENERATION_KEY, generation, None):
            return None, None
        return None, generation
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return None, generation
    _, status, headers, content, page_ref = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Cache"] = "hit"
    response.page_cache_page_ref = page_ref
    return response, generation


def is_cacheable(request, response):
    if request.method != "GET" or not getattr(request, "_page_cache_public_page", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if _header_tokens(response, "Cache-Control") & UNCACHEABLE_CACHE_CONTROL:
        return False
    return _header_tokens(response, "Vary") <= SAFE_VARY


def _header_tokens(response, name):
    """The comma-separated tokens of a header, lower case, without values: {"max-age", "private"}."""
    parts = cc_delim_re.split(response.get(name, ""))
    return {part.split("=")[0].strip().lower() for part in parts if part.strip()}


def store(request, response, key, generation):
    if not hasattr(request, "_page_cache_public_page"):
        return  # not a Wagtail page (an API call, a form, a 404): no X-Cache header either
    response.headers["X-Cache"] = "miss"
    if generation is None or not is_cacheable(request, response):
        return
    headers = [(name, value) for name, value in response.headers.items() if name != "X-Cache"]
    page_ref = getattr(request, "_page_cache_page_ref", None)
    _cache().set(key, (generation, response.status_code, headers, response.content, page_ref), cache_seconds())


def page_served_from_cache(request, response):
    """Run the `page_cache_hit` hooks for a hit; a failing hook is logged, never the visitor's problem."""
    page_ref = getattr(response, "page_cache_page_ref", None)
    if page_ref is None:
        return
    from wagtail import hooks
    from wagtail.models import Page

    hit_hooks = hooks.get_hooks(HIT_HOOK)
    page = Page(pk=page_ref[0], content_type_id=page_ref[1]) if hit_hooks else None
    for hook in hit_hooks:
        try:
            hook(page, request)
        except Exception:
            logger.warning("A %s hook failed for page %s", HIT_HOOK, page.pk, exc_info=True)


class PageCacheMiddleware:
    """Serves anonymous visitors' Wagtail pages from the cache; stores the ones that qualify.

    Sits after SecurityMiddleware and WhiteNoise and before the session: a hit skips sessions,
    authentication, routing and rendering. In ASGI mode a locmem hit never leaves the event loop;
    a network cache is called in a worker thread so a slow Redis cannot stall the loop.
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
        key = candidate_key(request)
        if key is None:
            return self.get_response(request)
        cached, generation = lookup(key)
        if cached is not None:
            page_served_from_cache(request, cached)
            return cached
        request._page_cache_candidate = True
        response = self.get_response(request)
        store(request, response, key, generation)
        return response

    async def __acall__(self, request):
        key = candidate_key(request)
        if key is None:
            return await self.get_response(request)
        cached, generation = await _call_cache(lookup, key)
        if cached is not None:
            await sync_to_async(page_served_from_cache)(request, cached)
            return cached
        request._page_cache_candidate = True
        response = await self.get_response(request)
        await _call_cache(store, request, response, key, generation)
        return response


async def _call_cache(function, *args):
    if isinstance(_cache(), LocMemCache):
        return function(*args)
    return await sync_to_async(function, thread_sensitive=False)(*args)


# --- Wiring: which page is being served, and what makes the cache stale -------------------------
def note_page_restrictions(page, request, serve_args, serve_kwargs):
    """Wagtail's before_serve_page hook: only pages without view restrictions may be stored."""
    if getattr(request, "_page_cache_candidate", False):
        request._page_cache_public_page = not page.get_view_restrictions().exists()
        request._page_cache_page_ref = (page.pk, page.content_type_id)


def _invalidate_on_model_change(sender, **kwargs):
    invalidate()


def _invalidate_on_live_event(sender, instance, **kwargs):
    """A post, comment, edit or removal: every cached page (a page shows its comments), and the
    fragments of that thread only (its stream is the fragment scope, "thread:12")."""
    _renew_pages()
    fragments.bump(instance.stream)


def _invalidate_on_page_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate()


def connect_invalidation():
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from taggit.models import ItemBase
    from wagtail import hooks
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    hooks.register("before_serve_page", note_page_restrictions)
    uid = "cop_site.page_cache"
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_invalidate_on_model_change, dispatch_uid=f"{uid}.{id(signal)}")
    post_delete.connect(_invalidate_on_page_delete, dispatch_uid=f"{uid}.page_delete")
    m2m_changed.connect(
        _invalidate_on_model_change, sender=PageViewRestriction.groups.through, dispatch_uid=f"{uid}.restriction_groups"
    )

    watched = {PageViewRestriction, Site, get_image_model(), get_document_model()}
    # Comments render inside cached pages: every live event (a post, an edit, a removal) changes one.
    if apps.is_installed("forums"):
        live_event = apps.get_model("forums", "LiveEvent")
        for signal in (post_save, post_delete):
            signal.connect(_invalidate_on_live_event, sender=live_event, dispatch_uid=f"{uid}.live_event")
    for model in apps.get_models():
        taxonomy = model.__module__ == "learning.models.taxonomy" and not issubclass(model, ItemBase)
        if taxonomy or issubclass(model, BaseSiteSetting | BaseGenericSetting):
            watched.add(model)
    for model in watched:
        for signal in (post_save, post_delete):
            signal.connect(_invalidate_on_model_change, sender=model, dispatch_uid=f"{uid}.{model._meta.label}")


class PageCacheConfig(AppConfig):
    """Installed so the invalidation signals are connected in every process, commands included."""

    name = "cop_site.page_cache"
    label = "cop_page_cache"
    verbose_name = "Page cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        connect_invalidation()
