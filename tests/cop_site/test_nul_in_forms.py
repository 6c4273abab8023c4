"""Every form a member or facilitator can post answers a NUL in any field without a 500, on every database.

PostgreSQL cannot store or compare text holding a NUL (SQLite keeps it), so this runs the demo site's
forms with one in every field a form of ours reads. CI runs it on SQLite and on PostgreSQL.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from forums.models import Community, CycleEntry, Inquiry, Membership, Post, Thread
from learning.models import LearningPathwayPage, PracticeGuidePage
from mylearning.models import StepProgress
from rooms.models import Room
from tests.pages import signed_in

pytestmark = pytest.mark.django_db
NUL = "a\x00b"
FIELDS = [
    "body", "title", "tags", "message", "username", "reason", "note", "action", "key_points", "actions",
    "next", "parent", "plan", "act", "observe", "reflect", "community", "decision", "done", "password",
    "display_name", "organisation", "bio", "job_title", "q", "period", "level", "sector", "region",
    "question", "why_it_matters", "kind", "links", "focus", "role", "cycle",
]  # fmt: skip


def routes(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith(("admin/", "django-admin/", "documents/", "api/")):
                yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" in route:
            yield route


def test_a_nul_in_any_field_of_any_form_is_never_a_500():
    call_command("load_demo_content", "--force", verbosity=0)
    users = get_user_model().objects
    community = Community.objects.filter(memberships__user__username="frontline").first()
    thread = Thread.objects.filter(community=community).first()
    post = Post.objects.filter(thread=thread).first()
    values = {
        "slug": community.slug,
        "thread_id": thread.pk,
        "post_id": post.pk,
        "page_id": PracticeGuidePage.objects.live().first().pk,
        "pathway_id": LearningPathwayPage.objects.live().first().pk,
        "step_id": NUL,
        "membership_id": Membership.objects.filter(community=community).values_list("pk", flat=True).first() or 1,
        "progress_id": StepProgress.objects.values_list("pk", flat=True).first() or 1,
        "notification_id": 1,
        "session_id": 1,
        "target_id": thread.pk,
        "kind": "thread",
        "username": "frontline",
    }
    inquiry = Inquiry.objects.filter(community=community).first()  # the demo's, in the CAR network
    if inquiry is not None:
        entry = CycleEntry.objects.filter(cycle__inquiry=inquiry).first()
        values.update(inquiry_slug=inquiry.slug, number=inquiry.cycles.count(), entry_id=entry.pk)
    room = Room.objects.first()
    checked = []
    for route in sorted(set(routes())):
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if not all(name in values for name in names):
            continue
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route).lstrip("^").rstrip("$")
        if path.startswith("/rooms/"):
            path = path.replace(community.slug, room.slug)
        for username in ("frontline", "facilitator", "moderator"):
            client = signed_in(users.get(username=username))
            response = client.post(path, dict.fromkeys(FIELDS, NUL))
            assert response.status_code < 500, (username, path, response.status_code)
            checked.append(path)
    for path in ("/members/me/edit/", "/members/me/delete/", "/accounts/login/", "/accounts/signup/"):
        response = signed_in(users.get(username="frontline")).post(path, dict.fromkeys(FIELDS, NUL))
        assert response.status_code < 500, (path, response.status_code)
    assert len(set(checked)) >= 20, sorted(set(checked))
    assert any("/inquiries/" in path for path in checked), sorted(set(checked))
