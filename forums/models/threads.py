"""Threads and posts: forum threads in communities, and comment threads under pages."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from forums import visibility
from forums.visibility import is_site_moderator

EDIT_WINDOW_MINUTES = 30


class ThreadQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Threads this person may read: in communities they read, under pages they may see (forums.visibility)."""
        return visibility.threads(user).filter(self)


class Thread(models.Model):
    community = models.ForeignKey("Community", null=True, blank=True, on_delete=models.CASCADE, related_name="threads")
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="comment_thread"
    )
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = TaggableManager(blank=True)
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    best_post = models.ForeignKey("Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    last_activity = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-last_activity"]
        constraints = [
            models.CheckConstraint(
                condition=Q(community__isnull=False, page__isnull=True) | Q(community__isnull=True, page__isnull=False),
                name="thread_in_a_community_or_under_a_page",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.is_comments:
            return f"{self.page.url}#comments"
        return reverse("forums:thread", args=[self.community.slug, self.pk])

    @property
    def is_comments(self):
        return self.page_id is not None

    @property
    def stream(self):
        return f"thread:{self.pk}"

    def can_read(self, user):
        """Whether this person may read the thread (forums.visibility: threads)."""
        return visibility.threads(user).allows(self)

    def can_moderate(self, user):
        if self.community_id:
            return self.community.can_moderate(user)
        return is_site_moderator(user)

    # --- search (search/ finds this through the app registry) -----------------------------------
    search_type = "thread"

    @classmethod
    def search_queryset(cls):
        return cls.objects.filter(community__isnull=False).select_related("community", "author")

    def search_document_id(self):
        return f"thread-{self.pk}"

    @classmethod
    def search_documents(cls, threads):
        """search_document() for a batch of threads (a rebuild, a community's change of visibility), each
        one's opening post, tags and author's profile fetched once for the batch."""
        threads = list(threads)
        posts = models.Prefetch(
            "posts", queryset=Post.objects.visible().order_by("created", "pk"), to_attr="search_posts"
        )
        models.prefetch_related_objects(threads, "tags", "author__profile", posts)
        return [thread.search_document() for thread in threads]

    def _search_posts(self):
        if hasattr(self, "search_posts"):  # fetched for a batch by search_documents()
            return self.search_posts
        return list(self.posts.visible().order_by("created", "pk"))

    def search_document(self):
        """The thread is found by what was said in it: its opening post, then its replies (as far as
        SEARCH_REPLIES_LENGTH), so a question answered across several replies finds the thread."""
        posts = self._search_posts()
        opening = next((post for post in posts if post.parent_id is None), None)
        replies = "\n\n".join(post.body_source for post in posts if post is not opening)[:SEARCH_REPLIES_LENGTH]
        body = opening.body_source if opening else ""
        return {
            "doc_id": self.search_document_id(),
            "type": "thread",
            "title": self.title,
            "url": self.get_absolute_url(),
            "published": self.created,
            "summary": body[:300],
            "body": self._body_with_tags(f"{body}\n\n{replies}" if replies else body),
            "themes": [],  # members' free tags stay out of the editors' curated Theme facet; they are searchable text
            "author": display_name(self.author),
            "community": self.community.search_access,
        }

    def _body_with_tags(self, body):
        tags = [tag.name for tag in self.tags.all()]
        return f"{body}\n\nTagged: {', '.join(tags)}" if tags else body


SEARCH_REPLIES_LENGTH = 20_000  # characters of replies a thread's search document holds


class PostQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=Post.Status.VISIBLE)


class Post(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by moderation"
        REMOVED = "removed", "Removed"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    body_source = models.TextField()
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE, db_index=True)
    hidden_reason = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(default=timezone.now)
    edited = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"post {self.pk} in {self.thread}"

    def get_absolute_url(self):
        if self.thread.is_comments:
            return f"{self.thread.page.url}#comment-{self.pk}"
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    def can_edit(self, user, now=None):
        now = now or timezone.now()
        return (
            user is not None
            and user.is_authenticated
            and self.author_id == user.pk
            and self.status != self.Status.REMOVED
            and (now - self.created).total_seconds() <= EDIT_WINDOW_MINUTES * 60
        )

    # --- search ---------------------------------------------------------------------------------
    search_type = "post"

    @classmethod
    def search_queryset(cls):
        """Replies only: a thread's opening post is part of the thread's own document."""
        opening = (
            cls.objects.visible()
            .filter(thread=models.OuterRef("thread"), parent__isnull=True)
            .order_by("created", "pk")
            .values("pk")[:1]
        )
        return (
            cls.objects.visible()
            .filter(thread__community__isnull=False)
            .exclude(pk=models.Subquery(opening))
            .select_related("thread__community", "author")
        )

    @classmethod
    def search_documents(cls, posts):
        """search_document() for a batch of posts, their authors' profiles fetched once for the batch."""
        posts = list(posts)
        models.prefetch_related_objects(posts, "author__profile")
        return [post.search_document() for post in posts]

    def search_document_id(self):
        return f"post-{self.pk}"

    def search_dependents(self):
        """The thread's document holds every visible post's words, so it changes with each of them."""
        return [self.thread]

    def search_document(self):
        return {
            "doc_id": self.search_document_id(),
            "type": "post",
            "title": f"Reply in “{self.thread.title}”",
            "url": self.get_absolute_url(),
            "published": self.created,
            "summary": self.body_source[:300],
            "body": self.body_source,
            "themes": [],
            "author": display_name(self.author),
            "community": self.thread.community.search_access,
        }


def display_name(user):
    """How a member is named on the site; 'former member' once their account is gone."""
    if user is None:
        return "former member"
    profile = getattr(user, "profile", None)
    name = getattr(profile, "display_name", "") if profile else ""
    return name or user.get_full_name() or user.username


class Reaction(models.Model):
    """A 'helpful' mark: one per member per post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_reaction_per_member")]

    def __str__(self):
        return f"{self.user} found post {self.post_id} helpful"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_threads")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_follow_per_member")]

    def __str__(self):
        return f"{self.user} follows {self.thread}"


class ThreadVisit(models.Model):
    """When a member last read a thread: posts after it are unread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_visit_per_member")]

    def __str__(self):
        return f"{self.user} read {self.thread} at {self.seen}"
