"""Anonymous visitors get cached pages; signed-in members, restricted pages and anything after a publish never do.

Every test runs on the embedded cache (locmem) and on Redis when REDIS_URL is set.
"""

import os
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.text import slugify
from wagtail import hooks
from wagtail.models import PageViewRestriction

from cop_site.page_cache import PageCacheMiddleware
from learning.models import HomePage, Sector
from tests.factories import CaseStudyFactory, UserFactory, home_page
from tests.services import service_url

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """Page caching on, over each cache backend, with a cache no other test shares."""
    unique = f"page-cache-test-{os.getpid()}-{time.monotonic_ns()}"
    if request.param == "locmem":
        cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": unique}
    else:
        cache = {
            "BACKEND": "cop_site.cache.FailSafeRedisCache",
            "LOCATION": service_url("redis"),
            "KEY_PREFIX": unique,
        }
    settings.CACHES = {"default": cache}
    settings.COP_PAGE_CACHE_SECONDS = 300
    yield request.param
    if request.param == "redis":
        from django.core.cache import cache as default_cache

        client = default_cache._cache.get_client(None, write=True)
        for key in client.scan_iter(f"{unique}:*"):
            client.delete(key)


@pytest.fixture
def home():
    return home_page()


def child_page(title):
    """A published page under the home page. It uses the home page's template, so these tests do not
    depend on the content types' templates; what is cached does not depend on the page type."""
    page = home_page().add_child(instance=HomePage(title=title, slug=slugify(title)))
    page.save_revision().publish()
    return page


def get(client, path="/", **extra):
    response = client.get(path, **extra)
    return response, response.get("X-Cache")


def test_an_anonymous_visitor_gets_the_second_view_from_the_cache(client, page_cache, home):
    first, first_cache = get(client)
    second, second_cache = get(client)
    assert first.status_code == second.status_code == 200
    assert (first_cache, second_cache) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_head_requests_are_served_from_the_cache_too(client, page_cache, home):
    get(client)
    response = client.head("/")
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_a_signed_in_member_never_gets_a_cached_page_nor_fills_the_cache(client, page_cache, home):
    get(client)  # an anonymous visitor fills the cache
    member = UserFactory(username="priya", first_name="Priya", last_name="Practitioner")
    client.force_login(member)
    for _ in range(2):
        response, cache = get(client)
        assert cache != "hit"
        assert "Signed in as Priya Practitioner" in response.content.decode()

    client.logout()
    client.cookies.clear()
    response, cache = get(client)
    assert cache == "hit"
    assert "Signed in as" not in response.content.decode()


def test_a_page_rendered_with_a_csrf_token_is_never_cached(client, page_cache, home):
    def use_csrf_token(page, request, serve_args, serve_kwargs):
        get_token(request)

    with hooks.register_temporarily("before_serve_page", use_csrf_token):
        caches = [get(client)[1] for _ in range(3)]
    assert caches == ["miss", "miss", "miss"]


def test_publishing_a_new_revision_shows_at_once(client, page_cache, home):
    get(client)
    assert get(client)[1] == "hit"

    home.title = "Learning together across Scotland"
    home.save_revision().publish()

    response, cache = get(client)
    assert cache == "miss"
    assert "Learning together across Scotland" in response.content.decode()
    assert get(client)[1] == "hit"


def test_publishing_any_page_makes_every_cached_page_stale(client, page_cache, home):
    """The home page lists the latest content, so a new case study must show there at once."""
    get(client)
    CaseStudyFactory(title="Participatory budgeting in Dundee")
    assert get(client)[1] == "miss"


def test_an_unpublished_page_is_gone_at_once(client, page_cache, home):
    page = child_page(title="Self-directed support in Fife")
    assert get(client, page.url)[0].status_code == 200
    assert get(client, page.url)[1] == "hit"

    page.unpublish()

    assert client.get(page.url).status_code == 404


def test_a_deleted_page_is_gone_at_once(client, page_cache, home):
    page = child_page(title="Community-led action planning in Argyll")
    get(client, page.url)
    assert get(client, page.url)[1] == "hit"

    page.delete()

    assert client.get(page.url).status_code == 404


def test_a_page_with_a_view_restriction_is_never_cached(client, page_cache, home):
    page = child_page(title="Restricted: draft evaluation")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret-2026")
    for _ in range(2):
        response, cache = get(client, page.url)
        assert cache != "hit"
        assert "Restricted: draft evaluation" not in response.content.decode().split("<main", 1)[-1]


def test_restricting_a_cached_page_takes_it_out_of_the_cache(client, page_cache, home):
    page = child_page(title="Co-production in Glasgow")
    get(client, page.url)
    assert get(client, page.url)[1] == "hit"

    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)
    assert response.status_code == 302
    assert response.get("X-Cache") != "hit"


def test_a_taxonomy_change_makes_cached_pages_stale(client, page_cache, home):
    get(client)
    Sector.objects.create(name="Housing associations")
    assert get(client)[1] == "miss"


def test_a_new_comment_makes_cached_pages_stale(client, page_cache, home):
    from forums.models import LiveEvent

    get(client)
    assert get(client)[1] == "hit"
    LiveEvent.objects.create(stream="thread:1", type="post", payload={"post": {"id": 1}})
    assert get(client)[1] == "miss"


def test_query_strings_are_separate_pages(client, page_cache, home):
    assert get(client, "/?page=1")[1] == "miss"
    assert get(client, "/?page=2")[1] == "miss"
    assert get(client, "/?page=1")[1] == "hit"
    assert get(client, "/")[1] == "miss"


def test_hosts_are_separate_pages(client, page_cache, home, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    get(client)
    assert get(client, HTTP_HOST="localhost")[1] == "miss"


def test_a_visitor_with_a_session_is_served_fresh(client, page_cache, home, settings):
    get(client)
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response, cache = get(client)
    assert response.status_code == 200
    assert cache is None


def test_no_caching_when_turned_off(client, page_cache, home, settings):
    settings.COP_PAGE_CACHE_SECONDS = 0
    assert [get(client)[1] for _ in range(2)] == [None, None]


async def test_in_asgi_mode_the_middleware_serves_hits_without_calling_the_view(rf, page_cache):
    """The server runs the middleware in async mode; a hit must come back without rendering."""
    renders = []

    async def wagtail_page(request):
        renders.append(request.path)
        request._page_cache_public_page = True
        request.user = AnonymousUser()
        return HttpResponse(f"<h1>Render {len(renders)}</h1>")

    middleware = PageCacheMiddleware(wagtail_page)
    first = await middleware(rf.get("/guides/"))
    second = await middleware(rf.get("/guides/"))
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content == b"<h1>Render 1</h1>"
    assert renders == ["/guides/"]


def test_pages_still_serve_when_redis_is_down(client, home, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "cop_site.cache.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.COP_PAGE_CACHE_SECONDS = 300
    for _ in range(2):
        response, cache = get(client)
        assert response.status_code == 200
        assert cache == "miss"
    home.save_revision().publish()  # invalidation with Redis down does not fail the publish
    assert client.get("/").status_code == 200
