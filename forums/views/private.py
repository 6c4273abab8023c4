"""The page a link into a private community leads to, for whoever may not see the community.

A private community, its threads and its rooms are seen by its members alone (forums/visibility.py
`seeing`). Someone following a link to one of them gets this page instead of the 404 of a missing
address: it says the space is private and what to do (sign in and come back; accept the invitation;
ask for one), and names nothing of it: no title, summary, thread or room. An address that leads
nowhere stays a 404.
"""

from django.http import Http404
from django.shortcuts import render

from forums.models import Membership


def private_space(request, community):
    """403 with the private page for this person, or the 404 of a missing address when there is no community."""
    if community is None or community.can_see(request.user):
        raise Http404("Nothing here.")
    membership = community.membership_of(request.user) if request.user.is_authenticated else None
    invited = membership is not None and membership.status == Membership.Status.INVITED
    context = {"invitation_url": community.get_absolute_url() if invited else ""}
    return render(request, "forums/private.html", context, status=403)
