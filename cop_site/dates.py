"""Dates and times as machines read them: the one ISO 8601 form the site writes into pages.

A `<time datetime>` may carry at most three fractional digits of a second (HTML's "valid
global date and time string"); Python's isoformat() writes six. Templates use the `iso_datetime`
filter (cop_site/templatetags/cop_dates.py, loaded everywhere), which calls this.
"""

import datetime


def iso_datetime(value):
    """`value` (a datetime or date) in ISO 8601, to the millisecond at most; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
