"""My learning at /my-learning/ (learning/urls.py mounts this module there)."""

from django.urls import path

from learning import my_learning_views

urlpatterns = [
    path("", my_learning_views.my_learning, name="my_learning"),
]
