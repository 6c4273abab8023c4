"""WebSocket URLs. Each app adds its own patterns here as it grows live features.

Every socket has its session (cop_site/asgi.py). Channels' AuthMiddleware, which reads the user in
a trip to the database thread of its own for each socket before the consumer runs, wraps only the
consumers that read `scope["user"]`. Live threads and rooms read who is behind a socket from its
session themselves (forums/streams.py `viewer`, `viewers`): a room reads a crowd arriving together.
"""

from channels.auth import AuthMiddleware
from django.conf import settings
from django.urls import path

from cop_site.consumers import BenchBroadcastConsumer, HealthConsumer
from forums.routing import websocket_urlpatterns as forums_patterns
from rooms.routing import websocket_urlpatterns as rooms_patterns

websocket_urlpatterns = [
    path("ws/health/", AuthMiddleware(HealthConsumer.as_asgi())),
    *forums_patterns,
    *rooms_patterns,
]

if settings.COP_BENCH:
    # bench/rooms.py compares the room consumer with a bare broadcast the same server can run, behind
    # the AuthMiddleware a plain Channels site puts in front of every consumer (as it was measured).
    websocket_urlpatterns += [path("ws/bench/broadcast/<slug:room>/", AuthMiddleware(BenchBroadcastConsumer.as_asgi()))]
