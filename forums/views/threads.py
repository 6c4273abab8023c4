"""A forum thread's page, starting a thread, and the buttons on it (pin and lock, follow, most helpful answer).

`render_thread` also shows a comment thread (on its Wagtail page) when a form posted to it was refused:
forums/views/posts.py answers through it.
"""

from dataclasses import dataclass, replace

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from cop_site import fragments
from cop_site.errors import DomainError
from forums import services, thread_reader
from forums.discussion import discussion_for, posts_as_seen, posts_fragment, refusal
from forums.forms import MARKDOWN_HELP, BestAnswerForm, FlagsForm, FollowForm, ThreadForm, form_error
from forums.models import Thread
from forums.views.communities import community_for
from forums.views.private import private_space


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


def new_thread(request, slug):
    community = community_for(request, slug)
    if not community.can_read(request.user):
        return redirect(community)  # a restricted community: its page says how to ask to join
    form = ThreadForm(request.POST or None)
    error = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise form_error(form)
            data = form.cleaned_data
            thread = services.start_thread(community, request.user, data["title"], data["body"], form.tag_list())
        except DomainError as error_:
            error = error_
        else:
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
    thread = thread_reader.thread_at(thread_id, slug, request.user)  # with what the rules below ask, kept
    if thread is None or not thread.community.can_see(request.user):
        # a private community's thread says the space is private, naming nothing of it
        return private_space(request, thread and thread.community)
    if not thread.can_read(request.user):
        messages.info(request, f"Only members of {thread.community.name} read its threads.")
        return redirect(thread.community)
    since = services.mark_read(thread, request.user)
    return render_thread(request, thread, since=since)


def render_thread(request, thread, since=None, form_state=None):
    """The thread's page; with `form_state`, the refused form's error and text, answered with the error's status."""
    if thread.is_comments:  # comments are shown on their page, which the page's template renders
        request.forum_form_state = form_state
        response = thread.page.specific.serve(request)
    else:
        context = {
            "thread": thread,
            "community": thread.community,
            "viewer": request.user,
            "form_state": form_state,
            "markdown_help": MARKDOWN_HELP,
        }
        if form_state is None:  # a refused form's text and error are this request's alone: rendered in place
            context["discussion"] = seen = posts_as_seen(thread, request.user, since=since)
            context["tags"] = seen.index.tags
            context["kept_page"] = kept_page(request, seen, context)
        else:
            context["discussion"] = discussion_for(thread, request.user, since=since)
            context["tags"] = [tag.name for tag in thread.tags.all()]
        response = render(request, "forums/thread_detail.html", context)
    if form_state is not None:
        response.status_code = form_state.error.status
    return response


PAGE_PIECES = {"start": "forums/includes/thread_start.html", "end": "forums/includes/thread_end.html"}


def kept_page(request, seen, context):
    """The thread page's own part as this viewer sees it (all but the Save button), kept in the fragment cache.

    Kept under what the posts are kept under (`seen.fragment()`, forums.discussion.PostsAsSeen) and
    what the rest of the page shows: Follow (the member's own acts), the thread's flags, the community's
    name and level, why the viewer may not post, the viewer (the live stream's settings name them) and, for a
    visitor, the address the sign-in link comes back to. When it is not kept, the posts come from their
    own kept rendering (`_kept_posts`). Forms carry a placeholder for the CSRF token, this request's put in
    as it is served.
    """
    spec = _page_fragment(request, seen)
    page, generations = spec.lookup()
    if page is None:
        kept = {
            **context,
            "request": request,
            "posts_html": _kept_posts(seen, context),
            "csrf_token": fragments.csrf_placeholder(),
        }
        page = {piece: render_to_string(template, kept) for piece, template in PAGE_PIECES.items()}
        spec.store(page, generations)
    # with_csrf_token asks for no token when there is no form: a visitor's page gets no CSRF cookie for it
    return {piece: mark_safe(fragments.with_csrf_token(html, request)) for piece, html in page.items()}  # noqa: S308


