"""What `make run` serves: the embedded default on loopback, answering visitors as production does.

Visitors get the designed 404, 403 and 500 pages, never Django's debug pages (a technical 404 lists
every URL pattern); static files come from WhiteNoise after `collectstatic`, as in production.
A developer who wants the debug pages asks for them: `DEBUG=1 make run`, or `make dev`.
"""

from cop_site.env import env_bool, env_list

from .base import *  # noqa: F403
from .base import SECRET_KEY

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = SECRET_KEY or "local-only-insecure-key-do-not-use-in-production"
# Loopback only, as uvicorn listens; ALLOWED_HOSTS adds names (a laptop's name on a workshop network).
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *env_list("ALLOWED_HOSTS")]
COP_SERVE_MEDIA = True  # uploaded images on the one local process; production serves them from its web server
