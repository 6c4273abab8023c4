"""What one viewer sees of a thread: its posts in one level of replies, and what they may do to each.

Pages (forum threads, comments under Wagtail pages), the post partial and the API all read threads
through here, so "who sees a hidden post" and "which controls appear" are decided once. The rules
behind the controls stay in forums.services; this module only asks them.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property, lru_cache

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from cop_site import fragments
from cop_site.errors import DomainError
from forums import live, moderation, services, thread_reader, visibility
from forums.models import Flag, Post, Reaction
from forums.models.threads import EDIT_WINDOW_MINUTES, display_name
from forums.payloads import author_level, author_url

# Pages that take comments, named by model label so forums needs no import of the page apps.
COMMENTABLE_PAGE_MODELS = {"casestudies.casestudypage", "learning.evidencesummarypage", "learning.practiceguidepage"}


def takes_comments(page):
    """Case studies, evidence summaries and practice guides have a comment thread; other pages do not."""
    return page is not None and page.specific_class._meta.label_lower in COMMENTABLE_PAGE_MODELS


def refusal(check, *args):
    """The message a services check raises for this person, or None when they may go ahead."""
    try:
        check(*args)
    except DomainError as error:
        return error
    return None


def with_profiles(queryset, *relations):
    """select_related each user relation and its profile (when the accounts app provides one)."""
    has_profile = hasattr(get_user_model(), "profile")
    return queryset.select_related(*(f"{name}__profile" if has_profile else name for name in relations))


EDIT_WINDOW = timedelta(minutes=EDIT_WINDOW_MINUTES)
ID_PLACEHOLDER = 2147483647  # reversed in place of a post's id, then swapped for it (see _urls)


@lru_cache(maxsize=8)
def _url_patterns(prefix):
    """The addresses a post's controls post to, reversed once per script prefix rather than once per post."""
    names = {"helpful": "forums:helpful", "edit": "forums:edit_post", "delete": "forums:delete_post"}
    names |= {"flag": "flag_post", "reply": "forums:reply"}
    return {key: reverse(name, args=[ID_PLACEHOLDER]).replace(str(ID_PLACEHOLDER), "{}") for key, name in names.items()}


def _urls():
    return _url_patterns(get_script_prefix())


@dataclass
class PostView:
    """One post as a particular viewer sees it (the post partial renders this)."""

    post: Post
    shown: str  # "visible"; "hidden" (the author or a moderator sees it, with the reason); "placeholder"
    is_new: bool = False
    helpful_count: int = 0
    found_helpful: bool = False
    can_react: bool = False
    can_edit: bool = False
    can_delete: bool = False
    can_reply: bool = False
    can_mark_best: bool = False
    can_flag: bool = False  # Report is offered: forums.moderation.flag_refusal says none
    flagged: bool = False  # this viewer reported it already: the page says "Reported"
    is_best: bool = False
    replies: list = field(default_factory=list)
    url: str = ""  # the post on its page (Post.get_absolute_url, worked out once per thread)

    @property
    def id(self):
        return self.post.pk

    @property
    def is_reply(self):
        return self.post.parent_id is not None

    @property
    def anchor(self):
        return self.url.rsplit("#", 1)[1]

    @property
    def return_to(self):
        """Where a form about this post comes back to: the post on its page."""
        return self.url

    @property
    def helpful_url(self):
        return _urls()["helpful"].format(self.post.pk)

    @property
    def edit_url(self):
        return _urls()["edit"].format(self.post.pk)

    @property
    def delete_url(self):
        return _urls()["delete"].format(self.post.pk)

    @property
    def flag_url(self):
        return _urls()["flag"].format(self.post.pk)

    @property
    def reply_url(self):
        return _urls()["reply"].format(self.post.thread_id)

    @property
    def noun(self):
        if self.post.thread.is_comments:
            return "comment"
        return "reply" if self.is_reply else "post"

    @property
    def report_reasons(self):
        return Flag.Reason.choices

    @property
    def reply_field_id(self):
        return f"reply-body-{self.post.pk}"

    @property
    def author_name(self):
        return display_name(self.post.author)

    @property
    def author_level(self):
        return author_level(self.post.author)

    @property
    def author_url(self):
        return author_url(self.post.author)

    @property
    def placeholder_text(self):
        if self.post.status == Post.Status.REMOVED:
            return "This post was removed."
        return "This post was hidden by a moderator."


