"""Communities of practice and who belongs to them. One visibility rule, used everywhere."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class CommunityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Communities this person may see at all: open and restricted ones, and private ones they belong to."""
        public = Q(visibility__in=[Community.Visibility.OPEN, Community.Visibility.RESTRICTED])
        if user is None or not user.is_authenticated:
            return self.filter(public)
        if is_site_moderator(user):
            return self.all()
        member = Q(memberships__user=user, memberships__status=Membership.Status.ACTIVE)
        return self.filter(public | member).distinct()

    def readable_by(self, user):
        """Communities whose threads this person may read: open ones, and those they are an active member of."""
        public = Q(visibility=Community.Visibility.OPEN)
        if user is None or not user.is_authenticated:
            return self.filter(public)
        if is_site_moderator(user):
            return self.all()
        member = Q(memberships__user=user, memberships__status=Membership.Status.ACTIVE)
        return self.filter(public | member).distinct()


def is_site_moderator(user):
    """Site-wide moderators (the Moderators group, or superusers) see and act everywhere."""
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.groups.filter(name="Moderators").exists())
    )


class Community(models.Model):
    class Visibility(models.TextChoices):
        OPEN = "open", "Open: anyone can join"
        RESTRICTED = "restricted", "Restricted: anyone can ask to join"
        PRIVATE = "private", "Private: by invitation"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300, help_text="One sentence shown in listings.")
    about = models.TextField(blank=True, help_text="Who the community is for and how it works (Markdown).")
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.OPEN)
    themes = models.ManyToManyField("learning.Theme", blank=True, related_name="communities")
    resources = models.ManyToManyField(
        "wagtailcore.Page", blank=True, related_name="+", help_text="Linked guides, case studies and evidence."
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "communities"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forums:community", args=[self.slug])

    def membership_of(self, user):
        if user is None or not user.is_authenticated:
            return None
        return self.memberships.filter(user=user).first()

    def is_member(self, user):
        membership = self.membership_of(user)
        return membership is not None and membership.status == Membership.Status.ACTIVE

    def can_read(self, user):
        return self.visibility == self.Visibility.OPEN or self.is_member(user) or is_site_moderator(user)

    def can_see(self, user):
        return self.visibility != self.Visibility.PRIVATE or self.is_member(user) or is_site_moderator(user)

    def can_moderate(self, user):
        if is_site_moderator(user):
            return True
        membership = self.membership_of(user)
        return bool(
            membership
            and membership.status == Membership.Status.ACTIVE
            and membership.role in (Membership.Role.FACILITATOR, Membership.Role.MODERATOR)
        )

    @classmethod
    def search_community_ids(cls, user):
        """The non-open communities whose content this person may find in search (search/ asks for this)."""
        return set(cls.objects.readable_by(user).exclude(visibility=cls.Visibility.OPEN).values_list("pk", flat=True))

    @property
    def search_access(self):
        """None when anyone may read the community's content; otherwise its id, for search's access filter."""
        return None if self.visibility == self.Visibility.OPEN else self.pk

    # What its threads' and posts' search documents take from it (access, and the slug in their URLs):
    # when a save changes one, search/ re-syncs search_dependents() at once.
    search_dependent_fields = ("visibility", "slug")

    def search_dependents(self):
        """Everything whose search document is built partly from this community, as querysets (synced in batches)."""
        from .threads import Post, Thread  # threads.py imports this module

        return [Thread.objects.filter(community=self), Post.objects.filter(thread__community=self)]


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        FACILITATOR = "facilitator", "Facilitator"
        MODERATOR = "moderator", "Moderator"

    class Status(models.TextChoices):
        ACTIVE = "active", "Member"
        PENDING = "pending", "Asked to join"
        INVITED = "invited", "Invited"
        DECLINED = "declined", "Request declined"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    message = models.TextField(blank=True, help_text="Why they want to join (for restricted communities).")
    created = models.DateTimeField(auto_now_add=True)
    last_visited = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="one_membership_per_community")]

    def __str__(self):
        return f"{self.user} in {self.community} ({self.get_status_display()}, {self.get_role_display()})"
