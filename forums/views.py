"""Community and discussion pages: thin HTTP adapters over forums.services.

Every form is a plain POST that redirects back to what it changed (PRG), so everything works
without JavaScript. The same endpoints answer JSON when asked (`Accept: application/json` or an
`X-Requested-With` header), for the page scripts that post without a reload. Refusals are the
services' DomainErrors, shown as they are: in an error summary above the typed text (HTML), or as
{"error": {"code", "message"}} (JSON), never saving anything.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from cop_site.errors import DomainError, error_response
from forums import markdown, services
from forums.discussion import discussion_for, refusal, reply_counts, takes_comments, with_profiles
from forums.forms import (
    MARKDOWN_HELP,
    BestAnswerForm,
    DecisionForm,
    EditForm,
    FlagsForm,
    FollowForm,
    InviteForm,
    JoinForm,
    PostForm,
    ThreadForm,
    first_error,
)
from forums.models import Community, Membership, Post, Thread, ThreadVisit
from forums.models.threads import display_name

THREADS_PER_PAGE = 20


# --- answering: JSON for scripts, redirects and re-rendered forms for browsers ------------------------
def wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or "X-Requested-With" in request.headers


def json_error(error):
    return error_response(error)


def answers_json(view):
    """A missing (or unseeable) thread, post or community is a JSON 404 for scripts, the 404 page for browsers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if wants_json(request):
                return json_error(DomainError("not_found", "There is nothing here, or you cannot see it."))
            raise

    return wrapped


def _invalid(form):
    return DomainError("invalid", first_error(form))


@dataclass
class FormState:
    """What a refused form held, so the page shows it again with the error beside it."""

    error: DomainError
    parent: int | None = None  # the post a refused reply answered (None: the main form)
    body: str = ""
    in_form: bool = True  # False when the refusal came from a button (helpful, follow...), not a text form

    @property
    def field_id(self):
        if not self.in_form:
            return ""
        return f"reply-body-{self.parent}" if self.parent else "post-body"


def _posted(request, post, message, status=201):
    """A post was created or changed: its JSON, or back to it on its page (PRG)."""
    if wants_json(request):
        return JsonResponse({"post": services.post_payload(post)}, status=status)
    messages.success(request, message)
    return redirect(post.get_absolute_url())


# --- communities -----------------------------------------------------------------------------------
def _invitation(community, user):
    membership = community.membership_of(user)
    return membership if membership and membership.status == Membership.Status.INVITED else None


def _community(request, slug):
    """The community if this person may see it (or holds an invitation to it); else the 404 of a missing slug."""
    community = Community.objects.filter(slug=slug).first()
    if community is None or not (community.can_see(request.user) or _invitation(community, request.user)):
        raise Http404("No community here.")
    return community


def member_counts(communities):
    rows = (
        Membership.objects.filter(community__in=communities, status=Membership.Status.ACTIVE)
        .values_list("community")
        .order_by()
    )
    counts = {}
    for (community_id,) in rows:
        counts[community_id] = counts.get(community_id, 0) + 1
    return counts


def community_list(request):
    """The communities this person may see (private ones only for their members), and open invitations."""
    user = request.user
    communities = list(Community.objects.visible_to(user))
    memberships = {}
    if user.is_authenticated:
        memberships = {m.community_id: m for m in Membership.objects.filter(user=user)}
        seen = {c.pk for c in communities}
        invited = [m.community_id for m in memberships.values() if m.status == Membership.Status.INVITED]
        communities += list(Community.objects.filter(pk__in=invited).exclude(pk__in=seen))
    counts = member_counts(communities)
    rows = [
        {"community": c, "members": counts.get(c.pk, 0), "membership": memberships.get(c.pk)}
        for c in sorted(communities, key=lambda c: c.name.lower())
    ]
    return render(request, "forums/community_list.html", {"rows": rows})


def community_detail(request, slug):
    return _render_community(request, _community(request, slug))


