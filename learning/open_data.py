"""What the content API and the open data downloads share: paging, conditional answers, the licence, CSV.

The content endpoints (learning/api.py, casestudies/api.py) list what the caller may see through
learning.visibility, as the person asking: a visitor sees what a visitor sees on the site, a signed-in
member also what a login or groups restriction opens to them, nobody what a password guards.

Conditional requests: every answer carries an `ETag` (a hash of the very bytes of the body, so it differs
between callers exactly when what they are shown differs, and changes with any edit, publish or
unpublish that changes the answer) and a `Last-Modified` (`content_changed_at`: the latest publish,
unpublish, move, deletion, restriction or snippet change anywhere, so a change that takes an item out
of a list moves it too). `If-None-Match` and `If-Modified-Since` get a 304 with no body. Nothing is
cached on the server: an answer is worked out from the database each time, so no edit can wait behind
a stale copy. Answers say `Vary: Cookie` and `Cache-Control: private, no-cache`: a shared cache may not
keep them, a client must revalidate.

Downloads: one row per item, ratings and vocabularies as columns, under the site's content licence
(`LICENCE`). CSV cells that a spreadsheet would take for a formula are made text (`safe_cell`).
"""

import csv
import hashlib
import io
import json
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from wagtail.models import ModelLogEntry, PageLogEntry

from cop_site.addresses import absolute
from cop_site.errors import DomainError
from learning.models.filters import filter_pages

LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "attribution": "Contains public sector information licensed under the Open Government Licence v3.0.",
}

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# Wagtail's log actions that change what is live or who may see it (edits of drafts change neither).
LIVE_ACTIONS = (
    "wagtail.publish",
    "wagtail.unpublish",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.rename",
    "wagtail.revert",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
    "wagtail.publish.scheduled",
    "wagtail.unpublish.scheduled",
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def example(value, status=200):
    """An operation's answer as the OpenAPI document shows it (`openapi_extra`: Ninja merges it in)."""
    return {"responses": {status: {"content": {"application/json": {"example": value}}}}}


# --- ordering and paging ------------------------------------------------------------------------------
ORDERINGS = {
    "-published": ("-first_published_at", "-pk"),
    "published": ("first_published_at", "pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
}


def ordered(queryset, ordering, extra=None):
    """The queryset in one of the documented orders, always ending on the id so pages never overlap."""
    orderings = {**ORDERINGS, **(extra or {})}
    if ordering not in orderings:
        names = ", ".join(orderings)
        raise DomainError(
            "invalid_parameters", f"Order by one of {names}.", fields={"ordering": f"must be one of {names}"}
        )
    return queryset.order_by(*orderings[ordering])


def page_of(request, queryset, page, page_size):
    """One page of the queryset: (items, {count, page, page_size, next, previous}) with absolute links."""
    count = queryset.count()
    start = (page - 1) * page_size
    items = list(queryset[start : start + page_size])
    last = max(1, -(-count // page_size))

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return absolute(f"{request.path}?{query.urlencode()}", request)

    return items, {
        "count": count,
        "page": page,
        "page_size": page_size,
        "next": link(page + 1) if start + page_size < count else None,
        "previous": link(min(page - 1, last)) if page > 1 else None,
    }


def filtered(queryset, filter_names, params):
    """The index pages' filters (learning/models/filters.py) on a queryset; an unknown value is a 422."""
    queryset, active, errors = filter_pages(queryset, filter_names, params)
    if errors:
        fields = {error.split(":")[0]: error for error in errors}
        raise DomainError("invalid_parameters", "Check the filters: " + " ".join(errors), fields=fields)
    return queryset, active


# --- conditional answers ------------------------------------------------------------------------------
def content_changed_at():
    """When what the API shows last changed: the latest live-affecting page log entry or snippet change."""
    pages = PageLogEntry.objects.filter(action__in=LIVE_ACTIONS).aggregate(at=Max("timestamp"))["at"]
    snippets = ModelLogEntry.objects.aggregate(at=Max("timestamp"))["at"]
    return max((at for at in (pages, snippets) if at is not None), default=None)


def conditional_json(request, data, last_modified=None, dated=True):
    """`data` as JSON with its ETag and Last-Modified, or a 304 when the caller's copy is current.

    `dated=False` leaves Last-Modified out, for answers whose changes have no dated log (communities,
    rooms and their sessions): then only the ETag says whether it changed."""
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    return conditional(request, body, "application/json", last_modified, dated=dated)


def conditional(request, body, content_type, last_modified=None, dated=True, **headers):
    etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
    stamp = _latest(last_modified) if dated else None
    response = get_conditional_response(request, etag=etag, last_modified=stamp)
    if response is None:
        response = HttpResponse(body, content_type=content_type, headers=headers or None)
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    response["Vary"] = "Cookie"
    response["Cache-Control"] = "private, no-cache"
    return response


def _latest(*moments):
    """The latest of the given datetimes and content_changed_at(), as whole seconds since the epoch."""
    found = [at for at in (*moments, content_changed_at()) if isinstance(at, datetime)]
    return int(max(found).timestamp()) if found else None


def latest_published(queryset):
    return queryset.aggregate(at=Max("last_published_at"))["at"]


# --- downloads ----------------------------------------------------------------------------------------
def safe_cell(value):
    """A cell as text a spreadsheet shows as written: lists joined by "; ", formulas made text."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime):
        return value.isoformat()  # as the JSON file writes it
    value = str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_body(columns, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return ("\ufeff" + out.getvalue()).encode()  # a byte order mark: spreadsheets then read UTF-8


def download(request, name, fmt, columns, rows, filters, last_modified=None):
    """The rows as a CSV or JSON file named `name`, with the licence, answered conditionally."""
    licence = f'<{LICENCE["url"]}>; rel="license"'
    if fmt == "csv":
        body = csv_body([*columns, "licence"], [{**row, "licence": LICENCE["name"]} for row in rows])
        content_type = "text/csv; charset=utf-8"
    else:
        data = {"licence": LICENCE, "filters": filters, "count": len(rows), "columns": columns, "items": rows}
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
        content_type = "application/json"
    disposition = f'attachment; filename="{name}.{fmt}"'
    return conditional(
        request, body, content_type, last_modified, **{"Content-Disposition": disposition, "Link": licence}
    )
