"""URLs for moderation (/moderation/...) and members' notifications (/notifications/...)."""

from django.urls import path

from forums import moderation_views, notification_views

urlpatterns = [
    path("moderation/", moderation_views.queue, name="moderation_queue"),
    path("moderation/posts/<int:post_id>/decide/", moderation_views.decide, name="moderation_decide"),
    path("moderation/posts/<int:post_id>/flag/", moderation_views.flag_post, name="flag_post"),
    path("moderation/posts/<int:post_id>/edit/", moderation_views.edit_hidden_post, name="edit_hidden_post"),
    path("moderation/log/", moderation_views.log, name="moderation_log"),
    path("moderation/suspensions/", moderation_views.suspensions, name="moderation_suspensions"),
    path(
        "moderation/suspensions/<int:suspension_id>/lift/",
        moderation_views.lift_suspension,
        name="moderation_lift_suspension",
    ),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/<int:notification_id>/read/", notification_views.mark_read, name="notification_read"),
    path("notifications/read-all/", notification_views.mark_all_read, name="notifications_read_all"),
]
