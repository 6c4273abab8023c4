"""The rules about profiles, in one place: what sign-up records, what a member may change, visits.

Views, commands and the API call these; none of them writes a profile any other way.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Profile

# What a member may change about themselves; nothing else on a profile is theirs to set.
EDITABLE_FIELDS = [
    "display_name",
    "organisation",
    "sector",
    "level",
    "bio",
    "themes_of_interest",
    "email_on_mention",
    "email_on_reply",
    "email_on_session_reminder",
    "weekly_digest",
]
SIGNUP_FIELDS = ["display_name", "organisation", "sector", "level"]
LAST_SEEN_EVERY = timedelta(minutes=5)


def complete_signup_profile(user, cleaned_data):
    """Record what a new member told us at sign-up on the profile their account was given."""
    _update(Profile.objects.for_user(user), cleaned_data, SIGNUP_FIELDS)


@transaction.atomic
def update_profile(user, cleaned_data):
    """Change the signed-in member's own profile: the only way a profile is edited from the site.

    `cleaned_data` comes from a valid ProfileForm; the profile is always the user's own, so there is
    no way to name someone else's.
    """
    profile = Profile.objects.select_for_update().get(pk=Profile.objects.for_user(user).pk)
    return _update(profile, cleaned_data, EDITABLE_FIELDS)


def _update(profile, cleaned_data, fields):
    many = {"themes_of_interest"}
    for name in fields:
        if name in cleaned_data and name not in many:
            value = cleaned_data[name]
            setattr(profile, name, value.strip() if isinstance(value, str) else value)
    profile.full_clean(exclude=["user", "themes_of_interest"])
    profile.save()
    if "themes_of_interest" in fields and "themes_of_interest" in cleaned_data:
        profile.themes_of_interest.set(cleaned_data["themes_of_interest"])
    return profile


def public_profile(username):
    """The profile shown at /members/<username>/: active members only, anything else is a 404."""
    user = get_object_or_404(get_user_model(), username=username, is_active=True)
    return Profile.objects.for_user(user)


def note_visit(user, now=None):
    """Remember when a member was last here (digests skip people who have been), at most every few minutes."""
    if not user.is_authenticated:
        return
    # The cache spares a write on every request; if the cache is down this simply records nothing.
    if not cache.add(f"accounts:seen:{user.pk}", True, timeout=int(LAST_SEEN_EVERY.total_seconds())):
        return
    Profile.objects.for_user(user)
    Profile.objects.filter(user=user).update(last_seen=now or timezone.now())
