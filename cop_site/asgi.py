"""ASGI entry point: HTTP through Django, WebSockets through Channels, both behind origin checks."""

import gc
import os

from cop_site.asgi_http import get_asgi_application  # one sync-thread hop per request (see there)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.dev")
django_asgi_app = get_asgi_application()

# Imported after Django is set up: the routing pulls in models.
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from channels.sessions import SessionMiddlewareStack  # noqa: E402

from cop_site.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # The session, read when a consumer asks; the user only where a route asks for it (cop_site/routing.py).
        "websocket": AllowedHostsOriginValidator(SessionMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# What start-up built (Django, Wagtail, the URL map, the models) lives as long as the process. Frozen,
# the garbage collector no longer walks it on every full collection: without this each full collection
# took about 90 ms here, a pause every live room and page request of the process waits out.
gc.freeze()
