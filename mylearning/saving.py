"""Bookmarks ("save for later") and "I've used this in practice": the rules, in one place.

Views, template tags and My learning all call these functions; none of them decides visibility on
its own. A bookmark may point at a content page (case study, evidence summary, guide, pathway) or
at a forum thread. What a member may save, and what their list shows, follows the one rule of each
kind: learning.visibility for pages (what a visitor may see) and forums' `Thread.objects.readable_by(user)`
for threads.
A target the member cannot see is answered exactly like a missing one (404), so nothing about
drafts, restricted pages or private communities leaks, and a bookmark whose target later becomes
unseeable simply drops out of the list (it is kept, and comes back if the target does).

"Used in practice" applies to practice guides and case studies. How many members used a page is
public; who they are and their notes are shown to signed-in members only. The anonymous page
cache holds the count, so every change starts a new cache generation.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.http import Http404
from wagtail.models import Page

from cop_site import fragments, page_cache
from forums.models import Thread
from forums.models.threads import display_name
from learning import visibility
from learning.models import ContentPage
from mylearning.models import PRACTICE_NOTE_MAX_LENGTH, Bookmark, PracticeUse

PAGE = "page"
THREAD = "thread"
KINDS = (PAGE, THREAD)

# Named by label, not imported: casestudies depends on learning, never the other way round.
PRACTICE_USE_PAGE_TYPES = ("learning.practiceguidepage", "casestudies.casestudypage")


class NotFound(Http404):
    """Nothing here, or nothing this member may see: the two are never told apart."""


class SavingError(Exception):
    """Bad input for a change: a clear message for the member, and nothing changed."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SavedItem:
    """One line of a member's saved list, ready to show: the target's title, address and kind."""

    bookmark: Bookmark
    title: str
    url: str
    kind: str  # "page" or "thread"
    kind_label: str  # "Practice guide", "Discussion in Evidence use"...
    created: datetime


@dataclass(frozen=True)
class PracticeNote:
    """A member's note on how they used a page, as members see it (plain text, escaped when shown)."""

    name: str
    note: str
    created: datetime


# --- what may be bookmarked -------------------------------------------------------------------------
def visible_pages():
    """Content pages anyone may see (learning.visibility): live and outside every private area."""
    return visibility.visible_pages(ContentPage.objects.all())


def visible_threads(user):
    """Forum threads this member may read (comment threads are saved through their page)."""
    return Thread.objects.readable_by(user).filter(community__isnull=False)


def _content_type(kind):
    # Pages are keyed by the base Page type so an id names one page whatever its specific class.
    return ContentType.objects.get_for_model(Page if kind == PAGE else Thread)


def _target_id(target_id):
    try:
        value = int(target_id)
    except (TypeError, ValueError):
        raise NotFound("Nothing here.") from None
    if value <= 0 or value > 2**62:
        raise NotFound("Nothing here.")
    return value


def resolve_target(kind, target_id, user):
    """The page or thread (kind, id) names, if this member may see it; NotFound (a 404) otherwise."""
    target_id = _target_id(target_id)
    if kind == PAGE:
        target = visible_pages().filter(pk=target_id).specific().first()
    elif kind == THREAD:
        target = visible_threads(user).select_related("community").filter(pk=target_id).first()
    else:
        target = None
    if target is None:
        raise NotFound("Nothing here.")
    return target


def kind_of(target):
    """The kind of a bookmarkable target, "page" or "thread"; None for anything else."""
    if isinstance(target, ContentPage):
        return PAGE
    if isinstance(target, Thread) and target.community_id:
        return THREAD
    return None


def target_url(target):
    """Where a page or forum thread lives on the site."""
    return target.get_url() if isinstance(target, Page) else target.get_absolute_url()


