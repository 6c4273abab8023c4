"""The forums' WebSocket URLs, included from cop_site/routing.py."""

from django.urls import path

from forums.consumers import ThreadConsumer

websocket_urlpatterns = [
    path("ws/threads/<int:thread_id>/", ThreadConsumer.as_asgi()),
]
