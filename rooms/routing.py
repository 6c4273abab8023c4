"""The live rooms' WebSocket URL (docs/protocols.md), included from cop_site/routing.py."""

from django.urls import path

from rooms.consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/rooms/<slug:slug>/", RoomConsumer.as_asgi()),
]
