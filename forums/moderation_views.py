"""Moderation pages: members flag posts; moderators work the queue, suspend members and read the log.

Thin HTTP adapters over forums/moderation.py: they fetch, call a rule, and say what happened.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cop_site.errors import DomainError
from cop_site.redirects import local_next
from forums import moderation, services
from forums.models import CycleEntry, Flag, Post, Suspension

DECISIONS = {"hide": moderation.hide_post, "restore": moderation.restore_post, "dismiss": moderation.dismiss_flags}
DONE = {"hide": "Post hidden.", "restore": "Post restored.", "dismiss": "Flags dismissed: the post stays as it is."}


def _forbidden(request, message="Only moderators can see this page."):
    return render(request, "forums/moderation/forbidden.html", {"message": message}, status=403)


def _readable_post(request, post_id):
    post = get_object_or_404(Post.objects.select_related("thread__community", "thread__page", "author"), pk=post_id)
    if not post.thread.can_read(request.user) or post.status == Post.Status.REMOVED:
        raise Http404("No such post.")  # the same answer as for a post that does not exist
    return post


def _back(request, fallback):
    return local_next(request, request.POST.get("next") or request.GET.get("next") or "", fallback)


# --- members ---------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def flag_post(request, post_id):
    post = _readable_post(request, post_id)
    back = _back(request, _post_url(post))
    error = None
    if request.method == "POST":
        try:
            moderation.flag_post(post, request.user, request.POST.get("reason", ""), request.POST.get("note", ""))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, "Thank you: the moderators will look at this post.")
            return redirect(back)
    else:
        try:
            moderation.check_can_flag(post, request.user)
        except DomainError as exc:
            error = exc
    refused = error is not None and error.code not in ("invalid", "too_long")
    return render(
        request,
        "forums/moderation/flag.html",
        {
            "post": post,
            "reasons": Flag.Reason.choices,
            "error": error,
            "refused": refused,
            "chosen": request.POST.get("reason", ""),
            "note": request.POST.get("note", ""),
            "next": back,
        },
        status=400 if error is not None and request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_hidden_post(request, post_id):
    """Where the author of a hidden post reads why and edits it, which sends it back to the queue."""
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id, author=request.user)
    if post.status != Post.Status.HIDDEN:
        messages.info(request, "This post is not hidden: it is back on the page.")
        return redirect(_post_url(post) or reverse("notifications"))
    error = None
    body = post.body_source
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            services.edit_post(post, request.user, body)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, "Saved. Your post stays hidden until a moderator has looked at it again.")
            return redirect("edit_hidden_post", post.pk)
    waiting = moderation.queue_for_author(post)
    return render(
        request,
        "forums/moderation/edit_hidden.html",
        {"post": post, "body": body, "error": error, "waiting": waiting, "max_length": services.MAX_POST_LENGTH},
        status=400 if error else 200,
    )


# --- moderators ---------------------------------------------------------------------------------------------------
@login_required
@require_safe
def queue(request):
    if not moderation.is_moderator(request.user):
        return _forbidden(request)
    return render(
        request,
        "forums/moderation/queue.html",
        {
            "entries": moderation.queue_for(request.user),
            "hidden": moderation.hidden_posts_for(request.user)[:50],
            "message_reports": [
                _with_restore_url(report) for report in moderation.message_reports_for(request.user)[:50]
            ],
            "entry_reports": _with_entries(moderation.entry_reports_for(request.user)[:50]),
            "can_suspend": moderation.can_suspend(request.user),
        },
    )


def _with_entries(reports):
    """Reports of inquiry entries, each with the entry as it is now (hidden or not), for the Hide/Restore form."""
    reports = list(reports)
    entries = CycleEntry.objects.in_bulk([report.target_id for report in reports])
    for report in reports:
        report.entry = entries.get(report.target_id)
    return reports


def _with_restore_url(report):
    """A reported room message's report, with where to put the message back (the room's own view, by name)."""
    report.restore_url = ""
    try:
        match = resolve(report.target_url.split("#")[0])
    except Resolver404:
        return report
    if match.view_name == "rooms:room" and report.target_id:
        report.restore_url = reverse("rooms:restore_message", args=[match.kwargs["slug"], report.target_id])
    return report


@login_required
@require_POST
def decide(request, post_id):
    action = request.POST.get("action", "")
    post = get_object_or_404(Post.objects.select_related("thread__community"), pk=post_id)
    if action not in DECISIONS:
        messages.error(request, "Choose hide, restore or dismiss.")
        return redirect("moderation_queue")
    try:
        DECISIONS[action](post, request.user, request.POST.get("reason", ""))
    except DomainError as exc:
        if exc.code == "forbidden":
            return _forbidden(request, exc.message)
        messages.error(request, exc.message)
    else:
        messages.success(request, DONE[action])
    return redirect(_back(request, reverse("moderation_queue")))


@login_required
@require_safe
def log(request):
    if not moderation.is_moderator(request.user):
        return _forbidden(request)
    actions = Paginator(moderation.log_for(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/moderation/log.html",
        {"results": actions, "can_suspend": moderation.can_suspend(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def suspensions(request):
    if not moderation.can_suspend(request.user):
        return _forbidden(request, "Only site moderators suspend members.")
    form = {"username": request.GET.get("username", ""), "days": "7", "reason": ""}
    error = None
    if request.method == "POST":
        form = {key: request.POST.get(key, "").strip() for key in form}
        member = moderation.find_member(form["username"])
        try:
            if member is None:
                raise DomainError("invalid", f"There is no member called “{form['username']}”.")
            if not form["days"].isdigit():
                raise DomainError("invalid", "Give the number of days.")
            moderation.suspend(member, request.user, form["reason"], days=int(form["days"]))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, f"{member.get_username()} is suspended for {form['days']} days.")
            return redirect("moderation_suspensions")
    return render(
        request,
        "forums/moderation/suspensions.html",
        {
            "suspensions": moderation.suspensions_for(request.user),
            "form": form,
            "error": error,
            "max_days": moderation.MAX_SUSPENSION_DAYS,
            "can_suspend": True,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def lift_suspension(request, suspension_id):
    suspension = get_object_or_404(Suspension.objects.select_related("user"), pk=suspension_id)
    try:
        moderation.lift_suspension(suspension, request.user, request.POST.get("reason", ""))
    except DomainError as exc:
        if exc.code == "forbidden":
            return _forbidden(request, exc.message)
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{suspension.user.get_username()} can take part again.")
    return redirect("moderation_suspensions")


def _post_url(post):
    return moderation.post_url(post) or "/"
