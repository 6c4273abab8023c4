"""Posts in comment threads and forum threads over JSON: read, write, edit, delete, mark helpful.

The same rules as the pages (forums.services); the same shapes as the live stream (post_payload).
Changes use the site's session cookie and need the CSRF token (the `csrftoken` cookie's value) in an
`X-CSRFToken` header. A thread the caller may not read is a 404, exactly like one that does not exist.
Refusals are the services' DomainErrors in the API's error shape (cop_site/errors.py ErrorOut) with
400, 403, 404 or 429; malformed JSON is a 400 and wrong types a 422 in the same shape (cop_site/api.py).
"""

from django.conf import settings
from django.http import HttpResponse
from ninja import Field, Path, Router, Schema
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf

from cop_site.errors import DomainError, ErrorOut
from forums import services
from forums.discussion import discussion_for
from forums.forms import MAX_ID
from forums.models import Post, Thread
from learning.open_data import example


class SessionCookie(APIKeyCookie):
    """The site's session cookie. Visitors may read; writes must also carry the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=False)  # checked below, so the refusal has the API's shape

    def authenticate(self, request, key):
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request):
            raise DomainError(
                "csrf", "The CSRF token is missing or wrong: send the csrftoken cookie's value as X-CSRFToken."
            )
        return request.user  # visitors included: the services decide what each person may do


session = SessionCookie()
router = Router(tags=["discussions"], auth=session)


# --- shapes ------------------------------------------------------------------------------------------
class AuthorOut(Schema):
    id: int
    name: str
    level: str = Field(description="frontline, manager, strategic, researcher, community_member, or empty")
    level_label: str = Field("", description="The level in words, as pages show it.")
    url: str = Field("", description="Their public profile.")


class PostOut(Schema):
    """A post as services.post_payload gives it (the live stream's shape). Hidden and removed posts carry no text."""

    id: int
    thread_id: int
    parent_id: int | None
    author: AuthorOut | None
    body_html: str
    status: str
    created: str
    edited: str | None


class PostInThread(PostOut):
    helpful: int = Field(description="How many members found it helpful.")
    found_helpful: bool = Field(description="Whether the caller marked it helpful.")


class ThreadOut(Schema):
    id: int
    title: str
    url: str
    locked: bool
    pinned: bool
    best_post_id: int | None
    reply_count: int = Field(
        description="The replies a reader sees, as the thread page and the community's list count them: visible "
        "posts at every level, the opening post left out (a page's comments: every visible one); hidden ones never."
    )


class ThreadPostsOut(Schema):
    thread: ThreadOut
    posts: list[PostInThread] = Field(description="In order; each top-level post is followed by its replies.")
    last_event_id: int = Field(description="Connect to /ws/threads/<id>/?after=<this> to hear what comes next.")


class PostEnvelope(Schema):
    post: PostOut


class PostIn(Schema):
    body: str = Field(description="Markdown: bold, italic, lists, links, quotes, code; @username mentions.")
    parent_id: int | None = Field(None, ge=1, le=MAX_ID, description="Reply to this post (one level of replies).")


class EditIn(Schema):
    body: str


class HelpfulOut(Schema):
    post_id: int
    counts: dict[str, int]
    found_helpful: bool


REFUSALS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
POST_EXAMPLE = {
    "id": 88,
    "thread_id": 12,
    "parent_id": None,
    "author": {
        "id": 5,
        "name": "Morag Reid",
        "level": "frontline",
        "level_label": "Frontline",
        "url": "/members/morag/",
    },
    "body_html": "<p>We started with a <strong>walkabout</strong> with residents.</p>",
    "status": "visible",
    "created": "2026-12-01T10:15:00+00:00",
    "edited": None,
}
ID = {"ge": 1, "le": MAX_ID}


# --- lookups ------------------------------------------------------------------------------------------
def _readable_thread(user, thread_id):
    thread = Thread.objects.select_related("community", "page").filter(pk=thread_id).first()
    if thread is None or not thread.can_read(user):
        raise DomainError("not_found", "There is no such thread, or you cannot read it.")
    return thread


def _readable_post(user, post_id):
    post = Post.objects.select_related("thread__community", "thread__page").filter(pk=post_id).first()
    if post is None or not post.thread.can_read(user):
        raise DomainError("not_found", "There is no such post, or you cannot read it.")
    return post


# --- endpoints ----------------------------------------------------------------------------------------
@router.get(
    "/threads/{thread_id}/posts",
    response={200: ThreadPostsOut, 404: ErrorOut},
    summary="A thread's posts",
    openapi_extra=example(
        {
            "thread": {
                "id": 12,
                "title": "Locality plans",
                "url": "/discussions/12/",
                "locked": False,
                "pinned": False,
                "best_post_id": None,
            },
            "posts": [{**POST_EXAMPLE, "helpful": 3, "found_helpful": False}],
            "last_event_id": 140,
        }
    ),
    auth=None,  # visitors read what a visitor may see; the document must not say a session is required
)
def thread_posts(request, thread_id: int = Path(..., **ID)):
    """Every post the caller may see, top-level posts each followed by their replies."""
    thread = _readable_thread(request.user, thread_id)
    discussion = discussion_for(thread, request.user)
    posts = [
        {**services.post_payload(view.post), "helpful": view.helpful_count, "found_helpful": view.found_helpful}
        for view in discussion.all_posts()
    ]
    return {
        "thread": {
            "id": thread.pk,
            "title": thread.title,
            "url": thread.get_absolute_url(),
            "locked": thread.locked,
            "pinned": thread.pinned,
            "best_post_id": thread.best_post_id,
            "reply_count": discussion.reply_count,
        },
        "posts": posts,
        "last_event_id": discussion.last_event_id,
    }


@router.post(
    "/threads/{thread_id}/posts",
    response={201: PostEnvelope, **REFUSALS},
    summary="Post in a thread, or reply",
    openapi_extra=example({"post": POST_EXAMPLE}, status=201),
)
def create_post(request, payload: PostIn, thread_id: int = Path(..., **ID)):
    thread = _readable_thread(request.user, thread_id)
    parent = None
    if payload.parent_id is not None:
        parent = Post.objects.filter(pk=payload.parent_id).first()
        if parent is None:
            raise DomainError("invalid", "You can only reply to a post in this thread.")
    post = services.post_reply(thread, request.user, payload.body, parent=parent)
    return 201, {"post": services.post_payload(post)}


@router.patch(
    "/posts/{post_id}",
    response={200: PostEnvelope, **REFUSALS},
    summary="Edit your post",
    openapi_extra=example({"post": {**POST_EXAMPLE, "edited": "2026-12-01T10:20:00+00:00"}}),
)
def edit_post(request, payload: EditIn, post_id: int = Path(..., **ID)):
    """Authors edit their own posts for 30 minutes after posting."""
    post = _readable_post(request.user, post_id)
    post = services.edit_post(post, request.user, payload.body)
    return {"post": services.post_payload(post)}


@router.delete("/posts/{post_id}", response={204: None, **REFUSALS}, summary="Delete your post")
def delete_post(request, post_id: int = Path(..., **ID)):
    """A post with replies leaves a "removed" placeholder; one without is gone."""
    post = _readable_post(request.user, post_id)
    services.delete_post(post, request.user)
    return HttpResponse(status=204)


@router.post(
    "/posts/{post_id}/helpful",
    response={200: HelpfulOut, **REFUSALS},
    summary="Mark a post helpful, or not",
    openapi_extra=example({"post_id": 88, "counts": {"helpful": 4}, "found_helpful": True}),
)
def helpful(request, post_id: int = Path(..., **ID)):
    """Toggles the caller's "helpful" mark on someone else's post."""
    post = _readable_post(request.user, post_id)
    counts = services.toggle_helpful(post, request.user)
    return {"post_id": post.pk, "counts": counts, "found_helpful": post.reactions.filter(user=request.user).exists()}
