"""Save for later and "I've used this in practice": thin POST endpoints over mylearning.saving.

Every form is a plain POST that goes back where it came from (a safe `next`, else the target) with
a message, so everything works without JavaScript. A target the member may not see is the same
404 as a missing one. A refused note shows the page again with the error and the typed text,
and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cop_site.redirects import local_next
from mylearning import saving


def safe_next(request, fallback):
    """Where to go after the change: the posted `next` if it stays on this site, else `fallback`."""
    return local_next(request, request.POST.get("next", ""), fallback)


def _sign_in_first(request, fallback="/"):
    return redirect_to_login(safe_next(request, fallback))


@require_POST
def bookmark(request, kind, target_id):
    """`action=save` (the default) saves the page or thread for later; `action=remove` takes it off."""
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    if request.POST.get("action") == "remove":
        saving.remove_bookmark(request.user, kind, target_id)
        target_url = _url_if_visible(request, kind, target_id)
        messages.success(request, "Removed from your saved items.")
        return redirect(safe_next(request, target_url))
    target = saving.resolve_target(kind, target_id, request.user)
    saving.save_bookmark(request.user, kind, target.pk)
    messages.success(request, "Saved for later. You will find it in My learning.")
    return redirect(safe_next(request, _url_of(target)))


def _url_of(target):
    return saving.target_url(target) or "/"


def _url_if_visible(request, kind, target_id):
    """The target's address to go back to after removing, or the home page if it is out of sight now."""
    try:
        return _url_of(saving.resolve_target(kind, target_id, request.user))
    except saving.NotFound:
        return "/"


@require_POST
def practice_use(request, page_id):
    """`action=record` (the default) says "I've used this in practice", with a note; `action=withdraw` takes it back."""
    page = saving.practice_page(page_id)
    if not request.user.is_authenticated:
        if request.POST.get("action") != "withdraw":
            saving.keep_unsent_note(request.session, page, request.POST.get("note", ""))
        return _sign_in_first(request, page.get_url() or "/")
    back = safe_next(request, page.get_url() or "/")
    if request.POST.get("action") == "withdraw":
        if saving.withdraw_practice_use(request.user, page):
            messages.success(request, "You no longer say you have used this in practice.")
        else:
            messages.info(request, "You had not said you used this in practice: nothing to withdraw.")
        return redirect(back)
    note = request.POST.get("note", "")
    try:
        _, created = saving.record_practice_use(request.user, page, note)
    except saving.SavingError as error:
        return _refused(request, page, error, note, back)
    messages.success(request, "Thank you: your use in practice is recorded." if created else "Your note is updated.")
    return redirect(back)


def _refused(request, page, error, note, back):
    """The page again, with the error beside the note field and the typed text kept (400)."""
    request.practice_use_state = {"error": error, "note": note, "next": back.split("#")[0]}
    response = page.serve(request)
    if hasattr(response, "render"):
        response.render()
    response.status_code = 400
    return response
