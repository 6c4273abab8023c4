"""Collaborative action-research inquiries: a team in a community works on one question through cycles
of plan, act, observe and reflect. Who may read one is the community's rule (forums.visibility: reading);
what a team member may do is forums/inquiries.py's."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from forums import visibility

from .threads import EDIT_WINDOW_MINUTES, display_name


class InquiryQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Inquiries this person may read: those of communities they read (forums.visibility: reading)."""
        return self.filter(visibility.reading(user).q("community__"))


class Inquiry(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Under way"
        COMPLETED = "completed", "Completed"

    community = models.ForeignKey("Community", on_delete=models.CASCADE, related_name="inquiries")
    slug = models.SlugField(max_length=80)
    question = models.CharField(max_length=300, help_text="The question the team is working on.")
    why_it_matters = models.TextField(help_text="Why the question matters, and to whom (Markdown).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started = models.DateField(default=timezone.localdate)
    ended = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "inquiries"
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["community", "slug"], name="one_inquiry_slug_per_community")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("forums:inquiry", args=[self.community.slug, self.slug])

    def can_read(self, user):
        """Whether this person may read the inquiry: whoever reads its community (forums.visibility: reading)."""
        return self.community.can_read(user)

    def team_member(self, user):
        """This person's place on the team, or None."""
        if user is None or not user.is_authenticated:
            return None
        return self.team.filter(user=user).first()

    def can_facilitate(self, user):
        """The inquiry's facilitators, and the community's facilitators and moderators, run its cycles and team."""
        if self.community.can_moderate(user):
            return True
        member = self.team_member(user)
        return member is not None and member.role == TeamMember.Role.FACILITATOR

    @property
    def open_cycle(self):
        return self.cycles.filter(status=Cycle.Status.OPEN).first()

    # --- search (search/ finds this through the app registry) -----------------------------------
    search_type = "inquiry"

    @classmethod
    def search_queryset(cls):
        return cls.objects.select_related("community", "facilitator__profile")

    def search_document_id(self):
        return f"inquiry-{self.pk}"

    @classmethod
    def search_documents(cls, inquiries):
        """search_document() for a batch of inquiries, their cycles and entries on show fetched once for the batch."""
        inquiries = list(inquiries)
        shown = models.Prefetch(
            "cycles__entries", queryset=CycleEntry.objects.visible().order_by("created", "pk"), to_attr="search_entries"
        )
        models.prefetch_related_objects(inquiries, "cycles", shown)
        return [inquiry.search_document() for inquiry in inquiries]

    def _search_entries(self, cycles):
        if all(hasattr(cycle, "search_entries") for cycle in cycles):  # fetched for a batch by search_documents()
            return [entry for cycle in cycles for entry in cycle.search_entries]
        return list(CycleEntry.objects.visible().filter(cycle__inquiry=self).order_by("cycle__number", "created", "pk"))

    def search_document(self):
        """An inquiry is found by its question, why it matters, its cycles' focus and what its team wrote
        (entries on show only, cycle by cycle), as far as SEARCH_ENTRIES_LENGTH; readers of its community find it."""
        cycles = sorted(self.cycles.all(), key=lambda cycle: cycle.number)
        entries = self._search_entries(cycles)
        written = "\n\n".join(entry.body_source for entry in entries)[:SEARCH_ENTRIES_LENGTH]
        focus = "\n".join(f"Cycle {cycle.number}: {cycle.focus}" for cycle in cycles)
        return {
            "doc_id": self.search_document_id(),
            "type": "inquiry",
            "title": self.question,
            "url": self.get_absolute_url(),
            "published": self.created,
            "summary": self.why_it_matters[:300],
            "body": "\n\n".join(part for part in (self.why_it_matters, focus, written) if part),
            "themes": [],
            "author": display_name(self.facilitator) if self.facilitator_id else "",
            "community": self.community.search_access,
        }


SEARCH_ENTRIES_LENGTH = 20_000  # characters of the team's entries an inquiry's search document holds


class TeamMember(models.Model):
    class Role(models.TextChoices):
        FACILITATOR = "facilitator", "Facilitator"
        MEMBER = "member", "Team member"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inquiry_teams")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "joined", "pk"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "user"], name="one_place_per_inquiry_team")]

    def __str__(self):
        return f"{self.user} on “{self.inquiry}” ({self.get_role_display()})"


class Cycle(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="cycles")
    number = models.PositiveSmallIntegerField()
    focus = models.CharField(max_length=300, help_text="What this cycle tries or looks at.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    opened = models.DateTimeField(default=timezone.now)
    closed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "number"], name="one_cycle_number_per_inquiry"),
            models.UniqueConstraint(
                fields=["inquiry"], condition=Q(status="open"), name="at_most_one_open_cycle_per_inquiry"
            ),
        ]

    def __str__(self):
        return f"Cycle {self.number} of “{self.inquiry}”"

    def get_absolute_url(self):
        return f"{self.inquiry.get_absolute_url()}#cycle-{self.number}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def search_dependents(self):
        """Its focus is part of the inquiry's search document."""
        return [self.inquiry]


class EntryQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=CycleEntry.Status.VISIBLE)


class CycleEntry(models.Model):
    """One team member's plan, account of what was done, observation or reflection in a cycle."""

    class Kind(models.TextChoices):  # in the order of a cycle
        PLAN = "plan", "Plan"
        ACT = "act", "What we did"
        OBSERVE = "observe", "What we observed"
        REFLECT = "reflect", "Reflection"

    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by moderation"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiry_entries"
    )
    body_source = models.TextField()
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    hidden_reason = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(default=timezone.now)
    edited = models.DateTimeField(null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name_plural = "cycle entries"

    def __str__(self):
        return f"{self.get_kind_display()} in {self.cycle}"

    def get_absolute_url(self):
        return f"{self.cycle.inquiry.get_absolute_url()}#entry-{self.pk}"

    def can_edit(self, user, now=None):
        """Its author, for as long as a post may be edited (EDIT_WINDOW_MINUTES), while it is on show."""
        now = now or timezone.now()
        return (
            user is not None
            and user.is_authenticated
            and self.author_id == user.pk
            and self.status == self.Status.VISIBLE
            and (now - self.created).total_seconds() <= EDIT_WINDOW_MINUTES * 60
        )

    def search_dependents(self):
        """What the team wrote is part of the inquiry's search document (entries on show only)."""
        return [self.cycle.inquiry]

    def shown_to(self, user):
        """A hidden entry is shown to its author and to those who moderate the community (with the reason)."""
        if self.status == self.Status.VISIBLE:
            return True
        if user is None or not user.is_authenticated:
            return False
        return self.author_id == user.pk or self.cycle.inquiry.community.can_moderate(user)


class EntryLink(models.Model):
    """Evidence an entry draws on: a page of the site (an evidence summary, a case study) or a web address."""

    entry = models.ForeignKey(CycleEntry, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(page__isnull=False) & Q(url="")) | (Q(page__isnull=True) & ~Q(url="")),
                name="entry_link_to_a_page_or_an_address",
            )
        ]

    def __str__(self):
        return self.title or self.url or str(self.page)
