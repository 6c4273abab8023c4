"""What a member's My learning page shows: their pathways, saved items, community activity,
recommendations, recent reads and their case study proposals, each built on the existing visibility rules.

Nothing here decides who may see what on its own: pages come from learning.visibility (what a visitor
may see), threads and posts from forums' `Thread.objects.readable_by(user)` and `Post.objects.visible()`,
pathways and saved items from mylearning.pathways and mylearning.saving. A page the member read or
saved that has since been unpublished or restricted simply drops out, title and all.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from wagtail.models import Page

from forums.models import Membership, Post, Thread
from forums.models.threads import display_name
from learning.models import ContentPageTheme, Theme
from mylearning import pathways, proposals, saving
from mylearning.models import Bookmark, MemberRead

ACTIVITY_LIMIT = 10
RECOMMENDATION_LIMIT = 6
RECENT_READS_LIMIT = 5


@dataclass(frozen=True)
class PageItem:
    """A content page as a line in a list: what it is called, where it is, what kind it is."""

    title: str
    url: str
    kind_label: str  # "Practice guide", "Case study"...
    when: datetime | None = None  # last read, for "Recently read"
    reason: str = ""  # why it is recommended


@dataclass(frozen=True)
class Activity:
    """One recent post in a member's community: a new thread or a reply."""

    title: str  # the thread's title
    url: str  # the post, within its thread
    community: str
    author: str
    created: datetime
    started_thread: bool


@dataclass
class MyLearning:
    in_progress: list = field(default_factory=list)
    completed: list = field(default_factory=list)
    saved: list = field(default_factory=list)
    activity: list = field(default_factory=list)
    recommended: list = field(default_factory=list)
    recently_read: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    follows_themes: bool = False
    has_communities: bool = False


def visible_pages():
    """Content pages anyone may see (the rule mylearning.saving uses for bookmarks)."""
    return saving.visible_pages()


def _page_item(page, **extra):
    return PageItem(page.title, page.get_url(), kind_label(page), **extra)


def kind_label(page):
    """ "Practice guide", "Case study"...: from the page's content type, without fetching its specific row."""
    return (page.specific_class or type(page)).get_verbose_name().capitalize()


# --- community activity --------------------------------------------------------------------------
def member_communities(user):
    """Communities the member belongs to and may read (an invitation or a request is not belonging)."""
    return Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("community")


def community_activity(user, limit=ACTIVITY_LIMIT):
    """The latest visible posts in the member's communities, newest first.

    Threads come through forums' read rule, so a private community's posts show only while the
    member still belongs to it; hidden and removed posts never show.
    """
    threads = Thread.objects.readable_by(user).filter(community__in=member_communities(user))
    opening = Post.objects.filter(thread=OuterRef("thread")).order_by("created", "pk").values("pk")[:1]
    posts = (
        Post.objects.visible()
        .filter(thread__in=threads)
        .annotate(opening_id=Subquery(opening))
        .select_related("thread__community", "author__profile")
        .order_by("-created", "-pk")[:limit]
    )
    return [
        Activity(
            title=post.thread.title,
            url=post.get_absolute_url(),
            community=post.thread.community.name,
            author=display_name(post.author),
            created=post.created,
            started_thread=post.pk == post.opening_id,
        )
        for post in posts
    ]


# --- reads and recommendations -------------------------------------------------------------------
def followed_themes(user):
    """The themes the member chose in their profile (read without making a profile on a GET)."""
    return Theme.objects.filter(interested_profiles__user=user)


def _read_rows(user):
    """The member's reads of pages they may still see, most recent first."""
    return MemberRead.objects.filter(user=user, page__in=visible_pages().values("pk")).order_by("-last_read", "-pk")


def recently_read(user, limit=RECENT_READS_LIMIT):
    """The last pages the member read that are still live and public."""
    rows = _read_rows(user).select_related("page")[:limit]  # _read_rows keeps only pages anyone may see
    return [_page_item(row.page, when=row.last_read) for row in rows]


def _saved_page_ids(user):
    page_type = ContentType.objects.get_for_model(Page)
    return Bookmark.objects.filter(user=user, content_type=page_type).values_list("object_id", flat=True)


def recommendations(user, limit=RECOMMENDATION_LIMIT, interests=None):
    """Live, public content sharing themes with the member's interests and with what they read.

    Leaves out what they read or saved. Ranked by how many of those themes a page shares, then
    newest first; each comes with one reason: a theme they follow, else a page they read.
    """
    if interests is None:  # {theme id: name} of the themes the member follows
        interests = dict(followed_themes(user).values_list("pk", "name"))
    reads = list(_read_rows(user).values_list("page_id", "page__title"))  # most recent first
    read_ids, read_titles = [page_id for page_id, _title in reads], dict(reads)
    # theme id -> the most recently read page with that theme (for "Because you read ...")
    read_because = {}
    read_themes = ContentPageTheme.objects.filter(content_object_id__in=read_ids).values_list(
        "tag_id", "content_object_id"
    )
    recency = {page_id: rank for rank, page_id in enumerate(read_ids)}
    for theme_id, page_id in sorted(read_themes, key=lambda pair: recency[pair[1]]):
        read_because.setdefault(theme_id, page_id)
    theme_ids = set(interests) | set(read_because)
    if not theme_ids:
        return []
    candidates = (
        visible_pages()
        .exclude(pk__in=read_ids)
        .exclude(pk__in=_saved_page_ids(user))
        .filter(tagged_themes__tag_id__in=theme_ids)
        .annotate(shared=Count("tagged_themes", filter=Q(tagged_themes__tag_id__in=theme_ids), distinct=True))
        .order_by("-shared", "-first_published_at", "-pk")
    )
    pages = list(candidates[:limit])
    page_themes = {}
    for theme_id, page_id in ContentPageTheme.objects.filter(
        content_object_id__in=[page.pk for page in pages], tag_id__in=theme_ids
    ).values_list("tag_id", "content_object_id"):
        page_themes.setdefault(page_id, set()).add(theme_id)
    items = []
    for page in pages:
        themes = page_themes.get(page.pk, set())
        followed = sorted(interests[theme_id] for theme_id in themes if theme_id in interests)
        read = sorted({read_because[theme_id] for theme_id in themes if theme_id in read_because}, key=recency.get)
        if followed:
            reason = f"Because you follow the theme {followed[0]}"
        else:
            reason = f"Because you read {read_titles[read[0]]}" if read else ""
        items.append(_page_item(page, reason=reason))
    return items


# --- the page ------------------------------------------------------------------------------------
def my_learning(user, reads=True):
    """Everything the member's My learning page shows, in a fixed number of queries.

    `reads=False` leaves out what a read changes (recommendations, recently read), which the kept page
    (mylearning/overview_kept.py) keeps apart so that a read does not renew the rest.
    """
    in_progress, completed = pathways.member_pathways(user)
    learning = MyLearning(
        in_progress=in_progress,
        completed=completed,
        saved=saving.bookmarks_visible_to(user),
        activity=community_activity(user),
        proposals=proposals.proposals_of(user),
        has_communities=member_communities(user).exists(),
    )
    if reads:
        learning.recommended, learning.follows_themes = suggestions(user)
        learning.recently_read = recently_read(user)
    return learning


def suggestions(user):
    """(recommendations, whether the member follows any theme): what the page suggests, read alone."""
    interests = dict(followed_themes(user).values_list("pk", "name"))
    return recommendations(user, interests=interests), bool(interests)
