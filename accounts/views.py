"""Profile pages: anyone may read a member's public profile; a member edits only their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts import services
from accounts.forms import ProfileForm
from accounts.models import Profile


@require_safe
def member_profile(request, username):
    profile = services.public_profile(username)
    is_own = request.user.is_authenticated and request.user.pk == profile.user_id
    return render(
        request,
        "accounts/profile_detail.html",
        {"profile": profile, "member": profile.user, "themes": profile.themes_of_interest.all(), "is_own": is_own},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    profile = Profile.objects.for_user(request.user)
    name = profile.name  # read before the form binds: an invalid form leaves the saved profile as it was
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            saved = services.update_profile(request.user, form.cleaned_data)
            messages.success(request, "Your profile has been updated.")
            return redirect(saved.get_absolute_url())
    else:
        form = ProfileForm(instance=profile)
    return render(request, "accounts/profile_edit.html", {"form": form, "name": name})
