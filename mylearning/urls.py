"""What members do with what they read; one URL module per feature so each stays small."""

from django.urls import include, path

urlpatterns = [
    path("", include("learning.saving_urls")),  # bookmarks and "used in practice"
    path("", include("learning.pathway_urls")),  # starting pathways, steps done, reflections
    path("my-learning/", include("learning.my_learning_urls")),
]
