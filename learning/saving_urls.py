"""Save for later (pages and forum threads) and "I've used this in practice" (guides, case studies)."""

from django.urls import path

from learning import saving_views

app_name = "saving"

urlpatterns = [
    path("saved/<str:kind>/<int:target_id>/", saving_views.bookmark, name="bookmark"),
    path("pages/<int:page_id>/used-in-practice/", saving_views.practice_use, name="practice_use"),
]
