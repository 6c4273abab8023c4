"""Index pages: a listing of one content type with filters kept in the URL."""

import functools

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from learning.page_fragments import PageFragments
from learning.visibility import visible_pages

from .filters import FILTERS, filter_options, filter_pages
from .pages import EvidenceSummaryPage, LearningPathwayPage, PracticeGuidePage

PAGE_SIZE = 12


class FilteredIndexPage(Page):
    """Lists the children of one type a visitor may see; each subclass names its model and filters."""

    intro = models.TextField(blank=True)

    listing_model = None  # the page class listed
    filter_names = ()
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        abstract = True

    def listing(self):
        pages = visible_pages(self.listing_model.objects.descendant_of(self))
        return pages.order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        """The listing's context, each value worked out on first use: a listing served from its
        fragment (learning/page_fragments.py) runs none of the queries."""
        context = super().get_context(request, *args, **kwargs)
        listing = functools.cache(lambda: self.listing_context(request))
        for name in ("results", "filters", "filter_options", "active_filters", "filter_errors"):
            context[name] = SimpleLazyObject(lambda name=name: listing()[name])
        query = request.GET.copy()
        query.pop("page", None)
        context.update(query_string=query.urlencode(), page_fragments=PageFragments(self, request))
        return context

    def listing_context(self, request):
        listing = self.listing()
        pages, active, errors = filter_pages(listing, self.filter_names, request.GET)
        paginator = Paginator(pages.select_related("image"), PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            errors.append("The page number must be a whole number.")
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        return {
            "results": results,
            "filters": [
                {
                    "name": name,
                    "label": FILTERS[name].label,
                    "choices": FILTERS[name].choices(),
                    "selected": active.get(name, []),
                }
                for name in self.filter_names
            ],
            "filter_options": filter_options(listing, self.filter_names, active),
            "active_filters": active,
            "filter_errors": errors,
        }

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Only a query string can hold a filter error; without one the listing need not be worked out.
        if request.GET and getattr(response, "context_data", {}).get("filter_errors"):
            response.status_code = 400
        return response


class EvidenceIndexPage(FilteredIndexPage):
    filter_names = ("theme", "sector", "country", "study_type", "strength")
    subpage_types = ["learning.EvidenceSummaryPage"]

    @property
    def listing_model(self):
        return EvidenceSummaryPage

    class Meta:
        verbose_name = "evidence index"


class GuideIndexPage(FilteredIndexPage):
    filter_names = ("theme", "sector", "skill")
    subpage_types = ["learning.PracticeGuidePage"]

    @property
    def listing_model(self):
        return PracticeGuidePage

    class Meta:
        verbose_name = "guide index"


class PathwayIndexPage(FilteredIndexPage):
    filter_names = ("theme", "sector")
    subpage_types = ["learning.LearningPathwayPage"]

    @property
    def listing_model(self):
        return LearningPathwayPage

    class Meta:
        verbose_name = "pathway index"