def _render_community(request, community, error=None, status=200, error_field="", join_message="", invite_username=""):
    user = request.user
    membership = community.membership_of(user)
    is_member = bool(membership and membership.status == Membership.Status.ACTIVE)
    can_read = community.can_read(user)
    context = {
        "community": community,
        "membership": membership,
        "is_member": is_member,
        "can_read": can_read,
        "can_moderate": community.can_moderate(user),
        "about_html": markdown.render(community.about),
        "member_count": member_counts([community]).get(community.pk, 0),
        "error": error,
        "join_message": join_message,
        "invite_username": invite_username,
        "error_field": error_field,
        "resources": community.resources.all(),
    }
    if not community.can_see(user):  # an invitation to a private community: only what it is and the answer
        return render(request, "forums/community_invitation.html", context, status=status)
    if can_read:
        threads = Paginator(with_profiles(community.threads.all(), "author"), THREADS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        _annotate_threads(threads.object_list, user, membership if is_member else None)
        context.update(
            threads=threads,
            members=with_profiles(
                community.memberships.filter(status=Membership.Status.ACTIVE).order_by("role", "user__username"),
                "user",
            ),
            new_thread_refusal=refusal(services.check_can_post, user, Thread(community=community)),
        )
    if context["can_moderate"]:
        context["requests"] = with_profiles(
            community.memberships.filter(status=Membership.Status.PENDING).order_by("created"), "user"
        )
    if is_member and status == 200:
        Membership.objects.filter(pk=membership.pk).update(last_visited=timezone.now())
    return render(request, "forums/community_detail.html", context, status=status)


def _annotate_threads(threads, user, membership):
    """Set `reply_count`, and `is_new` on threads active since the member last read them.

    A thread the member never opened counts from their previous visit to the community (or from when
    they joined); only members get markers.
    """
    replies = reply_counts(threads)
    visits = {}
    if membership is not None:
        visits = dict(ThreadVisit.objects.filter(user=user, thread__in=threads).values_list("thread_id", "seen"))
    for thread in threads:
        thread.reply_count = replies.get(thread.pk, 0)
        seen = visits.get(thread.pk) or (membership and (membership.last_visited or membership.created))
        thread.is_new = bool(membership is not None and seen and thread.last_activity > seen)


@answers_json
@require_POST
def join(request, slug):
    """Join an open community, ask to join a restricted one, or accept an invitation."""
    community = _community(request, slug)
    if not request.user.is_authenticated and not wants_json(request):
        return redirect_to_login(community.get_absolute_url())
    form = JoinForm(request.POST)
    try:
        if not form.is_valid():
            raise _invalid(form)
        membership = services.join(community, request.user, form.cleaned_data["message"])
    except DomainError as error:
        if wants_json(request):
            return json_error(error)
        return _render_community(
            request,
            community,
            error,
            error.status,
            error_field="join-message",
            join_message=request.POST.get("message", ""),
        )
    if wants_json(request):
        return JsonResponse({"membership": {"status": membership.status, "role": membership.role}})
    if membership.status == Membership.Status.PENDING:
        messages.success(request, f"Your request to join {community.name} is with its facilitators.")
    else:
        messages.success(request, f"Welcome to {community.name}.")
    return redirect(community)


@answers_json
@require_POST
def decide_request(request, slug, membership_id):
    community = _community(request, slug)
    membership = community.memberships.filter(pk=membership_id).select_related("user").first()
    form = DecisionForm(request.POST)
    try:
        if membership is None:
            raise DomainError("invalid", "That request is no longer waiting for an answer.")
        if not form.is_valid():
            raise _invalid(form)
        approve = form.cleaned_data["decision"] == "approve"
        services.decide_join_request(membership, request.user, approve=approve)
    except DomainError as error:
        return json_error(error) if wants_json(request) else _render_community(request, community, error, error.status)
    if wants_json(request):
        return JsonResponse({"membership": {"id": membership.pk, "status": membership.status}})
    name = display_name(membership.user)
    messages.success(request, f"{name} is now a member." if approve else f"You declined {name}’s request.")
    return redirect(community)


@answers_json
@require_POST
def invite(request, slug):
    community = _community(request, slug)
    form = InviteForm(request.POST)
    try:
        if not form.is_valid():
            raise _invalid(form)
        username = form.cleaned_data["username"].strip().lstrip("@")
        invitee = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
        if invitee is None:
            raise DomainError("invalid", f"No member has the username “{username}”.")
        membership = services.invite(community, invitee, request.user)
    except DomainError as error:
        if wants_json(request):
            return json_error(error)
        return _render_community(
            request,
            community,
            error,
            error.status,
            error_field="invite-username",
            invite_username=request.POST.get("username", ""),
        )
    if wants_json(request):
        return JsonResponse({"membership": {"id": membership.pk, "status": membership.status}})
    name = display_name(invitee)
    if membership.status == Membership.Status.ACTIVE:
        messages.success(request, f"{name} is already a member.")
    else:
        messages.success(request, f"{name} is invited: they can accept on this community’s page.")
    return redirect(community)


# --- forum threads -----------------------------------------------------------------------------------
def _thread(request, slug, thread_id):
    """A forum thread in a community this person may see; the same 404 as a missing one otherwise."""
    thread = Thread.objects.select_related("community", "author").filter(pk=thread_id, community__slug=slug).first()
    if thread is None or not thread.community.can_see(request.user):
        raise Http404("No thread here.")
    return thread


def _readable_thread(request, slug, thread_id):
    thread = _thread(request, slug, thread_id)
    if not thread.can_read(request.user):
        raise Http404("No thread here.")
    return thread


@answers_json
def new_thread(request, slug):
    community = _community(request, slug)
    if not community.can_read(request.user):
        return redirect(community)  # a restricted community: its page says how to ask to join
    form = ThreadForm(request.POST or None)
    error = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise _invalid(form)
            data = form.cleaned_data
            thread = services.start_thread(community, request.user, data["title"], data["body"], form.tag_list())
        except DomainError as error_:
            if wants_json(request):
                return json_error(error_)
            error = error_
        else:
            if wants_json(request):
                post = thread.posts.get()
                payload = {"id": thread.pk, "url": thread.get_absolute_url()}
                return JsonResponse({"thread": payload, "post": services.post_payload(post)}, status=201)
            messages.success(request, "Your thread is started.")
            return redirect(thread)
    context = {
        "community": community,
        "form": form,
        "error": error,
        "refusal": refusal(services.check_can_post, request.user, Thread(community=community)),
        "markdown_help": MARKDOWN_HELP,
    }
    return render(request, "forums/new_thread.html", context, status=error.status if error else 200)


def thread_detail(request, slug, thread_id):
    thread = _thread(request, slug, thread_id)
    if not thread.can_read(request.user):
        messages.info(request, f"Only members of {thread.community.name} read its threads.")
        return redirect(thread.community)
    since = services.mark_read(thread, request.user)
    return _render_thread(request, thread, since=since)


def _render_thread(request, thread, since=None, form_state=None):
    if thread.is_comments:  # comments are shown on their page, which the page's template renders
        request.forum_form_state = form_state
        response = thread.page.specific.serve(request)
    else:
        context = {
            "thread": thread,
            "community": thread.community,
            "discussion": discussion_for(thread, request.user, since=since),
            "viewer": request.user,
            "form_state": form_state,
            "markdown_help": MARKDOWN_HELP,
        }
        response = render(request, "forums/thread_detail.html", context)
    if form_state is not None:
        response.status_code = form_state.error.status
    return response


def _refused(request, thread, error, **form):
    """A refusal: JSON for scripts; for browsers the thread's page again, with the error and the typed text."""
    if wants_json(request):
        return json_error(error)
    return _render_thread(request, thread, form_state=FormState(error, **form))


@answers_json
@require_POST
def thread_flags(request, slug, thread_id):
    thread = _readable_thread(request, slug, thread_id)
    form = FlagsForm(request.POST)
    try:
        if not form.is_valid() or not form.flags():
            raise DomainError("invalid", "Choose whether to pin or lock the thread.")
        services.set_thread_flags(thread, request.user, **form.flags())
    except DomainError as error:
        return _refused(request, thread, error, in_form=False)
    if wants_json(request):
        return JsonResponse({"thread": {"id": thread.pk, "pinned": thread.pinned, "locked": thread.locked}})
    state = [word for word, on in (("pinned", thread.pinned), ("locked", thread.locked)) if on]
    messages.success(
        request, f"The thread is {' and '.join(state)}." if state else "The thread is neither pinned nor locked."
    )
    return redirect(thread)


@answers_json
@require_POST
def follow(request, slug, thread_id):
    thread = _readable_thread(request, slug, thread_id)
    if not request.user.is_authenticated:
        if wants_json(request):
            return json_error(DomainError("forbidden", "Sign in to follow threads."))
        return redirect_to_login(thread.get_absolute_url())
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _refused(request, thread, DomainError("invalid", "Choose to follow or unfollow."), in_form=False)
    following = form.cleaned_data["following"]
    services.set_following(thread, request.user, following)
    if wants_json(request):
        return JsonResponse({"thread": {"id": thread.pk, "following": following}})
    if following:
        messages.success(request, "You are following this thread: you will hear about new replies.")
    else:
        messages.success(request, "You no longer follow this thread.")
    return redirect(thread)


@answers_json
@require_POST
def best_answer(request, slug, thread_id):
    thread = _readable_thread(request, slug, thread_id)
    form = BestAnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise _invalid(form)
        post = None
        if form.cleaned_data["post"]:
            post = thread.posts.filter(pk=form.cleaned_data["post"]).first()
            if post is None:
                raise DomainError("invalid", "Choose a visible post in this thread.")
        services.mark_best_answer(thread, request.user, post)
    except DomainError as error:
        return _refused(request, thread, error, in_form=False)
    if wants_json(request):
        return JsonResponse({"thread": {"id": thread.pk, "best_post_id": thread.best_post_id}})
    if post is None:
        messages.success(request, "The thread has no most helpful answer marked now.")
        return redirect(thread)
    messages.success(request, "Marked as the most helpful answer.")
    return redirect(post.get_absolute_url())


# --- posts in any thread (forum threads and comments under pages) ------------------------------------
def _any_thread(request, thread_id):
    thread = Thread.objects.select_related("community", "page").filter(pk=thread_id).first()
    if thread is None or not thread.can_read(request.user):
        raise Http404("No thread here.")
    return thread


def _post(request, post_id):
    post = Post.objects.select_related("thread__community", "thread__page").filter(pk=post_id).first()
    if post is None or not post.thread.can_read(request.user):
        raise Http404("No post here.")
    return post


def _parent(thread, parent_id):
    if parent_id is None:
        return None
    parent = Post.objects.filter(pk=parent_id).first()
    if parent is None:
        raise DomainError("invalid", "You can only reply to a post in this thread.")
    return parent


def _form_state(request):
    """What the person typed, and which form it was in (only a whole-number parent names a reply form)."""
    raw = request.POST.get("parent", "")
    return {"body": request.POST.get("body", ""), "parent": int(raw) if raw.isdigit() and len(raw) < 19 else None}


@answers_json
@require_POST
def reply(request, thread_id):
    """A new post in a thread: an answer in a forum thread, or a comment; with `parent`, a reply to a post."""
    thread = _any_thread(request, thread_id)
    form = PostForm(request.POST)
    try:
        if not form.is_valid():
            raise _invalid(form)
        parent = _parent(thread, form.cleaned_data["parent"])
        post = services.post_reply(thread, request.user, form.cleaned_data["body"], parent=parent)
    except DomainError as error:
        return _refused(request, thread, error, **_form_state(request))
    return _posted(request, post, "Your comment is posted." if thread.is_comments else "Your reply is posted.")


@answers_json
@require_POST
def comment(request, page_id):
    """A comment under a page; its comment thread is made with the first one (and not at all if it is refused)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live or not takes_comments(page):
        raise Http404("No page here.")
    thread = Thread.objects.filter(page=page).first() or Thread(page=page, title=page.title)
    if not thread.can_read(request.user):
        raise Http404("No page here.")
    form = PostForm(request.POST)
    try:
        if not form.is_valid():
            raise _invalid(form)
        with transaction.atomic():
            thread = services.comment_thread_for(page)
            parent = _parent(thread, form.cleaned_data["parent"])
            post = services.post_reply(thread, request.user, form.cleaned_data["body"], parent=parent)
    except DomainError as error:
        thread = Thread.objects.filter(page=page).first() or Thread(page=page, title=page.title)
        return _refused(request, thread, error, **_form_state(request))
    return _posted(request, post, "Your comment is posted.")


@answers_json
@require_http_methods(["GET", "HEAD", "POST"])
def edit_post(request, post_id):
    post = _post(request, post_id)
    form = EditForm(request.POST or None, initial={"body": post.body_source})
    error = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise _invalid(form)
            services.edit_post(post, request.user, form.cleaned_data["body"])
        except DomainError as error_:
            if wants_json(request):
                return json_error(error_)
            error = error_
        else:
            return _posted(request, post, "Your changes are saved.", status=200)
    elif not post.can_edit(request.user):
        error = DomainError("forbidden", "You can edit your own posts for 30 minutes after posting.")
    body = request.POST.get("body", "") if request.method == "POST" else post.body_source
    context = {
        "post": post,
        "body": body,
        "error": error,
        "markdown_help": MARKDOWN_HELP,
        "back": post.get_absolute_url(),
    }
    return render(request, "forums/edit_post.html", context, status=error.status if error else 200)


@answers_json
@require_http_methods(["GET", "HEAD", "POST"])
def delete_post(request, post_id):
    post = _post(request, post_id)
    if request.method == "POST":
        thread = post.thread
        try:
            services.delete_post(post, request.user)
        except DomainError as error:
            if wants_json(request):
                return json_error(error)
            return render(
                request,
                "forums/delete_post.html",
                {"post": post, "error": error, "back": post.get_absolute_url()},
                status=error.status,
            )
        if wants_json(request):
            return JsonResponse({"post_id": post_id, "deleted": True})
        messages.success(request, "Your comment is deleted." if thread.is_comments else "Your post is deleted.")
        return redirect(thread.get_absolute_url())
    return render(request, "forums/delete_post.html", {"post": post, "back": post.get_absolute_url()})


@answers_json
@require_POST
def helpful(request, post_id):
    post = _post(request, post_id)
    try:
        counts = services.toggle_helpful(post, request.user)
    except DomainError as error:
        return _refused(request, post.thread, error, in_form=False)
    found_helpful = post.reactions.filter(user=request.user).exists()
    if wants_json(request):
        return JsonResponse({"post_id": post.pk, "counts": counts, "found_helpful": found_helpful})
    messages.success(request, "Marked as helpful." if found_helpful else "No longer marked as helpful.")
    return redirect(post.get_absolute_url())
