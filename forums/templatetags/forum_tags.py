"""Discussion on any page: `{% comments page %}` under case studies, evidence summaries and guides."""

from django import template

from forums.discussion import PostView, discussion_for, takes_comments
from forums.discussion import post_view as view_of_post
from forums.forms import MARKDOWN_HELP
from forums.models import Thread

register = template.Library()


@register.inclusion_tag("forums/includes/comments.html", takes_context=True)
def comments(context, page):
    """The page's comment thread (made on the first comment), its form, or a sign-in link for visitors.

    A refused comment re-renders the page with the error and the typed text, handed over on the
    request by forums/views/threads.py render_thread (`request.forum_form_state`).
    """
    request = context.get("request")
    if page is None or not takes_comments(page):
        return {"show": False}
    viewer = getattr(request, "user", None)
    thread = Thread.objects.filter(page=page).first() or Thread(page=page, title=page.title)
    return {
        "show": True,
        "page": page,
        "thread": thread,
        "viewer": viewer,
        "discussion": discussion_for(thread, viewer),
        "form_state": getattr(request, "forum_form_state", None),
        "next": f"{page.url or ''}#comments",
        "markdown_help": MARKDOWN_HELP,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def post_view(post, viewer):
    """A post as this viewer sees it: a ready PostView (from a thread page), or one worked out now."""
    if isinstance(post, PostView):
        return post
    return view_of_post(post, viewer)


@register.simple_tag
def refused_here(form_state, parent):
    """The refused form's state when it was this form (the main one for parent None), else None."""
    if form_state and form_state.in_form and form_state.parent == parent:
        return form_state
    return None