def can_bookmark(user, target):
    """Whether the save button belongs on this target's page: a signed-in member, a target they may save."""
    kind = kind_of(target)
    if kind is None or user is None or not user.is_authenticated or target.pk is None:
        return False
    # The rules' instance forms, equal to resolve_target's querysets (tests/contracts/test_visibility.py),
    # so the page in hand is not fetched again.
    if kind == THREAD:
        return target.can_read(user)
    return visibility.is_visible(target)


def is_public_target(target):
    """Whether a visitor may be invited to sign in and save this: a public live page or a forum thread they read."""
    kind = kind_of(target)
    if kind == PAGE:
        return visibility.is_visible(target)
    return kind == THREAD


# --- bookmarks -----------------------------------------------------------------------------------
def save_bookmark(user, kind, target_id):
    """Save a target for later. Saving twice keeps the first bookmark. Returns (bookmark, created)."""
    target = resolve_target(kind, target_id, user)
    content_type = _content_type(kind)
    fragments.bump(fragments.member_acts(user.pk))  # the Save button on their kept pages
    try:
        with transaction.atomic():
            return Bookmark.objects.get_or_create(user=user, content_type=content_type, object_id=target.pk)
    except IntegrityError:  # a concurrent double-click won the race: the bookmark exists, as asked
        return Bookmark.objects.get(user=user, content_type=content_type, object_id=target.pk), False


def remove_bookmark(user, kind, target_id):
    """Take a target off the member's list. Returns whether there was a bookmark to remove.

    Removing is allowed even when the target can no longer be seen, so a member can always tidy
    their own list; it reveals nothing, since the answer is the same either way.
    """
    if kind not in KINDS:
        raise NotFound("Nothing here.")
    fragments.bump(fragments.member_acts(user.pk))
    deleted, _ = Bookmark.objects.filter(
        user=user, content_type=_content_type(kind), object_id=_target_id(target_id)
    ).delete()
    return deleted > 0


def is_saved(user, target):
    """Whether this member has saved this page or thread."""
    kind = kind_of(target)
    if kind is None or user is None or not user.is_authenticated:
        return False
    return Bookmark.objects.filter(user=user, content_type=_content_type(kind), object_id=target.pk).exists()


def bookmarks_visible_to(user):
    """The member's saved pages and threads that they may still see, newest first, as SavedItems.

    A bookmark whose page was unpublished, restricted or deleted, or whose thread moved out of
    the member's reach, is left out (and not deleted: it shows again if the target comes back).
    """
    if user is None or not user.is_authenticated:
        return []
    bookmarks = list(Bookmark.objects.filter(user=user))
    if not bookmarks:
        return []
    page_type, thread_type = _content_type(PAGE), _content_type(THREAD)
    page_ids = [b.object_id for b in bookmarks if b.content_type_id == page_type.pk]
    thread_ids = [b.object_id for b in bookmarks if b.content_type_id == thread_type.pk]
    pages = {page.pk: page for page in visible_pages().filter(pk__in=page_ids)} if page_ids else {}
    threads = (
        {t.pk: t for t in visible_threads(user).filter(pk__in=thread_ids).select_related("community")}
        if thread_ids
        else {}
    )
    items = []
    for bookmark in bookmarks:
        if bookmark.content_type_id == page_type.pk and bookmark.object_id in pages:
            page = pages[bookmark.object_id]
            url = page.get_url()
            if url:
                kind = (page.specific_class or type(page)).get_verbose_name()  # no fetch of the specific row
                items.append(SavedItem(bookmark, page.title, url, PAGE, kind, bookmark.created))
        elif bookmark.content_type_id == thread_type.pk and bookmark.object_id in threads:
            thread = threads[bookmark.object_id]
            label = f"Discussion in {thread.community.name}"
            items.append(SavedItem(bookmark, thread.title, thread.get_absolute_url(), THREAD, label, bookmark.created))
    return items


