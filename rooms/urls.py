"""Live room pages, included from cop_site/urls.py. The room's WebSocket is /ws/rooms/<slug>/ (rooms/routing.py)."""

from django.urls import path

from rooms import views as room_views

app_name = "rooms"

urlpatterns = [
    path("<slug:slug>/", room_views.room_detail, name="room"),
    path("<slug:slug>/end-session/", room_views.end_session, name="end_session"),
    path("<slug:slug>/transcript/<int:session_id>/", room_views.transcript, name="transcript"),
    path("<slug:slug>/messages/<int:message_id>/reveal/", room_views.reveal, name="reveal"),
    path("<slug:slug>/messages/<int:message_id>/restore/", room_views.restore_message, name="restore_message"),
    path("<slug:slug>/messages/<int:message_id>/report/", room_views.report, name="report"),
    path("<slug:slug>/sessions/", room_views.schedule_session, name="schedule_session"),
    path("<slug:slug>/sessions/<int:session_id>.ics", room_views.session_calendar, name="session_calendar"),
    path("<slug:slug>/sessions/<int:session_id>/edit/", room_views.edit_session, name="edit_session"),
    path("<slug:slug>/sessions/<int:session_id>/cancel/", room_views.cancel_session, name="cancel_session"),
    path("<slug:slug>/sessions/<int:session_id>/remind/", room_views.remind, name="remind"),
]