@dataclass
class Discussion:
    """A thread as one viewer sees it: the posts, the new ones, and what this viewer may do."""

    thread: object
    viewer: object
    posts: list  # top-level PostViews, each with its replies
    since: object = None  # the viewer's previous visit (None on a first visit or for visitors)
    post_refusal: DomainError | None = None  # why this viewer may not post (None: they may)
    can_moderate: bool = False
    is_thread_author: bool = False
    following: bool = False
    last_event_id: int = 0
    opening_id: int | None = None  # the thread's first top-level post, shown or not
    reply_count: int = 0  # the replies a reader sees (reply_counts): the heading's "Replies (n)", "Comments (n)"

    @property
    def can_post(self):
        return self.post_refusal is None

    @property
    def new_posts(self):
        return [p for p in self.all_posts() if p.is_new]

    @property
    def new_count(self):
        return len(self.new_posts)

    @property
    def first_new_anchor(self):
        new = self.new_posts
        return new[0].anchor if new else ""

    @property
    def started_by(self):
        return self.opening.author_name if self.opening else None

    @property
    def best(self):
        return next((p for p in self.all_posts() if p.is_best and p.shown == "visible"), None)

    @property
    def opening(self):
        """A forum thread's first post, which the thread page shows above the replies (None when this
        viewer may not see it: a reply never takes its place)."""
        if self.posts and not self.thread.is_comments and self.posts[0].post.pk == self.opening_id:
            return self.posts[0]
        return None

    @property
    def answers(self):
        return self.posts[1:] if self.opening else self.posts

    def all_posts(self):
        for post in self.posts:
            yield post
            yield from post.replies


def discussion_for(thread, viewer, since=None):
    """Everything a thread page needs for this viewer, in a fixed number of queries."""
    signed_in = viewer is not None and viewer.is_authenticated
    can_moderate = thread.can_moderate(viewer) if signed_in else False
    post_refusal = refusal(services.check_can_post, viewer, thread)
    if thread.pk is None:  # a page's comment thread before its first comment
        return Discussion(thread=thread, viewer=viewer, posts=[], post_refusal=post_refusal)
    return _with_posts(thread, viewer, since, signed_in, can_moderate, post_refusal)


def _with_posts(thread, viewer, since, signed_in, can_moderate, post_refusal):
    posts = list(with_profiles(thread.posts.all(), "author"))
    helpful = services.helpful_counts(posts)
    mine = set()
    if signed_in:
        mine = set(Reaction.objects.filter(post__in=posts, user=viewer).values_list("post_id", flat=True))
    context = _Context(
        thread,
        viewer,
        signed_in,
        can_moderate,
        post_refusal is None,
        since,
        helpful,
        mine,
        flagged=moderation.flagged_by(viewer, posts),
        suspended=signed_in and moderation.is_suspended(viewer),
        reads_thread=signed_in and thread.can_read(viewer),
    )
    return Discussion(
        thread=thread,
        viewer=viewer,
        posts=arrange(posts, context),
        since=since,
        post_refusal=post_refusal,
        can_moderate=can_moderate,
        is_thread_author=signed_in and thread.author_id == viewer.pk,
        following=signed_in and thread.follows.filter(user=viewer).exists(),
        last_event_id=live.latest_event_id(thread.stream),
        reply_count=reply_count(thread),
        opening_id=next((post.pk for post in posts if post.parent_id is None), None),
    )


def posts_fragment(discussion):
    """The cop_site.fragments.Fragment a forum thread's posts are kept under, as this viewer sees them.

    Everything the posts' markup reads is in the key: what the viewer may do to each post (the
    PostView's flags: shown or hidden, new, helpful, edit, delete, reply, report, reported, best), each
    post's words, status, edit time and author as shown, the thread's opening and best answer, whether
    the viewer may post, and the viewer's audience (forums.visibility.audience: memberships, site
    moderator, closed page areas). So two members share the rendering exactly when it would come out
    the same for both, and nobody is shown a post list made for someone the rules treat differently.
    The thread's stream is the scope: every post, edit, removal, helpful mark or moderation bumps it.
    """
    thread = discussion.thread
    posts = tuple(_rendered_facts(view) for view in discussion.all_posts())
    return fragments.Fragment(
        "forums/thread-posts",
        scopes=(thread.stream,),
        audience=visibility.audience(discussion.viewer),
        parts=(
            thread.pk,
            thread.community.slug,
            thread.best_post_id,
            discussion.opening_id,
            discussion.can_post,
            timezone.get_current_timezone_name(),
            posts,
        ),
    )


