"""A member's notifications: the list (unread first) and marking them read. Rules live in forums/notifications.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cop_site.redirects import local_next
from forums import notifications

PAGE_SIZE = 30


@login_required
@require_safe
def notification_list(request):
    results = Paginator(notifications.for_member(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"results": results, "unread": notifications.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request, notification_id):
    notifications.mark_read(request.user, notification_id)
    return redirect(_next(request))


@login_required
@require_POST
def mark_all_read(request):
    count = notifications.mark_all_read(request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect(_next(request))


def _next(request):
    """Where to go after marking: the notification's own page when asked (same site only), else the list."""
    return local_next(request, request.POST.get("next", ""), reverse("notifications"))
