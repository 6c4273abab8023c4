"""WebSocket URLs. Each app adds its own patterns here as it grows live features."""

from django.urls import path

from cop_site.consumers import HealthConsumer
from forums.routing import websocket_urlpatterns as forums_patterns

websocket_urlpatterns = [
    path("ws/health/", HealthConsumer.as_asgi()),
    *forums_patterns,
]
