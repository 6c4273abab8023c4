"""Where to send a member back to after a form: a `next` they posted, only if it is a path on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_next(request, candidate, fallback):
    """`candidate` when it is a path on this site ("/..."), else `fallback`.

    Anything else is refused rather than passed to `redirect`: a bare word would be looked up as a
    view name (a 500 when there is none), another host is an open redirect, and a control character
    cannot go in a Location header.
    """
    if (
        isinstance(candidate, str)
        and candidate.startswith("/")
        and not candidate.startswith(("//", "/\\"))
        and not any(ord(character) < 32 or ord(character) == 127 for character in candidate)
        and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure())
    ):
        return candidate
    return fallback
