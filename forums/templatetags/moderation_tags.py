"""Template helpers for notifications and moderation: the header links and members' names."""

from django import template

from forums import moderation, notifications
from forums.models.threads import display_name

register = template.Library()


@register.simple_tag(takes_context=True)
def account_links(context):
    """What the header's account links need: the unread count, and whether to link the moderation queue.

    `{% account_links as account %}` once per page: the header shows the links twice (beside the logo on wide
    screens, in the menu on narrow ones; templates/includes/account_links.html) from one count.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": notifications.unread_count(user), "moderator": moderation.is_moderator(user)}


@register.filter
def member_name(user):
    return display_name(user)
