"""The forms every discussion posts to, forum threads and comments under pages alike: a new post or
reply, a page's first comment, editing, deleting and marking a post helpful.

A refusal shows the thread's page (or the comment's Wagtail page) again with the error beside the
text as typed, through forums/views/threads.py `refused`.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from cop_site.errors import DomainError
from forums import services
from forums.discussion import takes_comments
from forums.forms import MARKDOWN_HELP, EditForm, PostForm, form_error
from forums.models import Post, Thread
from forums.views.threads import refused


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


def _posted(request, post, message):
    """A post was created or changed: back to it on its page (PRG)."""
    messages.success(request, message)
    return redirect(post.get_absolute_url())


@require_POST
def reply(request, thread_id):
    """A new post in a thread: an answer in a forum thread, or a comment; with `parent`, a reply to a post."""
    thread = _any_thread(request, thread_id)
    form = PostForm(request.POST)
    try:
        if not form.is_valid():
            raise form_error(form)
        parent = _parent(thread, form.cleaned_data["parent"])
        post = services.post_reply(thread, request.user, form.cleaned_data["body"], parent=parent)
    except DomainError as error:
        return refused(request, thread, error, **_form_state(request))
    return _posted(request, post, "Your comment is posted." if thread.is_comments else "Your reply is posted.")


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
            raise form_error(form)
        with transaction.atomic():
            thread = services.comment_thread_for(page)
            parent = _parent(thread, form.cleaned_data["parent"])
            post = services.post_reply(thread, request.user, form.cleaned_data["body"], parent=parent)
    except DomainError as error:
        thread = Thread.objects.filter(page=page).first() or Thread(page=page, title=page.title)
        return refused(request, thread, error, **_form_state(request))
    return _posted(request, post, "Your comment is posted.")


@require_http_methods(["GET", "HEAD", "POST"])
def edit_post(request, post_id):
    post = _post(request, post_id)
    form = EditForm(request.POST or None, initial={"body": post.body_source})
    error = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise form_error(form)
            services.edit_post(post, request.user, form.cleaned_data["body"])
        except DomainError as error_:
            error = error_
        else:
            return _posted(request, post, "Your changes are saved.")
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


@require_http_methods(["GET", "HEAD", "POST"])
def delete_post(request, post_id):
    post = _post(request, post_id)
    if request.method == "POST":
        thread = post.thread
        try:
            services.delete_post(post, request.user)
        except DomainError as error:
            return render(
                request,
                "forums/delete_post.html",
                {"post": post, "error": error, "back": post.get_absolute_url()},
                status=error.status,
            )
        messages.success(request, "Your comment is deleted." if thread.is_comments else "Your post is deleted.")
        return redirect(thread.get_absolute_url())
    return render(request, "forums/delete_post.html", {"post": post, "back": post.get_absolute_url()})


@require_POST
def helpful(request, post_id):
    post = _post(request, post_id)
    try:
        services.toggle_helpful(post, request.user)
    except DomainError as error:
        return refused(request, post.thread, error, in_form=False)
    found_helpful = post.reactions.filter(user=request.user).exists()
    messages.success(request, "Marked as helpful." if found_helpful else "No longer marked as helpful.")
    return redirect(post.get_absolute_url())
