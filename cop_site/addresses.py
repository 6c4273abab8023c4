"""The site's own address: the one home of every absolute link the site gives out.

A link made while answering a request uses the origin that request came to (its scheme and host,
which ALLOWED_HOSTS has checked): the sitemap, feeds, canonical and social tags, the API, calendar
files. A link made with no request at hand (emails from tasks and commands, reminders, digests) uses
SITE_URL: the production address, or under `make run` http://127.0.0.1:$PORT (cop_site/settings/base.py).
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url(request=None):
    """The origin links start with, without a trailing slash: the request's, else SITE_URL."""
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL.rstrip("/")


def site_host():
    """SITE_URL's host (and port): a name that stays the same whoever asks, for identifiers such as a UID."""
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def absolute(url, request=None):
    """`url` as an absolute link on this site; a link that is absolute already is left as it is."""
    if not url or urlsplit(url).scheme:
        return url
    return site_url(request) + ("" if url.startswith("/") else "/") + url


def on_this_site(url, root_url, request=None):
    """A Wagtail page's full URL on `root_url` (the Site's configured name) moved to the address asked for."""
    if root_url and url.startswith(root_url.rstrip("/") + "/"):
        return absolute(url[len(root_url.rstrip("/")) :], request)
    return url
