"""Case studies: what a partnership tried, what changed, and what others can learn from it."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.blocks import RICH_FEATURES, body_blocks, document_blocks
from learning.models import Approach, ContentPage, FilteredIndexPage


class CaseStudyPage(ContentPage):
    content_type_key = "casestudy"
    search_body_fields = (
        "lead_organisation",
        "partner_organisations",
        "challenge",
        "what_was_done",
        "what_changed",
        "evaluation",
        "lessons",
    )
    search_prefetch = ("council_area",)

    council_area = models.ForeignKey("learning.CouncilArea", on_delete=models.PROTECT, related_name="case_studies")
    lead_organisation = models.CharField(max_length=200)
    partner_organisations = models.TextField(blank=True, help_text="One organisation per line.")
    approach = models.CharField(max_length=40, choices=Approach.choices)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Leave empty if the work goes on.")
    challenge = StreamField(body_blocks(), help_text="The challenge: what the partnership set out to change.")
    what_was_done = StreamField(body_blocks())
    what_changed = StreamField(body_blocks())
    evaluation = RichTextField(features=RICH_FEATURES, help_text="How the change was evaluated, and by whom.")
    lessons = StreamField(body_blocks(), help_text="Lessons for others trying something similar.")
    evidence_used = ParentalManyToManyField(
        "learning.EvidenceSummaryPage", blank=True, related_name="used_by_case_studies"
    )
    attachments = StreamField(document_blocks(), blank=True, help_text="Reports, evaluations, tools.")

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    search_fields = ContentPage.search_fields + [
        index.SearchField("lead_organisation"),
        index.SearchField("partner_organisations"),
        index.SearchField("challenge"),
        index.SearchField("what_was_done"),
        index.SearchField("what_changed"),
        index.SearchField("lessons"),
        index.FilterField("approach"),
    ]
    content_panels = (
        Page.content_panels
        + ContentPage.taxonomy_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("council_area"),
                    FieldPanel("lead_organisation"),
                    FieldPanel("partner_organisations"),
                    FieldPanel("approach"),
                    FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading="Period"),
                ],
                heading="Where, who and how",
            ),
            FieldPanel("challenge"),
            FieldPanel("what_was_done"),
            FieldPanel("what_changed"),
            FieldPanel("evaluation"),
            FieldPanel("lessons"),
            FieldPanel("evidence_used"),
            FieldPanel("attachments"),
        ]
    )

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def clean(self):
        super().clean()
        if self.start_year and not 1990 <= self.start_year <= 2100:
            raise ValidationError({"start_year": "Enter the year the work started, for example 2017."})
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The work cannot end before it started."})

    def search_document_extra(self):
        return {"region": self.council_area.name}

    @property
    def period(self):
        if not self.end_year:
            return f"{self.start_year} onwards"
        return str(self.start_year) if self.end_year == self.start_year else f"{self.start_year} to {self.end_year}"

    @property
    def partners(self):
        return [line.strip() for line in self.partner_organisations.splitlines() if line.strip()]


class CaseStudyIndexPage(FilteredIndexPage):
    listing_model = CaseStudyPage

    def listing(self):
        return super().listing().select_related("council_area")

    filter_names = ("theme", "sector", "council_area", "approach")
    subpage_types = ["casestudies.CaseStudyPage"]

    class Meta:
        verbose_name = "case study index"
