from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cop_site import page_routes
from learning.page_fragments import PageFragments
from learning.visibility import visible_pages

from .pages import ContentPage


class HomePage(Page):
    """The front door: what the platform is for and where to start."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the page title.")
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        """As Wagtail routes, with the pages it found kept until the next publish (cop_site/page_routes.py)."""
        return page_routes.route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        """`latest` is worked out on first use: served from its fragment, the home page runs no query for it."""
        context = super().get_context(request, *args, **kwargs)
        context["latest"] = SimpleLazyObject(self.latest)
        context["page_fragments"] = PageFragments(self, request)
        return context

    def latest(self):
        return [page.specific for page in visible_pages(ContentPage.objects.all()).order_by("-first_published_at")[:6]]
