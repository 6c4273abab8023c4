"""`{{ value|iso_datetime }}` for `<time datetime>`: cop_site.dates.iso_datetime, in the current time zone.

It is a builtin (settings TEMPLATES), so every template has it without a {% load %}.
"""

from django import template

from cop_site.dates import iso_datetime as _iso_datetime

register = template.Library()


@register.filter(expects_localtime=True, is_safe=True)
def iso_datetime(value):
    return _iso_datetime(value)
