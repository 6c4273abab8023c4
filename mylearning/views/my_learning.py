"""My learning: a member's own page of pathways, saved items, community activity and suggestions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from mylearning.overview_kept import page_html


@require_safe
@never_cache
@login_required
def my_learning(request):
    """Everything is the member's own: kept for them alone (mylearning/overview_kept.py); visitors sign in first."""
    return render(request, "mylearning/my_learning.html", {"learning_html": page_html(request)})