# --- A forum thread's posts as one member last saw them, without reading a post -------------------------
# posts_fragment needs every post read and looked at to make its key (about half of a 50-post page).
# A member reading a thread again mostly sees what they saw: `PostsAsSeen` names what the posts'
# rendering depends on for this viewer from the kept facts (forums/thread_reader.py), and keeps the
# rendering with what the page says around it (how many are new, who started it, the reply count, the
# last event) under that.


@dataclass
class PostsAsSeen:
    """A thread page's viewer as their posts' rendering depends on them, and what the page keeps for them."""

    thread: object
    viewer: object
    since: object
    can_moderate: bool
    post_refusal: DomainError | None
    following: bool
    index: thread_reader.PostIndex  # the thread's posts and tags (forums/thread_reader.py)
    reader: thread_reader.ReaderFacts | None  # None for a visitor
    # What the page says about the posts, set from the kept rendering (views/threads.py posts_html).
    new_count: int = 0
    first_new_anchor: str = ""
    started_by: str | None = None
    reply_count: int = 0
    last_event_id: int = 0

    @property
    def can_post(self):
        return self.post_refusal is None

    def fragment(self):
        """The Fragment the viewer's rendering is kept under: scoped by the thread's stream and members' profiles."""
        thread, viewer = self.thread, self.viewer
        signed_in = viewer is not None and viewer.is_authenticated
        own, new, mine, flagged = frozenset(), frozenset(), frozenset(), frozenset()
        editable = frozenset()
        if signed_in:
            me, now, since = viewer.pk, timezone.now(), self.since
            posts = self.index.posts
            own = frozenset(pk for pk, author, _created, _status in posts if author == me)
            editable = frozenset(
                pk
                for pk, author, created, status in posts
                if author == me and status != Post.Status.REMOVED and now - created <= EDIT_WINDOW
            )
            if since is not None:
                new = frozenset(pk for pk, author, created, _status in posts if author != me and created > since)
            mine, flagged = self.reader.helpful, self.reader.flagged
        facts = (
            signed_in and viewer.pk == thread.author_id,
            self.can_moderate,
            self.post_refusal.code if self.post_refusal else None,
            signed_in and moderation.is_suspended(viewer),
            signed_in and thread.can_read(viewer),
        )
        return fragments.Fragment(
            "forums/thread-posts-as-seen",
            scopes=(thread.stream, fragments.PROFILES),
            audience=visibility.audience(viewer),
            parts=(
                thread.pk,
                thread.community.slug,
                thread.title,
                thread.best_post_id,
                thread.locked,
                timezone.get_current_timezone_name(),
                facts,
                own,
                editable,
                new,
                mine,
                flagged,
            ),
        )

    def discussion(self):
        """The whole Discussion, posts and all, for a rendering not kept yet."""
        signed_in = self.viewer is not None and self.viewer.is_authenticated
        return _with_posts(self.thread, self.viewer, self.since, signed_in, self.can_moderate, self.post_refusal)


def posts_as_seen(thread, viewer, since=None):
    """A forum thread page's viewer facts (forms, Follow, the moderators' tools) without its posts.

    What the rules read about the viewer and the thread's posts comes kept (forums/thread_reader.py),
    so a member coming back asks the database nothing here.
    """
    signed_in = viewer is not None and viewer.is_authenticated
    index, reader = thread_reader.read(thread, viewer)
    return PostsAsSeen(
        thread=thread,
        viewer=viewer,
        since=since,
        can_moderate=thread.can_moderate(viewer) if signed_in else False,
        post_refusal=refusal(services.check_can_post, viewer, thread),
        following=reader is not None and reader.following,
        index=index,
        reader=reader,
    )


# What a viewer may do, and has done, to a post: the PostView fields besides the post and its replies.
VIEWER_FLAGS = ("is_new", "helpful_count", "found_helpful", "can_react", "can_edit", "can_delete", "can_reply")
VIEWER_FLAGS += ("can_mark_best", "can_flag", "flagged", "is_best", "url")


def _rendered_facts(view):
    post = view.post
    own = tuple(getattr(view, name) for name in VIEWER_FLAGS)
    shown = (post.pk, post.parent_id, view.shown, post.status, post.hidden_reason, post.edited, post.created)
    author = (post.author_id, view.author_name, view.author_level, view.author_url)
    words = hashlib.blake2b(post.body_html.encode(), digest_size=16).hexdigest()
    return (*shown, own, words, author)