def _page_fragment(request, seen):
    posts = seen.fragment()
    thread, viewer = seen.thread, seen.viewer
    signed_in = viewer is not None and viewer.is_authenticated
    scopes = (*posts.scopes, fragments.member_acts(viewer.pk)) if signed_in else posts.scopes
    refusal = seen.post_refusal.message if seen.post_refusal else None
    community = thread.community
    page = (seen.following, thread.pinned, community.name, community.visibility, refusal)
    return fragments.Fragment(
        "forums/thread-page",
        scopes=scopes,
        audience=posts.audience,
        parts=(posts.parts, page, viewer.pk if signed_in else request.get_full_path()),
    )


def _kept_posts(seen, context):
    """The thread's opening post and its replies as this viewer sees them (with the CSRF placeholder), kept twice.

    As this viewer last saw them (`seen.fragment()`, forums.discussion.PostsAsSeen): a reader coming
    back reads no post at all. Failing that, as anyone they would come out the same for
    (forums.discussion.posts_fragment), which reads every post to make its key. The page's own lines
    about the posts (new since the last visit, who started it, the reply count, the live stream's last
    event) are kept with them and set on `seen`.
    """
    as_seen = seen.fragment()
    kept, generations = as_seen.lookup()
    if kept is None:
        kept = _render_posts({**context, "discussion": seen.discussion()})
        as_seen.store(kept, generations)
    for name in ("new_count", "first_new_anchor", "started_by", "reply_count", "last_event_id"):
        setattr(seen, name, kept[name])
    return {part: mark_safe(kept[part]) for part in ("opening", "answers")}  # noqa: S308 (escaped by our templates)


def _render_posts(context):
    """The posts' HTML (with the CSRF placeholder) and the page's lines about them, from the whole Discussion."""
    discussion = context["discussion"]
    spec = posts_fragment(discussion)
    kept = {**context, "csrf_token": fragments.csrf_placeholder()}
    rendered = {
        "new_count": discussion.new_count,
        "first_new_anchor": discussion.first_new_anchor,
        "started_by": discussion.started_by,
        "reply_count": discussion.reply_count,
        "last_event_id": discussion.last_event_id,
    }
    for part in ("opening", "answers"):
        fragment = replace(spec, name=f"{spec.name}/{part}")
        rendered[part] = str(
            fragment.render(lambda part=part: render_to_string(f"forums/includes/thread_{part}.html", kept))
        )
    return rendered


def refused(request, thread, error, **form):
    """The thread's page again, with the error and the typed text."""
    return render_thread(request, thread, form_state=FormState(error, **form))


@require_POST
def thread_flags(request, slug, thread_id):
    thread = _readable_thread(request, slug, thread_id)
    form = FlagsForm(request.POST)
    try:
        if not form.is_valid() or not form.flags():
            raise DomainError("invalid", "Choose whether to pin or lock the thread.")
        services.set_thread_flags(thread, request.user, **form.flags())
    except DomainError as error:
        return refused(request, thread, error, in_form=False)
    state = [word for word, on in (("pinned", thread.pinned), ("locked", thread.locked)) if on]
    messages.success(
        request, f"The thread is {' and '.join(state)}." if state else "The thread is neither pinned nor locked."
    )
    return redirect(thread)


@require_POST
def follow(request, slug, thread_id):
    thread = _readable_thread(request, slug, thread_id)
    if not request.user.is_authenticated:
        return redirect_to_login(thread.get_absolute_url())
    form = FollowForm(request.POST)
    if not form.is_valid():
        return refused(request, thread, DomainError("invalid", "Choose to follow or unfollow."), in_form=False)
    following = form.cleaned_data["following"]
    services.set_following(thread, request.user, following)
    if following:
        messages.success(request, "You are following this thread: you will hear about new replies.")
    else:
        messages.success(request, "You no longer follow this thread.")
    return redirect(thread)


@require_POST
def best_answer(request, slug, thread_id):
    thread = _readable_thread(request, slug, thread_id)
    form = BestAnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise form_error(form)
        post = None
        if form.cleaned_data["post"]:
            post = thread.posts.filter(pk=form.cleaned_data["post"]).first()
            if post is None:
                raise DomainError("invalid", "Choose a visible post in this thread.")
        services.mark_best_answer(thread, request.user, post)
    except DomainError as error:
        return refused(request, thread, error, in_form=False)
    if post is None:
        messages.success(request, "The thread has no most helpful answer marked now.")
        return redirect(thread)
    messages.success(request, "Marked as the most helpful answer.")
    return redirect(post.get_absolute_url())
