"""A content page's member parts (Save, "used in practice", the comments) and its related content, kept.

Beside the shared parts of a page (learning/page_fragments.py), a case study, evidence summary or
guide shows three things that are the viewer's own or depend on who they are: the Save button, the
"used in practice" panel with the comments under it, and the related content (found by search among
what the viewer may read). Working them out is most of what a member's page view costs (a dozen
queries), so they are kept in the fragment cache (cop_site/fragments.py), read in ONE cache read:

- **related content**: per page revision and audience (`forums.visibility.audience`: the
  communities the viewer belongs to and the page areas closed to them), shared by everyone alike;
  stale on every change of the site's content (`CONTENT`);
- **the member's own parts**: per page revision, viewer and audience, stale on any change of the
  site's content (a publish, a changed restriction, anyone's "used in practice"), any event of the
  page's comment thread (a comment, an edit, a removal, a hidden or restored comment, a Helpful mark,
  a lock: `forums.page_comments.scope`), the member's own acts no thread event reports (a bookmark,
  a report, a suspension: `fragments.member_acts`) and any change of a profile (the names shown
  beside comments and notes: `fragments.PROFILES`). A visitor's parts have no forms and are shared
  by every visitor.

What is not kept: a preview, a page shown again with a refused form or a note kept from a lapsed
session, and a suspended member's parts. A member's own comment is kept no longer than it may be
edited, so its Edit control goes when the window closes. The forms carry a placeholder for the CSRF
token, replaced by the request's own as they are served.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from cop_site import fragments
from forums import moderation, page_comments
from forums import visibility as forum_visibility
from forums.models import Post
from forums.models.threads import EDIT_WINDOW_MINUTES
from mylearning.saving import UNSENT_NOTE

SAVE_TEMPLATE = "mylearning/includes/page_save.html"
RESPONSES_TEMPLATE = "mylearning/includes/page_responses.html"
RELATED_TEMPLATE = "includes/related_content.html"


@dataclass
class PageParts:
    """The HTML of a content page's Save control, related content and responses (practice use and comments)."""

    save: str
    related: str
    responses: str


def page_parts(request, page):
    """The page's member parts and related content for this request, from the cache when they may be."""
    user = getattr(request, "user", None)
    user = user if user is not None and user.is_authenticated else None
    if not _keepable(request, page):
        return _ready(request, _render_related(request, page), _render_own(request, page))
    related_spec, own_spec = _specs(request, page, user)
    (related, related_generations), (own, own_generations) = fragments.lookup_many([related_spec, own_spec])
    if related is None:
        related = _render_related(request, page)
        related_spec.store(related, related_generations)
    now = timezone.now()
    if own is None or (own[1] is not None and own[1] <= now):
        html = _render_own(request, page)
        if not (user is not None and moderation.is_suspended(user)):
            own_spec.store((html, _kept_until(user, page, now)), own_generations)
        own = (html, None)
    return _ready(request, related, own[0])


def _keepable(request, page):
    if request is None or getattr(request, "is_preview", False) or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "forum_form_state", None) or getattr(request, "practice_use_state", None):
        return False
    session = getattr(request, "session", None)
    kept_note = session.get(UNSENT_NOTE) if session is not None else None
    return not (isinstance(kept_note, dict) and kept_note.get("page") == page.pk)


def _specs(request, page, user):
    audience = forum_visibility.audience(user)
    revision = (page.pk, page.content_type_id, page.live_revision_id)
    related = fragments.Fragment("page:related", scopes=(fragments.CONTENT,), audience=audience, parts=revision)
    scopes = [fragments.CONTENT, fragments.PROFILES, page_comments.scope(page.pk)]
    if user is not None:
        scopes.append(fragments.member_acts(user.pk))
    own = fragments.Fragment(
        "page:own",
        scopes=tuple(scopes),
        audience=audience,
        parts=(*revision, user.pk if user else None, request.get_full_path(), _zone()),
    )
    return related, own


def _zone():
    return timezone.get_current_timezone_name()


def _kept_until(user, page, now):
    """When the member's newest editable comment stops being editable (None: nothing changes with time)."""
    if user is None:
        return None
    window = timedelta(minutes=EDIT_WINDOW_MINUTES)
    first = (
        Post.objects.filter(thread__page_id=page.pk, author_id=user.pk, created__gt=now - window)
        .order_by("created")
        .values_list("created", flat=True)
        .first()
    )
    return first + window if first is not None else None


def _context(request, page):
    return {"page": page, "request": request, "csrf_token": fragments.csrf_placeholder()}


def _render_related(request, page):
    return get_template(RELATED_TEMPLATE).render(_context(request, page))


def _render_own(request, page):
    context = _context(request, page)
    return (get_template(SAVE_TEMPLATE).render(context), get_template(RESPONSES_TEMPLATE).render(context))


def _ready(request, related, own):
    save, responses = own
    return PageParts(
        save=mark_safe(fragments.with_csrf_token(save, request)),  # noqa: S308 (our templates, which escaped it)
        related=mark_safe(related),  # noqa: S308
        responses=mark_safe(fragments.with_csrf_token(responses, request)),  # noqa: S308
    )