@dataclass
class _Context:
    thread: object
    viewer: object
    signed_in: bool
    can_moderate: bool
    can_post: bool
    since: object
    helpful: dict
    mine: set
    flagged: set = field(default_factory=set)  # the posts this viewer reported
    suspended: bool = False
    reads_thread: bool = False

    @cached_property
    def post_url(self):
        """A post's address with "{}" for its id: the thread's address worked out once, not once per post."""
        if self.thread.is_comments:
            return f"{self.thread.page.url}#comment-{{}}"
        return f"{self.thread.get_absolute_url()}#post-{{}}"


def arrange(posts, context):
    """Top-level posts with their replies; what others may not see is left out or left as a placeholder."""
    replies = {}
    for post in posts:
        if post.parent_id is not None:
            replies.setdefault(post.parent_id, []).append(post)
    arranged = []
    for post in posts:
        if post.parent_id is not None:
            continue
        children = [view for reply in replies.get(post.pk, []) if (view := _view(reply, context))]
        view = _view(post, context, has_replies=bool(children))
        if view is not None:
            view.replies = children
            arranged.append(view)
    return arranged


def _view(post, context, has_replies=False):
    viewer = context.viewer
    is_author = context.signed_in and post.author_id == viewer.pk
    if post.status == Post.Status.VISIBLE:
        shown = "visible"
    elif post.status == Post.Status.HIDDEN and (is_author or context.can_moderate):
        shown = "hidden"
    elif has_replies:
        shown = "placeholder"
    else:
        return None
    visible = shown == "visible"
    return PostView(
        post=post,
        shown=shown,
        is_new=bool(context.since and post.created > context.since and not is_author and shown != "placeholder"),
        helpful_count=context.helpful.get(post.pk, 0),
        found_helpful=post.pk in context.mine,
        can_react=visible and context.signed_in and not is_author,
        can_edit=shown != "placeholder" and post.can_edit(viewer),
        can_delete=is_author and shown != "placeholder",
        can_reply=visible and context.can_post and post.parent_id is None,
        can_mark_best=(
            visible
            and not context.thread.is_comments
            and context.signed_in
            and context.thread.author_id == viewer.pk
            and not is_author
        ),
        can_flag=context.signed_in
        and moderation.flag_refusal(
            post, viewer, flagged=context.flagged, suspended=context.suspended, reads_thread=context.reads_thread
        )
        is None,
        flagged=post.pk in context.flagged,
        is_best=context.thread.best_post_id == post.pk,
        url=context.post_url.format(post.pk),
    )


def post_view(post, viewer):
    """One post on its own (for a partial rendered outside a thread page): a few queries, no replies."""
    thread = post.thread
    signed_in = viewer is not None and viewer.is_authenticated
    context = _Context(
        thread,
        viewer,
        signed_in,
        thread.can_moderate(viewer) if signed_in else False,
        refusal(services.check_can_post, viewer, thread) is None,
        None,
        {post.pk: post.reactions.count()},
        set(post.reactions.filter(user=viewer).values_list("post_id", flat=True)) if signed_in else set(),
        flagged=moderation.flagged_by(viewer, [post]),
        suspended=signed_in and moderation.is_suspended(viewer),
        reads_thread=signed_in and thread.can_read(viewer),
    )
    return _view(post, context, has_replies=post.replies.exists())


def reply_counts(threads):
    """{thread id: the replies a reader sees} for threads: the one count of a thread's replies.

    Visible posts at every level of reply, less a forum thread's opening post (its first top-level
    post, which the thread page shows above the replies); a page's comment thread has no opening post,
    so each visible comment counts. Hidden and removed posts count for no one, moderators included:
    the community's list, the thread's "Replies (n)" and the comments' heading all read this, in one
    query however many threads there are.
    """
    opening = (
        Post.objects.filter(thread=OuterRef("thread"), thread__community__isnull=False, parent__isnull=True)
        .order_by("created", "pk")
        .values("pk")[:1]
    )
    rows = (
        Post.objects.filter(thread__in=threads, status=Post.Status.VISIBLE)
        .exclude(pk=Coalesce(Subquery(opening), 0))  # a comment thread's subquery is empty; no post is 0
        .order_by()
        .values("thread")
        .annotate(n=Count("id"))
        .values_list("thread", "n")
    )
    return dict(rows)


def reply_count(thread):
    """reply_counts for one thread (0 for a page's comment thread before its first comment)."""
    if thread is None or thread.pk is None:
        return 0
    return reply_counts([thread]).get(thread.pk, 0)
