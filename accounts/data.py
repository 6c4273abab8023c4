"""Everything a member wrote or set on the site, as one plain JSON-ready dict: their copy of their data.

`member_data(user)` is what /members/me/data.json downloads. It holds the member's own words in
full (including posts a moderator hid: they wrote them), and of everything else only what the
member may still see: a thread in a community they have left, or a page since unpublished or
restricted, appears without its title or address. Nobody else's words are included.

accounts owns the account, the profile and the file's shape (SECTIONS); each app that keeps
something of the member's adds its sections from its own member_data module (forums, rooms,
mylearning), so accounts imports none of them.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from accounts.models import Profile
from learning import visibility

FORMAT_VERSION = 1
HIDDEN_CONTEXT = "Something you can no longer see"


SECTIONS = (
    # forums/member_data.py
    "threads_started",
    "posts",
    "reactions",
    "thread_follows",
    "community_memberships",
    "inquiry_teams",
    "inquiry_entries",
    # rooms/member_data.py
    "room_messages",
    "room_sessions_summarised",
    "session_reminders",
    # forums/member_data.py
    "flags",
    "notifications",
    # mylearning/member_data.py
    "bookmarks",
    "pathways",
    "practice_uses",
    "pages_read",
    "case_study_proposals",
)
_exporters = []


def exports(build):
    """Register build(user) -> {section: rows}: an app's part of the member's data (see SECTIONS).

    Apps register from their member_data module, which accounts loads from every app when it is
    ready: accounts defines the file's shape and knows none of the apps that fill it.
    """
    _exporters.append(build)
    return build


def iso(value):
    """ISO 8601 for dates and datetimes, None for None."""
    return value.isoformat() if value is not None else None


def member_data(user):
    """The member's data as a dict of plain values (str, int, bool, None, lists and dicts)."""
    user = get_user_model().objects.get(pk=user.pk)
    sections = {}
    for build in _exporters:
        sections.update(build(user))
    return {
        "format_version": FORMAT_VERSION,
        "exported": iso(timezone.now()),
        "account": {
            "username": user.get_username(),
            "email_addresses": [
                {"email": e.email, "primary": e.primary, "verified": e.verified}
                for e in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ]
            or ([{"email": user.email, "primary": True, "verified": False}] if user.email else []),
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
        },
        "profile": _profile(user),
        **{name: sections[name] for name in SECTIONS if name in sections},
    }


def _profile(user):
    profile = Profile.objects.for_user(user)
    return {
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "sector": profile.sector,
        "level": profile.level,
        "bio": profile.bio,
        "themes_of_interest": sorted(theme.name for theme in profile.themes_of_interest.all()),
        "notifications": {
            "email_on_mention": profile.email_on_mention,
            "email_on_reply": profile.email_on_reply,
            "email_on_session_reminder": profile.email_on_session_reminder,
            "weekly_digest": profile.weekly_digest,
        },
    }


class PageContext:
    """A page's title and address for the member's data, only while the member may see the page.

    The page rule as the member (learning.visibility): a login-restricted page they read is still
    theirs to see, a draft or a page behind a password is not.
    """

    def __init__(self, user):
        self.access = visibility.access(user)
        self.seen = {}

    def shows(self, page):
        return self.access.allows(page)

    def __call__(self, page_id):
        if page_id not in self.seen:
            page = Page.objects.filter(pk=page_id).first()
            self.seen[page_id] = (
                {"page_title": page.title, "page_url": page.get_url()}
                if self.shows(page)
                else {"page_title": HIDDEN_CONTEXT, "page_url": None}
            )
        return self.seen[page_id]
