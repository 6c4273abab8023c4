"""Live room pages, included from cop_site/urls.py. The room's WebSocket is /ws/rooms/<slug>/ (rooms/routing.py)."""

from django.urls import path

from rooms import views as room_views

app_name = "rooms"

urlpatterns = [
    path("<slug:slug>/", room_views.room_detail, name="room"),
    path("<slug:slug>/end-session/", room_views.end_session, name="end_session"),
    path("<slug:slug>/transcript/<int:session_id>/", room_views.transcript, name="transcript"),
    path("<slug:slug>/messages/<int:message_id>/reveal/", room_views.reveal, name="reveal"),
    path("<slug:slug>/messages/<int:message_id>/report/", room_views.report, name="report"),
]
