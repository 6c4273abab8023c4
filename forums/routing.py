"""The forums' WebSocket URLs, included from cop_site/routing.py."""

from django.urls import path

from forums.consumers import ThreadConsumer
from forums.room_consumer import RoomConsumer

websocket_urlpatterns = [
    path("ws/threads/<int:thread_id>/", ThreadConsumer.as_asgi()),
    path("ws/rooms/<slug:slug>/", RoomConsumer.as_asgi()),
]
