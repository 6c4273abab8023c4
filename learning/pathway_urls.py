"""Starting a pathway, marking its steps done and writing reflections (the pathway pages are Wagtail's)."""

from django.urls import path

from learning import pathway_views as views

app_name = "pathways"

urlpatterns = [
    path("pathways/progress/<int:pathway_id>/start/", views.start, name="start"),
    path("pathways/progress/<int:pathway_id>/steps/<str:step_id>/", views.reflection_form, name="step"),
    path("pathways/progress/<int:pathway_id>/steps/<str:step_id>/done/", views.step_done, name="step_done"),
    path(
        "pathways/progress/<int:pathway_id>/steps/<str:step_id>/reflection/",
        views.save_reflection,
        name="reflection",
    ),
]
