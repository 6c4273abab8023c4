"""Communities of practice and who belongs to them. Who may see or read one is forums.visibility's rule."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from cop_site.request_memo import remember
from forums import visibility
from forums.visibility import is_site_moderator

from .inquiries import Inquiry
from .threads import Post, Thread


class CommunityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Communities this person may see at all (forums.visibility: seeing)."""
        return visibility.seeing(user).filter(self)

    def readable_by(self, user):
        """Communities whose threads this person may read (forums.visibility: reading)."""
        return visibility.reading(user).filter(self)


class Community(models.Model):
    Visibility = visibility.Visibility

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
        # once per page view (cop_site/request_memo.py): a thread page asks it for each of its rules
        return remember(("membership", self.pk, user.pk), lambda: self.memberships.filter(user=user).first())

    def is_member(self, user):
        membership = self.membership_of(user)
        return membership is not None and membership.status == Membership.Status.ACTIVE

    def can_read(self, user):
        """Whether this person may read the community's threads, posts and rooms (forums.visibility: reading)."""
        return visibility.reading(user).allows(self)

    def can_see(self, user):
        """Whether this person may see the community at all (forums.visibility: seeing)."""
        return visibility.seeing(user).allows(self)

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
        """The non-public communities whose content this person may find in search (search/ asks for this)."""
        return set(visibility.search_communities(user, cls.objects.all()).values_list("pk", flat=True))

    @property
    def search_access(self):
        """None when anyone may read the community's content; otherwise its id, for search's access filter."""
        return visibility.search_access(self)

    # What its threads' and posts' search documents take from it (access, and the slug in their URLs):
    # when a save changes one, search/ re-syncs search_dependents() at once.
    search_dependent_fields = ("visibility", "slug")

    def search_dependents(self):
        """Everything whose search document is built partly from this community, as querysets (synced in batches)."""
        return [
            Thread.objects.filter(community=self),
            Post.objects.filter(thread__community=self),
            Inquiry.objects.filter(community=self),
        ]


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        FACILITATOR = "facilitator", "Facilitator"
        MODERATOR = "moderator", "Moderator"

    class Status(models.TextChoices):
        ACTIVE = visibility.ACTIVE, "Member"
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
