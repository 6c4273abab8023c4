"""What members do with what they read, mounted at the site root by cop_site/urls.py.

Two namespaces, as templates name them: `saving` (bookmarks and "used in practice") and `pathways`
(starting pathways, steps done, reflections and sharing one to a community); My learning itself
at /my-learning/.
"""

from django.urls import include, path

from mylearning import sharing
from mylearning.views import my_learning, pathways, saving

saving_patterns = [
    path("saved/<str:kind>/<int:target_id>/", saving.bookmark, name="bookmark"),
    path("pages/<int:page_id>/used-in-practice/", saving.practice_use, name="practice_use"),
]

pathway_patterns = [
    path("pathways/progress/<int:pathway_id>/start/", pathways.start, name="start"),
    path("pathways/progress/<int:pathway_id>/steps/<str:step_id>/", pathways.reflection_form, name="step"),
    path("pathways/progress/<int:pathway_id>/steps/<str:step_id>/done/", pathways.step_done, name="step_done"),
    path(
        "pathways/progress/<int:pathway_id>/steps/<str:step_id>/reflection/",
        pathways.save_reflection,
        name="reflection",
    ),
    path("reflections/<int:progress_id>/share/", sharing.share_reflection, name="share_reflection"),
]

urlpatterns = [
    path("", include((saving_patterns, "saving"))),
    path("", include((pathway_patterns, "pathways"))),
    path("my-learning/", my_learning.my_learning, name="my_learning"),
]
