"""`{% live_thread thread discussion %}`: what static/js/live-thread.js needs to keep a thread page live.

The page's posts are rendered by templates/forums/includes/post.html; the script builds the posts
that arrive later to match it, so it needs what that template knows about the viewer (who they are,
whether they may reply, report, mark the best answer), the URLs its forms post to, and the API addresses the
script sends them to instead (forums/api.py). Everything else a post needs comes in its frame
(forums.payloads.post_payload).
"""

from django import template
from django.urls import reverse
from django.utils import timezone

from forums import moderation, services
from forums.models import Flag

register = template.Library()
PLACEHOLDER = 2147483647  # reversed in place of an id, then swapped for "{id}" for the script to fill in


def _url_pattern(name, key=None):
    """The address of `name` with "{id}" where the id goes (a keyword argument `key` for the API's)."""
    url = reverse(name, kwargs={key: PLACEHOLDER}) if key else reverse(name, args=[PLACEHOLDER])
    return url.replace(str(PLACEHOLDER), "{id}")


@register.inclusion_tag("forums/includes/live_thread.html", takes_context=True)
def live_thread(context, thread, discussion):
    if thread.pk is None and thread.page_id and thread.page.live:
        # A page with no comments yet: make its (empty) thread now, so the first comment is live too.
        thread = services.comment_thread_for(thread.page)
    viewer = discussion.viewer
    signed_in = bool(viewer is not None and viewer.is_authenticated)
    best_answer = ""
    if thread.pk and not thread.is_comments:
        best_answer = reverse("forums:best_answer", args=[thread.community.slug, thread.pk])
    return {
        "config": {
            "threadId": thread.pk,
            "viewer": viewer.pk if signed_in else None,
            "canReply": discussion.can_post,
            "canFlag": signed_in and not moderation.is_suspended(viewer),  # Report on others' posts as they arrive
            "reasons": [{"value": value, "label": label} for value, label in Flag.Reason.choices],
            "canMarkBest": bool(best_answer) and signed_in and thread.author_id == viewer.pk,
            "isComments": thread.is_comments,
            "anchor": "comment-" if thread.is_comments else "post-",
            "timeZone": timezone.get_current_timezone_name(),
            "markdownHelp": context.get("markdown_help", ""),
            "urls": {
                "reply": _url_pattern("forums:reply"),
                "helpful": _url_pattern("forums:helpful"),
                "edit": _url_pattern("forums:edit_post"),
                "delete": _url_pattern("forums:delete_post"),
                "flag": _url_pattern("flag_post"),
                "bestAnswer": best_answer,
            },
            "api": {  # where the script sends what the forms above post without it
                "posts": _url_pattern("api-v1:create_post", "thread_id"),
                "helpful": _url_pattern("api-v1:helpful", "post_id"),
            },
        },
    }
