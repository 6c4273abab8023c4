"""WebSocket URLs. Each app adds its own patterns here as it grows live features."""

from django.conf import settings
from django.urls import path

from cop_site.consumers import BenchBroadcastConsumer, HealthConsumer
from forums.routing import websocket_urlpatterns as forums_patterns
from rooms.routing import websocket_urlpatterns as rooms_patterns

websocket_urlpatterns = [
    path("ws/health/", HealthConsumer.as_asgi()),
    *forums_patterns,
    *rooms_patterns,
]

if settings.COP_BENCH:
    # bench/rooms.py compares the room consumer with a bare broadcast the same server can run.
    websocket_urlpatterns += [path("ws/bench/broadcast/<slug:room>/", BenchBroadcastConsumer.as_asgi())]
