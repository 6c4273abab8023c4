from django.urls import path

from accounts import views

urlpatterns = [
    path("me/edit/", views.edit_profile, name="edit_profile"),
    # "me" is a username nobody may take (ACCOUNT_USERNAME_BLACKLIST), so these never shadow a profile.
    path("me/data/", views.your_data, name="your_data"),
    path("me/data.json", views.download_data, name="download_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("me/deleted/", views.account_deleted, name="account_deleted"),
    path("<str:username>/", views.member_profile, name="member_profile"),
]
