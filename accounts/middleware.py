"""Keeps each member's `last_seen` current, so digests go only to people who have not visited since."""

from accounts.services import note_visit


class LastSeenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Visitors without a session are never signed in: don't load a session just to find that out.
        if session is not None and session.session_key and request.user.is_authenticated:
            note_visit(request.user)
        return response
