"""Template helpers for notifications and moderation: the header links and members' names."""

from django import template

from cop_site import fragments
from forums import header
from forums.models.threads import display_name

register = template.Library()


@register.simple_tag(takes_context=True)
def account_links(context):
    """What the header shows this person (forums/header.py), and the fragment its HTML is kept as.

    `{% account_links as account %}` once per page, before the head (templates/base.html): the header shows
    the links twice (beside the logo on wide screens, in the menu on narrow ones;
    templates/includes/account_links.html) from one record, and the page's foot asks it whether to offer
    Wagtail's userbar.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    # One cache read for the member's record and the frame's kept parts (head, footer, scripts), which
    # base.html asks for after this tag; then one for the header, which depends on the record.
    fragments.prefetch([header.account_spec(user), *(fragments.frame(name) for name in fragments.SITE_FRAME)])
    record = header.account(user)
    spec = header.header_fragment(record)
    fragments.prefetch([spec])
    return {**record, "fragment": spec}


@register.filter
def member_name(user):
    return display_name(user)
