"""The shared vocabulary: themes (free tags with curated descriptions) and controlled lists."""

from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Theme(TagBase):
    """A theme such as co-production; editors curate its description as a snippet."""

    description = models.TextField(blank=True, help_text="What this theme covers, in a sentence or two.")
    free_tagging = True

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = "theme"
        ordering = ["name"]


class ContentPageTheme(ItemBase):
    tag = models.ForeignKey(Theme, related_name="tagged_pages", on_delete=models.CASCADE)
    content_object = ParentalKey("learning.ContentPage", related_name="tagged_themes", on_delete=models.CASCADE)


class Vocabulary(index.Indexed, models.Model):
    """A controlled list entry editors manage as a snippet: a name, a URL slug, a description."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


class Sector(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "sector"


class CouncilArea(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "council area"


class Country(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "country"
        verbose_name_plural = "countries"


class Skill(Vocabulary):
    """The controlled list of practice skills the seed names (process design ... leadership)."""

    class Meta(Vocabulary.Meta):
        verbose_name = "skill"


class Approach(models.TextChoices):
    """How a piece of work was done: the approaches the seed and Scottish practice name."""

    COLLABORATIVE_ACTION_RESEARCH = "collaborative_action_research", "Collaborative action research"
    PARTICIPATORY_BUDGETING = "participatory_budgeting", "Participatory budgeting"
    COMMUNITY_LED_ACTION_PLANNING = "community_led_action_planning", "Community-led action planning"
    SELF_DIRECTED_SUPPORT = "self_directed_support", "Self-directed support"
    CO_PRODUCTION = "co_production", "Co-production"
    PARTNERSHIP_WORKING = "partnership_working", "Partnership working"
    PREVENTION = "prevention", "Prevention and early intervention"
    DELIBERATIVE_DIALOGUE = "deliberative_dialogue", "Deliberative dialogue"
    PEER_LEARNING = "peer_learning", "Peer learning"


class StudyType(models.TextChoices):
    SYSTEMATIC_REVIEW = "systematic_review", "Systematic review"
    RANDOMISED_TRIAL = "randomised_trial", "Randomised trial"
    QUASI_EXPERIMENTAL = "quasi_experimental", "Quasi-experimental"
    QUALITATIVE = "qualitative", "Qualitative"
    MIXED_METHODS = "mixed_methods", "Mixed methods"
    PRACTICE_EVALUATION = "practice_evaluation", "Practice evaluation"
    ACTION_RESEARCH = "action_research", "Action research"


class GlossaryTerm(models.Model):
    """An abbreviation or term of art with what it stands for: explains it to readers and expands searches.

    `term` and `expansion` and every synonym are interchangeable in search: a search for "SDS" also
    finds "self-directed support", and the other way round, on every search backend.
    """

    term = models.CharField(max_length=50, unique=True, help_text="For example: CAR")
    expansion = models.CharField(max_length=200, help_text="For example: collaborative action research")
    synonyms = models.TextField(blank=True, help_text="Other words for the same thing, one per line.")
    related = models.TextField(
        blank=True,
        help_text="Everyday phrases people use for this, one per line (for example: a say over money). Search "
        "finds this term's pages for them too, ranked below pages that use the words typed.",
    )
    description = models.TextField(blank=True, help_text="A plain-English explanation for the glossary page.")

    panels = [
        FieldPanel("term"),
        FieldPanel("expansion"),
        FieldPanel("synonyms"),
        FieldPanel("related"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} ({self.expansion})"

    def equivalents(self):
        """Every way of saying this, term first."""
        names = [self.term, self.expansion, *self.synonyms.splitlines()]
        return [name.strip() for name in names if name.strip()]

    def related_phrases(self):
        """Everyday phrases for the same thing: a search expands through them, ranked below exact matches."""
        return [phrase.strip() for phrase in self.related.splitlines() if phrase.strip()]
