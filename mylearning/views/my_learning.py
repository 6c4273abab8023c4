"""My learning: a member's own page of pathways, saved items, community activity and suggestions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from mylearning.overview import my_learning as build_my_learning


@require_safe
@never_cache
@login_required
def my_learning(request):
    """Everything is the member's own, so nothing is cached and visitors are sent to sign in."""
    return render(request, "mylearning/my_learning.html", {"learning": build_my_learning(request.user)})
