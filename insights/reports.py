"""What the editors' dashboard shows, as plain data: one function per question, no HTML, no charts.

The dashboard reads every app (as search/ does) so that no other app has to know about it. Months
are counted in the site's time zone (a post at 00:30 on 1 March in London belongs to March), and
the grouping is done by the database with TruncMonth so the same code runs on SQLite and PostgreSQL.
"""

from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import dateformat, timezone
from wagtail.models import Page

from accounts.models import LevelChoice, display_name
from casestudies.models import FORMER_MEMBER, Proposal
from forums.models import Post
from learning.models import ContentPage
from mylearning import reading
from rooms.models import RoomMessage
from search.reports import content_gaps, totals

PERIODS = (3, 6, 12)  # months the editors may choose between
DEFAULT_PERIOD = 12
TOP = 10

# The four kinds of content editors publish, in the order the site's navigation shows them.
CONTENT_TYPES = (
    ("casestudy", "Case studies"),
    ("evidence", "Evidence summaries"),
    ("guide", "Practice guides"),
    ("pathway", "Learning pathways"),
)
NOT_GIVEN = ""
ANONYMOUS = "anonymous"
LEVELS = (*LevelChoice.choices, (NOT_GIVEN, "Not given"))
# Participation: an anonymous contribution is counted as anonymous, never under its author's level
# (in a small room that would name them). "Not given" stays last: unknown keys fall into it.
VOICES = (*LevelChoice.choices, (ANONYMOUS, "Anonymous"), (NOT_GIVEN, "Not given"))


class PeriodError(ValueError):
    """The period asked for is not one of PERIODS."""


def parse_period(value):
    """The number of months from a query-string value; None or "" means the default."""
    if value in (None, ""):
        return DEFAULT_PERIOD
    try:
        months = int(value)
    except (TypeError, ValueError):
        months = None
    if months not in PERIODS:
        choices = ", ".join(str(p) for p in PERIODS)
        raise PeriodError(f"Choose a period of {choices} months.")
    return months


# --- the calendar -------------------------------------------------------------------------------
def month_starts(months, now=None):
    """The first day of each month in the period, oldest first; the current month is the last one."""
    today = timezone.localtime(now or timezone.now()).date()
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def period_start(months, now=None):
    """Midnight, site time, on the first day of the period's first month."""
    return timezone.make_aware(datetime.combine(month_starts(months, now)[0], time.min))


def period_days(months, now=None):
    """The period as a number of days back from now (what search.reports counts in)."""
    now = now or timezone.now()
    return (now - period_start(months, now)).days + 1


def month_label(month):
    return dateformat.format(month, "M Y")


def _counts_by_month(queryset, field, group, months, now):
    """{(first day of month, group value): count} for rows of `queryset` from the period's start."""
    rows = (
        queryset.filter(**{f"{field}__gte": period_start(months, now)})
        .annotate(month=TruncMonth(field, tzinfo=timezone.get_current_timezone()))
        .order_by()  # a model's default ordering would split the groups
        .values("month", group)
        .annotate(n=Count("pk"))
    )
    counts = {}
    for row in rows:
        month = row["month"]
        key = (month.date() if isinstance(month, datetime) else month, row[group])
        counts[key] = counts.get(key, 0) + row["n"]
    return counts


def _monthly_table(counts, series, months, now):
    """One row per month with a count (and share, in %) per series; unknown keys fall into the last series."""
    keys = [key for key, _ in series]
    table = []
    for month in month_starts(months, now):
        row = dict.fromkeys(keys, 0)
        for (counted_month, key), n in counts.items():
            if counted_month == month:
                row[key if key in row else keys[-1]] += n
        total = sum(row.values())
        shares = {key: round(100 * n / total, 1) if total else 0.0 for key, n in row.items()}
        cells = [{"key": key, "count": row[key], "share": shares[key]} for key in keys]  # in series order
        label = month_label(month)
        table.append({"month": month, "label": label, "counts": row, "shares": shares, "cells": cells, "total": total})
    return table


