from django.urls import path

from accounts import views

urlpatterns = [
    path("me/edit/", views.edit_profile, name="edit_profile"),
    path("<str:username>/", views.member_profile, name="member_profile"),
]
