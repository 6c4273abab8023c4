from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cop_site.api import api
from cop_site.robots import robots_txt
from learning.feeds import LatestContentAtomFeed, LatestContentRssFeed
from learning.sitemap import VisiblePagesSitemap
from learning.views import glossary
from search.views import search_page

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.urls")),
    path("api/v1/", api.urls),
    path("search/", search_page, name="search"),
    path("glossary/", glossary, name="glossary"),
    path("", include("forums.urls_moderation")),  # /moderation/... and /notifications/...
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": VisiblePagesSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("feeds/latest.atom", LatestContentAtomFeed(), name="feed_atom"),
    path("feeds/latest.rss", LatestContentRssFeed(), name="feed_rss"),
    path("", include("forums.urls")),  # /communities/... and the forms discussions post to
    path("rooms/", include("rooms.urls")),  # live rooms; their WebSocket is in rooms/routing.py
    path("share-your-practice/", include("casestudies.urls")),  # members propose case studies
    path("", include("mylearning.urls")),  # /my-learning/, bookmarks, pathway progress, used in practice
]

if settings.COP_SERVE_MEDIA:
    # Uploaded images and documents from this process (dev and `make run`); production's web server serves MEDIA_ROOT.
    from django.urls import re_path
    from django.views.static import serve

    media = rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$"
    urlpatterns += [re_path(media, serve, {"document_root": settings.MEDIA_ROOT})]

if settings.COP_BENCH:
    # bench/pages.py compares pages with the cheapest Django view the same server can answer.
    # /bench/floor/ is the same for a page of the site's design with nothing of its own: what every page pays.
    from django.http import HttpResponse
    from django.shortcuts import render

    def bench_minimal(request):
        return HttpResponse("ok", content_type="text/plain")

    def bench_floor(request):
        return render(request, "bench/floor.html")

    urlpatterns += [path("bench/minimal/", bench_minimal), path("bench/floor/", bench_floor)]

urlpatterns += [path("", include(wagtail_urls))]
