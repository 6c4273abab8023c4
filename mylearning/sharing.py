"""Sharing a pathway reflection to a community thread: only its author, only where they may post.

The reflection is the member's (mylearning.pathways says whose it is and what it says); the
thread is made by forums' one way of starting threads, services.start_thread, so Markdown
cleaning, rate limits, notifications and search indexing are the same as for any other thread.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cop_site.errors import DomainError
from forums import services
from forums.discussion import refusal
from forums.forms import MARKDOWN_HELP, first_error
from forums.models import Community, Membership, Thread
from forums.services import MAX_POST_LENGTH, MAX_TITLE_LENGTH
from mylearning import pathways


def postable_communities(user):
    """Communities the member belongs to and may start a thread in now (forums' own posting rule)."""
    memberships = Community.objects.filter(memberships__user=user, memberships__status=Membership.Status.ACTIVE)
    return [
        community
        for community in memberships.order_by("name")
        if refusal(services.check_can_post, user, Thread(community=community)) is None
    ]


class ShareReflectionForm(forms.Form):
    community = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": "Choose the community to share your reflection with.",
            "invalid_choice": "Choose one of the communities you can post in.",
        },
    )
    title = forms.CharField(required=False, max_length=1000)
    body = forms.CharField(required=False, strip=False, widget=forms.Textarea)

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.communities = {community.pk: community for community in communities}
        self.fields["community"].choices = [("", "Choose a community")] + [
            (community.pk, community.name) for community in communities
        ]


REPEAT_WINDOW = timedelta(minutes=2)  # a second "Post" this soon after sharing is a double click, not a new share


def default_title(pathway, step):
    return f"Reflection on {step.title} ({pathway.title})"[:MAX_TITLE_LENGTH]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def share_reflection(request, progress_id):
    """The author's form to post their reflection as a new thread; anyone else gets a 404."""
    try:
        row, pathway, step = pathways.own_step_progress(request.user, progress_id)
    except pathways.NotFound:
        raise Http404("No reflection here.") from None
    back = f"{pathway.url}#step-{step.id}"
    if not row.has_reflection:
        messages.info(request, "Write your reflection before sharing it.")
        return redirect("pathways:step", pathway.pk, step.id)
    communities = postable_communities(request.user)
    initial = {"title": default_title(pathway, step), "body": pathways.reflection_markdown(row)}
    form = ShareReflectionForm(request.POST or None, initial=initial, communities=communities)
    error = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise DomainError("invalid", first_error(form))
            data = form.cleaned_data
            with transaction.atomic():
                row = type(row).objects.select_for_update().get(pk=row.pk)  # two clicks: one waits for the other
                if row.shared and row.shared_url and timezone.now() - row.shared < REPEAT_WINDOW:
                    messages.info(request, "You have just shared this reflection: here is the thread.")
                    return redirect(row.shared_url)
                thread = services.start_thread(
                    form.communities[data["community"]], request.user, data["title"], data["body"]
                )
                pathways.record_shared(row, thread.get_absolute_url())
        except DomainError as error_:
            error = error_
        else:
            messages.success(request, f"Shared to {thread.community.name}.")
            return redirect(thread)
    context = {
        "reflection": row,
        "pathway": pathway,
        "step": step,
        "form": form,
        "communities": communities,
        "error": error,
        "error_field": _error_field(form, error),
        "back": back,
        "markdown_help": MARKDOWN_HELP,
        "max_title_length": MAX_TITLE_LENGTH,
        "max_body_length": MAX_POST_LENGTH,
        "body_length": len(form["body"].value() or ""),
        "suspended": services.is_suspended(request.user),
    }
    return render(request, "mylearning/share_reflection.html", context, status=error.status if error else 200)


def _error_field(form, error):
    """The id of the field the error is about, for the error summary's link."""
    if error is None:
        return ""
    if "community" in form.errors:
        return "share-community"
    if error.code not in ("empty", "too_long"):
        return ""  # not about what was typed: suspended, posting too quickly
    return "share-title" if "title" in error.message.lower() else "share-body"