# --- used in practice ----------------------------------------------------------------------------
def takes_practice_use(page):
    """Practice guides and case studies say how many members used them; other pages don't."""
    specific_class = page.specific_class if isinstance(page, Page) else None
    return bool(specific_class) and specific_class._meta.label_lower in PRACTICE_USE_PAGE_TYPES


def practice_page(page_id):
    """The live, public guide or case study this id names; NotFound (a 404) for anything else."""
    page = resolve_target(PAGE, page_id, None)
    if not takes_practice_use(page):
        raise NotFound("Nothing here.")
    return page


def can_record_practice_use(user, page):
    """Whether the 'used in practice' form belongs on this page for this person."""
    if user is None or not user.is_authenticated or not takes_practice_use(page):
        return False
    return visibility.is_visible(page)


def clean_note(note):
    """The note as it will be kept: trimmed, with Windows line ends made plain; too long is refused."""
    note = (note or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\x00" in note:
        raise SavingError("invalid", "Your note contains a character that cannot be saved.")
    if len(note) > PRACTICE_NOTE_MAX_LENGTH:
        raise SavingError(
            "too_long",
            f"Your note must be {PRACTICE_NOTE_MAX_LENGTH} characters or fewer (it has {len(note)}).",
        )
    return note


# A note sent by someone whose session ran out while they typed: kept in their session for the form
# to show again after they sign in, so it is not lost on the way to the sign-in page.
UNSENT_NOTE = "saving:unsent_practice_note"


def keep_unsent_note(session, page, note):
    note = (note or "").replace("\x00", "")[: PRACTICE_NOTE_MAX_LENGTH * 2]  # a form's worth, no more
    if note.strip():
        session[UNSENT_NOTE] = {"page": page.pk, "note": note}


def take_unsent_note(session, page):
    """The note kept for this page, taken out of the session; None when there is none."""
    kept = session.get(UNSENT_NOTE)
    if not isinstance(kept, dict) or kept.get("page") != page.pk:
        return None
    del session[UNSENT_NOTE]
    return kept.get("note") or None


def record_practice_use(user, page, note=""):
    """Say 'I've used this in practice' on a guide or case study, or change one's note.

    One use per member per page: recording again updates the note. Returns (use, created).
    """
    if not takes_practice_use(page):
        raise NotFound("Nothing here.")
    note = clean_note(note)
    try:
        with transaction.atomic():
            use, created = PracticeUse.objects.get_or_create(user=user, page_id=page.pk, defaults={"note": note})
    except IntegrityError:  # the same form sent twice at once: the other request made the row
        use, created = PracticeUse.objects.get(user=user, page_id=page.pk), False
    if not created and use.note != note:
        use.note = note
        use.save(update_fields=["note"])
    page_cache.invalidate()  # the public count is inside anonymous visitors' cached pages
    return use, created


def withdraw_practice_use(user, page):
    """Take back one's 'used in practice' (and its note). Returns whether there was one."""
    with transaction.atomic():
        deleted, _ = PracticeUse.objects.filter(user=user, page_id=page.pk).delete()
        if deleted:
            page_cache.invalidate()
    return deleted > 0


def _current_uses(page):
    # Only members whose accounts still exist and are active count or speak.
    return PracticeUse.objects.filter(page_id=page.pk, user__isnull=False, user__is_active=True)


def practice_use_count(page):
    """How many members have used this page in practice: public, shown to everyone."""
    return _current_uses(page).count()


def practice_use_of(user, page):
    """This member's own use of the page (with their note), or None."""
    if user is None or not user.is_authenticated:
        return None
    return PracticeUse.objects.filter(user=user, page_id=page.pk).first()


def practice_notes(page, viewer):
    """Members' notes on how they used the page, newest first; none at all for visitors."""
    if viewer is None or not viewer.is_authenticated:
        return []
    uses = _current_uses(page).exclude(note="").select_related("user", "user__profile")
    return [PracticeNote(display_name(use.user), use.note, use.created) for use in uses]
