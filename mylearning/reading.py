"""Counting what is read: a daily count per content page for everyone, and each member's reads.

Editors' "most read" (PageReadDay) and My learning's "recently read" and recommendations
(MemberRead) both come from here. Counting runs on every page view, so it must be cheap and can
never cost a reader their page: a member's read is one UPDATE at once (their My learning shows it on
the next page), a row made only on their first read of a page; the daily counts, which only editors'
"most read" reads, are added up in memory and written every COP_READS_FLUSH_SECONDS, and whoever
reads them asks `day_counts()`, which writes this process's first. Any database error is logged and
swallowed.

Two callers: Wagtail's serve (mylearning/wagtail_hooks.py, after a page rendered 200 for a GET) and
the anonymous page cache (cop_site/page_cache.py), whose hits never reach Wagtail and give us a
stub of the page (its id and content type). Previews and the admin never pass through either.
Requests that are not reading (HEAD) or not people (crawlers) are not counted; a crawler that
hides what it is gets counted, which is the price of a check this cheap.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from learning.models import ContentPage
from mylearning import freshness
from mylearning.models import MemberRead, PageReadDay

logger = logging.getLogger(__name__)

# A simple, deliberately broad test: well-behaved crawlers say what they are in their User-Agent.
BOT_MARKERS = ("bot", "spider", "crawl")


def is_countable_request(request):
    """Whether this request is a person reading: a GET (not HEAD), not a preview, not a crawler."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    agent = request.headers.get("User-Agent", "").lower()
    return not any(marker in agent for marker in BOT_MARKERS)


def is_content_page(page):
    """Whether a page is a case study, evidence summary, guide or pathway; works on a cache hit's stub
    page (only pk and content_type_id) without a query, as content types are cached per process."""
    return isinstance(page, ContentPage) or issubclass(page.specific_class or Page, ContentPage)


def _add(queryset, reads, **changes):
    """Add reads to the row the queryset names; returns whether there was a row."""
    return queryset.update(reads=F("reads") + reads, **changes) > 0


def _count(model, lookup, create, reads=1, **changes):
    """UPDATE the row; make it when there is none; if another request made it meanwhile, UPDATE it."""
    rows = model.objects.filter(**lookup)
    if _add(rows, reads, **changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **create)
    except IntegrityError:  # a concurrent first read won the race: count on its row
        _add(rows, reads, **changes)


def record_read(page, user=None):
    """Count one read of a content page by this user (None or anonymous: only the daily count).

    Returns whether it was counted. Never raises for a database problem: counting is worth less
    than the page the reader asked for.
    """
    page_id = page.pk
    try:
        if not is_content_page(page):
            return False
        _count_for_the_day(page_id)
        if user is not None and user.is_authenticated:
            now = timezone.now()
            if not _add_member_read(user.pk, page_id, now):  # their first read of the page: make the row
                _count(
                    MemberRead,
                    {"user_id": user.pk, "page_id": page_id},
                    {"reads": 1, "first_read": now, "last_read": now},
                    last_read=now,
                )
            freshness.reader_read(user.pk)  # their Recently read and suggestions, not the rest of My learning
    except DatabaseError:
        logger.warning("Could not count a read of page %s", page_id, exc_info=True)
        return False
    return True


_MEMBER_READ_SQL = {}


def _add_member_read(user_id, page_id, now):
    """One more read on the member's row, if they have one: the UPDATE every member's page view makes,
    written once per database rather than built by the ORM each time (about a tenth of a member's page)."""
    connection = connections[router.db_for_write(MemberRead)]
    sql = _MEMBER_READ_SQL.get(connection.vendor)
    if sql is None:
        quote = connection.ops.quote_name
        columns = {
            name: quote(MemberRead._meta.get_field(name).column) for name in ("reads", "last_read", "user", "page")
        }
        sql = _MEMBER_READ_SQL[connection.vendor] = (
            f"UPDATE {quote(MemberRead._meta.db_table)} SET {columns['reads']} = {columns['reads']} + 1, "  # noqa: S608
            f"{columns['last_read']} = %s WHERE {columns['user']} = %s AND {columns['page']} = %s"
        )
    last_read = MemberRead._meta.get_field("last_read").get_db_prep_value(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [last_read, user_id, page_id])
        return cursor.rowcount > 0


# --- The daily counts: added up in memory, written every few seconds ----------------------------------
# A cache hit costs about a millisecond; a write per read would cost several (bench/README.md), and a
# member's page paid a second UPDATE for it. Adding a batch with F() is as race-safe as adding one.
# A process that dies loses at most its last few seconds of counts.
MAX_PENDING_PAGES = 1000
_pending = Counter()  # (page id, day) -> reads not written yet
_pending_lock = threading.Lock()
_last_flush = time.monotonic()


def flush_seconds():
    """How long cache hits may wait before they are written; 0 writes each hit at once."""
    return float(settings.COP_READS_FLUSH_SECONDS)


def record_cached_read(page):
    """Count an anonymous read served from the page cache (the daily count only)."""
    return record_read(page)


def _count_for_the_day(page_id):
    """Add one to the page's count for today: written with the others when due (at once if the interval is 0)."""
    if flush_seconds() <= 0:
        _count(PageReadDay, {"page_id": page_id, "day": timezone.localdate()}, {"reads": 1})
        return
    with _pending_lock:
        _pending[(page_id, timezone.localdate())] += 1
        due = time.monotonic() - _last_flush >= flush_seconds() or len(_pending) >= MAX_PENDING_PAGES
    if due:
        flush_pending_reads()


def day_counts():
    """PageReadDay rows with this process's waiting reads written first: what "most read" counts from."""
    flush_pending_reads()
    return PageReadDay.objects.all()


def flush_pending_reads():
    """Write the cache hits counted so far and return how many; on a database error they wait."""
    global _last_flush
    with _pending_lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return 0
    try:
        # A page deleted meanwhile would fail the whole batch on its foreign key, again and again.
        existing = set(Page.objects.filter(pk__in={page_id for page_id, _day in batch}).values_list("pk", flat=True))
        written = 0
        with transaction.atomic():
            for (page_id, day), reads in batch.items():
                if page_id in existing:
                    _count(PageReadDay, {"page_id": page_id, "day": day}, {"reads": reads}, reads=reads)
                    written += reads
    except DatabaseError:
        logger.warning("Could not write %s pages' cached reads; trying again later", len(batch), exc_info=True)
        with _pending_lock:
            if len(_pending) < MAX_PENDING_PAGES:
                _pending.update(batch)
        return 0
    return written


def _flush_at_exit():
    try:
        flush_pending_reads()
    except Exception:  # noqa: BLE001 - the interpreter is going away; nothing left to tell
        logger.warning("Could not write the last cached reads at exit", exc_info=True)


atexit.register(_flush_at_exit)


def record_request_read(page, request, status_code):
    """Count the read if this request and its answer are a person reading a page: a 200 to a GET."""
    if status_code != 200 or not is_countable_request(request):
        return False
    return record_read(page, getattr(request, "user", None))
