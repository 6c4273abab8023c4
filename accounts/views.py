"""Profile pages: anyone may read a member's public profile; a member edits only their own,
downloads their own data, and may delete their own account."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts import deletion, services
from accounts.data import member_data
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
@require_http_methods(["GET", "HEAD", "POST"])
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


@login_required
@require_safe
def your_data(request):
    """What we keep about the member, their download, and the way to delete their account."""
    return render(request, "accounts/your_data.html", {"name": Profile.objects.for_user(request.user).name})


@never_cache
@login_required
@require_safe
def download_data(request):
    """Everything the member wrote, as a JSON file (a GET: it changes nothing)."""
    body = json.dumps(member_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"{request.user.get_username()}-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class DeleteAccountForm(forms.Form):
    """The member confirms by typing their password, or their username when they have no password."""

    confirmation = forms.CharField(strip=False, error_messages={"required": "Type it to confirm"})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.uses_password = user.has_usable_password()
        field = self.fields["confirmation"]
        if self.uses_password:
            field.label = "Your password"
            field.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
            field.error_messages["required"] = "Enter your password to confirm"
        else:
            field.label = "Your username"
            field.help_text = f"Type {user.get_username()} to confirm."
            field.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
            field.error_messages["required"] = "Type your username to confirm"

    def clean_confirmation(self):
        typed = self.cleaned_data["confirmation"]
        if self.uses_password and not self.user.check_password(typed):
            raise forms.ValidationError("That is not your password: nothing has been deleted")
        if not self.uses_password and typed.strip() != self.user.get_username():
            raise forms.ValidationError("That is not your username: nothing has been deleted")
        return typed


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """GET says what deleting means and asks for confirmation; POST deletes (accounts/deletion.py)."""
    user = request.user
    refusal = deletion.refusal(user)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=user)
    status = 200
    if request.method == "POST":
        if refusal:
            status = 403
        elif form.is_valid():
            try:
                deletion.delete_member(user)
            except deletion.DeletionRefused as error:
                refusal, status = str(error), 403
            except deletion.AlreadyDeleted:
                pass  # a second click raced the first: the account is gone, as asked
            if not refusal:
                logout(request)
                return redirect("account_deleted")
        else:
            status = 400
    context = {"form": form, "refusal": refusal, "name": Profile.objects.for_user(user).name}
    return render(request, "accounts/delete_account.html", context, status=status)


@require_safe
def account_deleted(request):
    return render(request, "accounts/account_deleted.html")
