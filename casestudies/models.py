"""Case studies: what a partnership tried, what changed, and what others can learn from it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TaskState, WorkflowState
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
    def proposal_or_none(self):
        """The member's proposal this case study came from, if it came from one (its credits)."""
        try:
            return self.proposal
        except ObjectDoesNotExist:
            return None

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


FORMER_MEMBER = "a former member"


def member_name(user):
    """How a credit names a member: as their profile names them (accounts owns that), a former member once gone."""
    if user is None:
        return FORMER_MEMBER
    profile = getattr(user, "profile", None)  # accounts' Profile: str() is the name it shows everywhere
    return str(profile) if profile is not None else user.get_username()


class ProposalQuerySet(models.QuerySet):
    def waiting_for_review(self):
        """Proposals whose page is in the review workflow now (Wagtail's state, not a copy of it)."""
        in_review = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("page_id"), models.CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        return self.filter(models.Exists(in_review), page__live=False)

    def involving(self, user):
        """The proposals a member wrote or is credited on."""
        return self.filter(models.Q(author=user) | models.Q(contributors=user)).distinct()


class Proposal(models.Model):
    """A member's proposed case study: a draft page in the editorial workflow, and who is credited on it.

    Its state is read from the page and Wagtail's workflow each time (`state`), never stored here.
    casestudies/proposals.py is the one way to make one.
    """

    class State(models.TextChoices):
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    page = models.OneToOneField(CaseStudyPage, on_delete=models.CASCADE, related_name="proposal")
    # Kept as a former member's when the account is deleted: the case study stays, the credit goes.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_study_proposals",
    )
    contributors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="case_study_contributions")
    # Where it was written up from (an inquiry, say): a generic link, so content never imports what is above it.
    origin_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    origin_url = models.CharField(max_length=500, blank=True)
    origin_title = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["author", "created"])]

    def __str__(self):
        return f"proposal of “{self.page.title}”"

    def _workflow_state(self):
        if "_latest_workflow_state" not in self.__dict__:
            self._latest_workflow_state = (
                WorkflowState.objects.for_instance(self.page).order_by("-created_at", "-pk").first()
            )
        return self._latest_workflow_state

    @property
    def state(self):
        """In review, changes requested, published or withdrawn: what the page and its workflow say now."""
        if self.page.live:
            return self.State.PUBLISHED
        workflow_state = self._workflow_state()
        if workflow_state is None:
            return self.State.WITHDRAWN
        return {
            WorkflowState.STATUS_IN_PROGRESS: self.State.IN_REVIEW,
            WorkflowState.STATUS_NEEDS_CHANGES: self.State.CHANGES_REQUESTED,
        }.get(workflow_state.status, self.State.WITHDRAWN)

    @property
    def state_label(self):
        return self.State(self.state).label

    @property
    def reviewer_comment(self):
        """What the reviewer wrote when they asked for changes (empty otherwise)."""
        workflow_state = self._workflow_state()
        if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
            return ""
        task_state = (
            TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at", "-pk")
            .first()
        )
        return (task_state.comment or "") if task_state else ""

    @property
    def written_up_by(self):
        return member_name(self.author)

    @property
    def contributor_names(self):
        return [member_name(user) for user in self.contributors.all() if user.pk != self.author_id]

    def credited(self):
        """Everyone credited, author first: the people told about the review, and named on the page."""
        people = [self.author] if self.author_id else []
        people += [user for user in self.contributors.all() if user.pk != self.author_id]
        return people
