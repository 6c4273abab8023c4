"""Atom and RSS feeds of the newest case studies, evidence summaries and practice guides.

Only pages anyone may see appear (learning.visibility: no drafts, nothing in a private area), the same
rule the listings and search follow.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import get_page_models

from learning.models import ContentPage, ContentPageTheme
from learning.visibility import visible_pages

FEED_SIZE = 20
FEED_TYPES = ("casestudy", "evidence", "guide")  # pathways only arrange this content, so they stay out


def feed_page_models():
    """The ContentPage subclasses the feed carries, found by their type key (learning never imports casestudies)."""
    return [
        model for model in get_page_models() if issubclass(model, ContentPage) and model.content_type_key in FEED_TYPES
    ]


def latest_content(request, limit=FEED_SIZE):
    """The newest live, public pages of the feed types, specific, each with `feed_link` and `feed_themes`."""
    pages = list(
        visible_pages(ContentPage.objects.type(*feed_page_models()))
        .order_by("-first_published_at", "-pk")
        .specific()[:limit]
    )
    themes = defaultdict(list)
    links = ContentPageTheme.objects.filter(content_object_id__in=[page.pk for page in pages]).order_by("tag__name")
    for page_id, name in links.values_list("content_object_id", "tag__name"):
        themes[page_id].append(name)
    for page in pages:
        page.feed_link = page.get_url(request=request)
        page.feed_themes = themes[page.pk]
    return pages


class LatestContentRssFeed(Feed):
    title = f"{settings.WAGTAIL_SITE_NAME}: new case studies, evidence and guides"
    description = "The newest case studies, evidence summaries and practice guides for Scotland's public services."
    link = "/"
    feed_url = reverse_lazy("feed_rss")

    def get_object(self, request, *args, **kwargs):
        # The feed object is shared by every request: the request travels as the "object" instead,
        # so item links resolve against the site the reader asked for.
        return request

    def items(self, request):
        return latest_content(request)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        # Stable across slug changes and moves: the page's own UUID.
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return item.feed_themes


class LatestContentAtomFeed(LatestContentRssFeed):
    feed_type = Atom1Feed
    feed_url = reverse_lazy("feed_atom")
    subtitle = LatestContentRssFeed.description
