"""Template helpers for notifications and moderation: the header links and members' names."""

from django import template

from forums import header
from forums.models.threads import display_name

register = template.Library()


@register.simple_tag(takes_context=True)
def account_links(context):
    """What the header shows this person (forums/header.py), and the fragment its HTML is kept as.

    `{% account_links as account %}` once per page: the header shows the links twice (beside the logo on wide
    screens, in the menu on narrow ones; templates/includes/account_links.html) from one record, and the
    page's foot asks it whether to offer Wagtail's userbar.
    """
    request = context.get("request")
    record = header.account(getattr(request, "user", None))
    return {**record, "fragment": header.header_fragment(record)}


@register.filter
def member_name(user):
    return display_name(user)
