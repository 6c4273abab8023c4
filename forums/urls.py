"""Community pages, forum threads, and the forms every discussion posts to (comments under pages too)."""

from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("communities/", views.community_list, name="communities"),
    path("communities/<slug:slug>/", views.community_detail, name="community"),
    path("communities/<slug:slug>/join/", views.join, name="join"),
    path("communities/<slug:slug>/invite/", views.invite, name="invite"),
    path("communities/<slug:slug>/requests/<int:membership_id>/", views.decide_request, name="decide_request"),
    path("communities/<slug:slug>/threads/new/", views.new_thread, name="new_thread"),
    path("communities/<slug:slug>/threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("communities/<slug:slug>/threads/<int:thread_id>/flags/", views.thread_flags, name="thread_flags"),
    path("communities/<slug:slug>/threads/<int:thread_id>/follow/", views.follow, name="follow"),
    path("communities/<slug:slug>/threads/<int:thread_id>/best-answer/", views.best_answer, name="best_answer"),
    path("discussions/threads/<int:thread_id>/posts/", views.reply, name="reply"),
    path("discussions/pages/<int:page_id>/comments/", views.comment, name="comment"),
    path("discussions/posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("discussions/posts/<int:post_id>/delete/", views.delete_post, name="delete_post"),
    path("discussions/posts/<int:post_id>/helpful/", views.helpful, name="helpful"),
]
