from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest"] = [
            page.specific for page in visible_pages(ContentPage.objects.all()).order_by("-first_published_at")[:6]
        ]
        return context
