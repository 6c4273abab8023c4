"""The save-for-later button and the "used in practice" panel, for pages and forum threads.

Both read everything through mylearning.saving, so the button only appears where saving would be
accepted, and notes only reach signed-in members. Visitors get a sign-in link and the public count
(no form, no CSRF token), which keeps their pages cacheable by cop_site.page_cache.
"""

from django import template
from django.contrib.auth.models import AnonymousUser

from mylearning import saving
from mylearning.models import PRACTICE_NOTE_MAX_LENGTH

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return request, getattr(request, "user", None) or AnonymousUser()


def _here(request):
    """The address forms come back to: this page, even when it is shown again in answer to a refused POST."""
    if request is None:
        return ""
    state = getattr(request, "practice_use_state", None) or {}
    return state.get("next") or request.get_full_path()


@register.inclusion_tag("mylearning/includes/save_button.html", takes_context=True)
def save_button(context, target):
    """'Save for later' / 'Saved – remove' for a member; a sign-in link for a visitor; nothing for the unsaveable."""
    request, user = _viewer(context)
    kind = saving.kind_of(target)
    next_url = _here(request)
    if user.is_authenticated:
        can_save = saving.can_bookmark(user, target)
        return {
            "can_save": can_save,
            "saved": can_save and saving.is_saved(user, target),
            "kind": kind,
            "target_id": target.pk,
            "next": next_url,
            "csrf_token": context.get("csrf_token"),
        }
    # A visitor sees the invitation only where a member could save; drafts in preview get nothing.
    invite = kind is not None and saving.is_public_target(target)
    return {"sign_in": invite, "next": next_url}


@register.inclusion_tag("mylearning/includes/practice_use.html", takes_context=True)
def practice_use(context, page):
    """The public count of members who used this page in practice, their notes for members, and the form."""
    request, user = _viewer(context)
    if not saving.takes_practice_use(page):
        return {"show": False}
    state = getattr(request, "practice_use_state", None) or {}
    own = saving.practice_use_of(user, page)
    can_record = saving.can_record_practice_use(user, page)
    session = getattr(request, "session", None)
    unsent = saving.take_unsent_note(session, page) if can_record and session is not None and not state else None
    if unsent is not None:
        state = {"note": unsent}
    return {
        "show": True,
        "page_id": page.pk,
        "count": saving.practice_use_count(page),
        "signed_in": user.is_authenticated,
        "can_record": can_record,
        "unsent": unsent is not None,
        "own": own,
        "notes": saving.practice_notes(page, user),
        "error": state.get("error"),
        "note": state["note"] if "note" in state else (own.note if own else ""),
        "max_length": PRACTICE_NOTE_MAX_LENGTH,
        "next": _here(request),
        "csrf_token": context.get("csrf_token"),
    }
