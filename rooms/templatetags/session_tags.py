"""Upcoming sessions for pages above or beside rooms (the community page, the home page, My learning).

Those pages load this library by name (templates are not imports), so forums and learning, below rooms in
the layers, never import it; mylearning sits above rooms and does import it (its kept page and freshness
receivers read sessions and reminders). Who sees a session is rooms/schedule.py's `upcoming`, as the person asking.
"""

from django import template

from rooms import schedule

register = template.Library()


@register.inclusion_tag("rooms/includes/upcoming_sessions.html", takes_context=True)
def upcoming_sessions(
    context, community=None, mine=False, heading_id="upcoming-sessions", title="Upcoming sessions", empty=""
):
    """Sessions this person may see: a community's, or (`mine`) those of their communities and their reminders."""
    request = context.get("request")
    user = getattr(request, "user", None)
    found = schedule.upcoming(user)
    if community is not None:
        found = found.filter(room__community=community)
    if mine:
        found = schedule.of_member(found, user)
    return {
        "sessions": list(found[: schedule.UPCOMING_LIMIT]),
        "heading_id": heading_id,
        "title": title,
        "empty": empty,
        "show_community": community is None,
    }
