"""A member's public profile: who they are, where they work, and how they like to hear from us."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class SectorChoice(models.TextChoices):
    """The sector a member works in (docs/product.md); live rooms balance participation by it."""

    PUBLIC = "public", "Public sector"
    THIRD = "third", "Third sector"
    COMMUNITY = "community", "Community sector"
    ACADEMIC = "academic", "Academic"


class LevelChoice(models.TextChoices):
    """Where a member sits in their organisation (docs/product.md); live rooms balance participation by it."""

    FRONTLINE = "frontline", "Frontline"
    MANAGER = "manager", "Manager"
    STRATEGIC = "strategic", "Strategic leader"
    RESEARCHER = "researcher", "Researcher"
    COMMUNITY_MEMBER = "community_member", "Community member"


BIO_MAX_LENGTH = 500


class ProfileManager(models.Manager):
    def for_user(self, user):
        """The member's profile, made on first use for accounts that predate profiles."""
        profile, _ = self.get_or_create(user=user)
        return profile


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        max_length=100, blank=True, help_text="The name other members see. Your full name or username if left blank."
    )
    organisation = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=SectorChoice.choices, blank=True)
    level = models.CharField(max_length=20, choices=LevelChoice.choices, blank=True)
    bio = models.TextField(max_length=BIO_MAX_LENGTH, blank=True)
    themes_of_interest = models.ManyToManyField("learning.Theme", blank=True, related_name="interested_profiles")
    email_on_mention = models.BooleanField(default=True)
    email_on_reply = models.BooleanField(default=True)
    email_on_session_reminder = models.BooleanField(default=True)
    weekly_digest = models.BooleanField(default=True)
    last_seen = models.DateTimeField(null=True, blank=True)

    objects = ProfileManager()

    class Meta:
        ordering = ["user__username"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("member_profile", args=[self.user.get_username()])

    @property
    def name(self):
        """What to call this member anywhere on the site."""
        return self.display_name.strip() or default_display_name(self.user)


def default_display_name(user):
    return (user.get_full_name() or "").strip() or user.get_username()


def display_name(user):
    """What to call a user on the site: their profile's display name, else full name, else username.

    Never creates a profile, so it is safe in templates and serialisers; select_related("profile")
    when listing many users.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    try:
        return user.profile.name
    except Profile.DoesNotExist:
        return default_display_name(user)
