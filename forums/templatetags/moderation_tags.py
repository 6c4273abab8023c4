"""Template helpers for notifications and moderation: the header links and members' names."""

from django import template

from forums import moderation, notifications
from forums.models.threads import display_name

register = template.Library()


@register.inclusion_tag("notifications/header_links.html", takes_context=True)
def account_links(context):
    """The signed-in member's notifications link with the unread count, and the queue link for moderators."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": notifications.unread_count(user), "moderator": moderation.is_moderator(user)}


@register.filter
def member_name(user):
    return display_name(user)
