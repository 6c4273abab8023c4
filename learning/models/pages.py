"""The content every practitioner reads: a shared base page and the learning/ page types."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index

from learning.blocks import RICH_FEATURES, PathwayStepBlock, body_blocks, document_blocks, step_blocks
from learning.page_fragments import PageFragments
from learning.ratings import COST_CRITERIA, IMPACT_CRITERIA, STRENGTH_CRITERIA, Cost, EvidenceStrength, Impact, scale
from learning.visibility import may_be_restricted, visible_pages

from .taxonomy import ContentPageTheme, StudyType

# Wagtail hooks that add to a pathway page's context: fn(page, request) -> dict. The apps above
# content register them (mylearning: the member's progress), so content never imports them.
PATHWAY_CONTEXT_HOOK = "pathway_page_context"


class ContentPage(Page):
    """What every case study, evidence summary, guide and pathway has: a summary, themes, sectors.

    Concrete (multi-table) so that feeds, related content and search can treat all four alike.
    """

    content_type_key = ""  # casestudy, evidence, guide or pathway: the type name in the public API

    summary = models.TextField(help_text="Two or three sentences: what a practitioner will learn here.")
    themes = ClusterTaggableManager(
        through=ContentPageTheme, blank=True, help_text="Themes, for example co-production."
    )
    sectors = ParentalManyToManyField("learning.Sector", blank=True, related_name="+")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown on listings and in social previews.",
    )

    is_creatable = False
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("live")]
    taxonomy_panels = [FieldPanel("summary"), FieldPanel("themes"), FieldPanel("sectors"), FieldPanel("image")]

    class Meta:
        verbose_name = "content page"

    # --- Search: the methods search/ calls (apps never import search/) ---------------------------
    search_body_fields = ()  # the fields whose text makes the document's body
    search_vocabularies = ("sectors",)  # many-to-many fields whose names the document lists
    search_prefetch = ()  # other relations search_document() reads

    @classmethod
    def search_queryset(cls):
        """What belongs in the search index: the pages a visitor may see (learning.visibility)."""
        return visible_pages(cls.objects.all()).specific()

    @classmethod
    def search_documents(cls, pages):
        """search_document() for a batch of pages (a rebuild), with what each reads fetched once for the
        batch: a query per relation rather than per page, and the site's root paths (for `url`) once."""
        pages = list(pages)
        if not pages:
            return []
        ids = [page.pk for page in pages]
        names = {pk: {relation: [] for relation in ("themes", *cls.search_vocabularies)} for pk in ids}
        themes = ContentPageTheme.objects.filter(content_object_id__in=ids).order_by("pk")  # as self.themes lists them
        for pk, name in themes.values_list("content_object_id", "tag__name"):
            names[pk]["themes"].append(name)
        for relation in cls.search_vocabularies:
            field = cls._meta.get_field(relation)
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = field.remote_field.through._default_manager.filter(**{f"{source}_id__in": ids})
            for pk, name in rows.order_by(f"{target}__name").values_list(f"{source}_id", f"{target}__name"):
                names[pk][relation].append(name)  # vocabularies are listed by name
        models.prefetch_related_objects(pages, *cls.search_prefetch)
        root_paths = Site.get_site_root_paths()
        for page in pages:
            page._search_names = names[page.pk]
            page._wagtail_cached_site_root_paths = root_paths  # where Page.url keeps them for one page
        return [page.search_document() for page in pages]

    def search_names(self, relation):
        """The names of the page's themes or of one of its vocabularies, in the order the relation lists them."""
        fetched = self.__dict__.get("_search_names")
        if fetched is not None:
            return fetched[relation]
        return [item.name for item in getattr(self, relation).all()]

    def search_document_id(self):
        return f"page-{self.pk}"

    def search_document(self):
        return {
            "doc_id": self.search_document_id(),
            "type": self.content_type_key,
            "title": self.title,
            "url": self.url,
            "published": self.first_published_at,
            "summary": self.summary,
            "body": [getattr(self, name) for name in self.search_body_fields],
            "themes": self.search_names("themes"),
            "sectors": self.search_names("sectors"),
            **self.search_document_extra(),
        }

    def search_document_extra(self):
        return {}

    personal_parts = ()  # parts of this page type's template that hold the member's own state (never shared)

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page, without asking the database for a page that no restricted
        area covers (learning.visibility.restricted_areas, read once per page view)."""
        if not may_be_restricted(self):
            nothing = PageViewRestriction.objects.none()
            nothing._result_cache = []  # known empty: Wagtail's loop over it (every page view) builds no query
            return nothing
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_fragments"] = parts = PageFragments(self, request, personal=self.personal_parts)
        parts.prefetch("meta", "breadcrumbs", "header", "body")
        return context

    def related_pages(self, limit=3):
        """Other content a visitor may see sharing the most themes with this page (newest first on a tie)."""
        theme_ids = [theme.pk for theme in self.themes.all()]
        if not theme_ids:
            return []
        candidates = (
            visible_pages(ContentPage.objects.all())
            .exclude(pk=self.pk)
            .filter(tagged_themes__tag_id__in=theme_ids)
            .annotate(shared=models.Count("tagged_themes", filter=models.Q(tagged_themes__tag_id__in=theme_ids)))
            .order_by("-shared", "-first_published_at")
        )
        return list(candidates.specific(defer=True)[:limit])


class EvidenceSummaryPage(ContentPage):
    content_type_key = "evidence"
    search_body_fields = ("question", "key_findings", "implications", "limitations", "source_citation")
    search_vocabularies = (*ContentPage.search_vocabularies, "countries")

    question = models.TextField(help_text="The question the evidence addresses.")
    countries = ParentalManyToManyField("learning.Country", related_name="+")
    source_citation = models.TextField(help_text="Authors, year, title, publisher.")
    source_url = models.URLField(blank=True, max_length=500)
    study_type = models.CharField(max_length=30, choices=StudyType.choices)
    strength = models.PositiveSmallIntegerField(
        choices=EvidenceStrength.choices, help_text="Strength of evidence, 0 to 5: see the criteria for each level."
    )
    impact = models.CharField(max_length=20, choices=Impact.choices, default=Impact.UNKNOWN)
    cost = models.CharField(max_length=20, choices=Cost.choices, default=Cost.UNKNOWN)
    key_findings = StreamField(body_blocks())
    implications = StreamField(body_blocks(), help_text="What the findings mean for practice in Scotland.")
    limitations = RichTextField(features=RICH_FEATURES, blank=True)

    parent_page_types = ["learning.EvidenceIndexPage"]
    subpage_types = []
    search_fields = ContentPage.search_fields + [
        index.SearchField("question"),
        index.SearchField("key_findings"),
        index.SearchField("implications"),
        index.FilterField("study_type"),
        index.FilterField("strength"),
    ]
    content_panels = (
        Page.content_panels
        + ContentPage.taxonomy_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("question"),
                    FieldPanel("countries"),
                    FieldPanel("source_citation"),
                    FieldPanel("source_url"),
                    FieldPanel("study_type"),
                ],
                heading="The evidence",
            ),
            MultiFieldPanel([FieldPanel("strength"), FieldPanel("impact"), FieldPanel("cost")], heading="Ratings"),
            FieldPanel("key_findings"),
            FieldPanel("implications"),
            FieldPanel("limitations"),
        ]
    )

    class Meta:
        verbose_name = "evidence summary"
        verbose_name_plural = "evidence summaries"

    def clean(self):
        super().clean()
        if self.strength is not None and not 0 <= self.strength <= 5:
            raise ValidationError({"strength": "Strength of evidence runs from 0 to 5."})

    def strength_scale(self):
        return scale(EvidenceStrength, STRENGTH_CRITERIA)

    def impact_scale(self):
        return scale(Impact, IMPACT_CRITERIA)

    def cost_scale(self):
        return scale(Cost, COST_CRITERIA)

    @property
    def strength_criteria(self):
        return STRENGTH_CRITERIA[self.strength]

    def search_document_extra(self):
        return {
            "countries": self.search_names("countries"),
            "study_type": self.get_study_type_display(),
            "strength": self.strength,
        }


class PracticeGuidePage(ContentPage):
    content_type_key = "guide"
    search_body_fields = ("purpose", "audience", "steps", "tips")

    purpose = models.TextField(help_text="What the guide helps a practitioner do.")
    audience = models.TextField("who it is for")
    time_needed = models.CharField(max_length=100, help_text="For example: two half-day workshops")
    skills = ParentalManyToManyField("learning.Skill", related_name="+")
    steps = StreamField(step_blocks())
    tips = StreamField(body_blocks(), blank=True)
    resources = StreamField(document_blocks(), blank=True)

    parent_page_types = ["learning.GuideIndexPage"]
    subpage_types = []
    search_fields = ContentPage.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("audience"),
        index.SearchField("steps"),
    ]
    content_panels = (
        Page.content_panels
        + ContentPage.taxonomy_panels
        + [
            FieldPanel("purpose"),
            FieldPanel("audience"),
            FieldPanel("time_needed"),
            FieldPanel("skills"),
            FieldPanel("steps"),
            FieldPanel("tips"),
            FieldPanel("resources"),
            InlinePanel("related_case_studies", label="Related case studies"),
        ]
    )

    class Meta:
        verbose_name = "practice guide"

    def clean(self):
        super().clean()
        if self.steps is not None and len(self.steps) == 0:
            raise ValidationError({"steps": "A guide needs at least one step."})


class GuideRelatedCaseStudy(Orderable):
    """A case study that shows a guide in use (learning/ names it only as a page, not by import)."""

    guide = ParentalKey(PracticeGuidePage, related_name="related_case_studies", on_delete=models.CASCADE)
    case_study = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("case_study", page_type="casestudies.CaseStudyPage")]


class LearningPathwayPage(ContentPage):
    content_type_key = "pathway"
    search_body_fields = ("introduction", "steps")

    introduction = RichTextField(features=RICH_FEATURES, blank=True)
    steps = StreamField([("step", PathwayStepBlock())])

    parent_page_types = ["learning.PathwayIndexPage"]
    subpage_types = []
    search_fields = ContentPage.search_fields + [index.SearchField("introduction"), index.SearchField("steps")]
    content_panels = (
        Page.content_panels
        + ContentPage.taxonomy_panels
        + [
            FieldPanel("introduction"),
            FieldPanel("steps"),
        ]
    )

    personal_parts = ("body",)  # the member's progress on each step

    class Meta:
        verbose_name = "learning pathway"

    def clean(self):
        super().clean()
        if self.steps is not None and len(self.steps) < 2:
            raise ValidationError({"steps": "A pathway needs at least two steps."})

    def get_context(self, request, *args, **kwargs):
        """The page's context and whatever the PATHWAY_CONTEXT_HOOK hooks add (the member's progress)."""
        context = super().get_context(request, *args, **kwargs)
        for add_context in hooks.get_hooks(PATHWAY_CONTEXT_HOOK):
            context.update(add_context(self, request))
        return context