# --- 1. content published per month ----------------------------------------------------------------
def published_per_month(months=DEFAULT_PERIOD, now=None):
    """Live content pages by the month they were first published, per type. Drafts never count."""
    counts = _counts_by_month(ContentPage.objects.live(), "first_published_at", "content_type", months, now)
    by_content_type = {}
    for (month, content_type_id), n in counts.items():
        key = _type_key(content_type_id)
        if key:
            by_content_type[(month, key)] = by_content_type.get((month, key), 0) + n
    series = [{"key": key, "label": label} for key, label in CONTENT_TYPES]
    return {"series": series, "months": _monthly_table(by_content_type, CONTENT_TYPES, months, now)}


def _type_key(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return getattr(model, "content_type_key", "") if model else ""


# --- 2. most read ------------------------------------------------------------------------------------
def most_read(months=DEFAULT_PERIOD, limit=TOP, now=None):
    """The live pages read most often in the period (PageReadDay counts), most read first."""
    since = month_starts(months, now)[0]
    rows = (
        reading.day_counts()  # with this process's reads still waiting to be written
        .filter(day__gte=since, page__live=True)
        .values("page")
        .annotate(reads=Sum("reads"))
        .order_by("-reads", "page")[:limit]
    )
    return _with_pages([(row["page"], row["reads"]) for row in rows], "reads")


# --- 3. most discussed ---------------------------------------------------------------------------------
def most_discussed(months=DEFAULT_PERIOD, limit=TOP, now=None):
    """Live pages whose comment thread had the most visible posts in the period (hidden posts don't count)."""
    rows = (
        Post.objects.visible()
        .filter(created__gte=period_start(months, now), thread__page__live=True)
        .order_by()
        .values("thread__page")
        .annotate(posts=Count("pk"))
        .order_by("-posts", "thread__page")[:limit]
    )
    return _with_pages([(row["thread__page"], row["posts"]) for row in rows], "posts")


def _with_pages(counted, name):
    """[(page id, number)] -> rows with the page's title, type, public and admin addresses."""
    pages = Page.objects.in_bulk([page_id for page_id, _ in counted])
    result = []
    for page_id, number in counted:
        page = pages.get(page_id)
        if page is None:
            continue
        model = page.specific_class
        result.append(
            {
                "page_id": page_id,
                "title": page.title,
                "type": getattr(model, "content_type_key", "") or "page",
                "type_label": model._meta.verbose_name.capitalize() if model else "Page",
                "url": page.get_url() or "",
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page_id]),
                name: number,
            }
        )
    return result


# --- members' case study proposals -------------------------------------------------------------------------
def proposals_waiting():
    """Case studies members proposed that wait for a reviewer now (Wagtail's workflow says so), oldest first."""
    proposals = Proposal.objects.waiting_for_review().select_related("page", "author__profile")
    proposals = proposals.order_by("created", "pk")
    return [
        {
            "title": proposal.page.title,
            "proposed_by": display_name(proposal.author) if proposal.author else FORMER_MEMBER,
            "created": proposal.created,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[proposal.page_id]),
        }
        for proposal in proposals
    ]


# --- 4. searches with no results (search/ already knows how) ------------------------------------------
def searches_without_results(months=DEFAULT_PERIOD, limit=TOP, now=None):
    """search.reports' content gaps over the period: what people looked for and did not find."""
    days = period_days(months, now)
    return {"days": days, "gaps": content_gaps(days=days, limit=limit), "totals": totals(days=days)}


# --- 5. participation by level ---------------------------------------------------------------------------
def participation_by_level(months=DEFAULT_PERIOD, now=None):
    """Per month, visible forum posts and room messages by the author's level: is the frontline heard?

    Forum posts are posts in community threads (page comments are not a forum). Anonymous room
    messages count as "Anonymous", as the room's own participation chart counts them: never under
    their author's level. Posts by people without a level, or whose account is gone, count as "Not given".
    """
    forum_posts = Post.objects.visible().filter(thread__community__isnull=False)
    level = F("author__profile__level")
    forum_posts = forum_posts.annotate(voice=level)
    room_messages = RoomMessage.objects.filter(removed=False).annotate(
        voice=Case(When(anonymous=True, then=Value(ANONYMOUS)), default=level, output_field=CharField())
    )
    series = [{"key": key, "label": label} for key, label in VOICES]
    result = {"series": series}
    for name, queryset in (("forums", forum_posts), ("rooms", room_messages)):
        # No author, no profile (None) or a blank level all land in the last series, "Not given".
        counts = _counts_by_month(queryset, "created", "voice", months, now)
        result[name] = _monthly_table(counts, VOICES, months, now)
    return result
