"""Share your practice, mounted at /share-your-practice/ by cop_site/urls.py (namespace `casestudies`)."""

from django.urls import path

from casestudies import views

app_name = "casestudies"
urlpatterns = [
    path("", views.share_your_practice, name="share_your_practice"),
    path("sent/<int:proposal_id>/", views.proposal_sent, name="proposal_sent"),
    path("<int:proposal_id>/reply/", views.reply, name="reply"),
]
