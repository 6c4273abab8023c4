"""Pathway progress over HTTP: thin adapters over mylearning.pathways.

Every change is a plain POST form that redirects back to the pathway (PRG), so it all works
without JavaScript. A pathway that is a draft or restricted, or a step that is not on it now, is
the same 404 as one that never existed. Refused input re-renders the form with the reason and
changes nothing.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from mylearning import pathways
from mylearning.models import REFLECTION_MAX_LENGTH


def not_found_is_404(view):
    """mylearning.pathways says NotFound for anything missing or unseeable; HTTP says 404."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except pathways.NotFound:
            raise Http404("No pathway or step here.") from None

    return wrapped


def _signed_in(view):
    """Anonymous visitors are sent to sign in and back to the pathway (not to a POST-only address)."""

    @wraps(view)
    def wrapped(request, pathway_id, *args, **kwargs):
        pathway = pathways.get_pathway(pathway_id)
        if not request.user.is_authenticated:
            return redirect_to_login(pathway.url)
        return view(request, pathway, *args, **kwargs)

    return wrapped


class StepDoneForm(forms.Form):
    done = forms.ChoiceField(
        choices=[("yes", "Done"), ("no", "Not done")],
        error_messages={"required": "Choose done or not done.", "invalid_choice": "Choose done or not done."},
    )


def _step_anchor(pathway, step_id):
    return f"{pathway.url}#step-{step_id}"


@require_POST
@not_found_is_404
@_signed_in
def start(request, pathway):
    pathways.start(request.user, pathway)
    messages.success(request, f"You started {pathway.title}. Mark each step done as you go.")
    return redirect(f"{pathway.url}#progress")


@require_POST
@not_found_is_404
@_signed_in
def step_done(request, pathway, step_id):
    pathways.get_step(pathway, step_id)
    form = StepDoneForm(request.POST)
    if not form.is_valid():
        # Only a tampered form gets here: show the pathway with the reason, change nothing.
        request.pathway_error = form.errors["done"][0]
        response = pathway.serve(request)
        response.status_code = 400
        return response
    done = form.cleaned_data["done"] == "yes"
    progress = pathways.mark_done(request.user, pathway, step_id, done=done)
    step = pathways.get_step(pathway, step_id)
    if done and progress.completed:
        messages.success(request, f"You completed {pathway.title}. Well done.")
    elif done:
        messages.success(request, f"{step.title}: done. {progress.n_done} of {progress.n_total} steps done.")
    else:
        messages.success(request, f"{step.title}: marked as not done.")
    return redirect(_step_anchor(pathway, step_id))


# A reflection posted by someone no longer signed in (their session ran out while they wrote), kept
# in their session so that it is on the form again after they sign in, not lost.
UNSAVED_REFLECTION = "pathways:unsaved_reflection"


def _typed_reflection(request):
    """What was typed in the form, less null characters (nobody can see them to take them out)."""
    return {name: request.POST.get(name, "").replace("\x00", "") for name, *_ in pathways.REFLECTION_FIELDS}


def _keep_unsaved_reflection(request, pathway, step):
    # Capped: a session is not the place for more than a form's worth of text.
    values = {name: value[: REFLECTION_MAX_LENGTH * 2] for name, value in _typed_reflection(request).items()}
    request.session[UNSAVED_REFLECTION] = {"pathway": pathway.pk, "step": step.id, "values": values}


def _unsaved_reflection(request, pathway, step):
    """The reflection kept for this step when its author was signed out, taken out of the session; else None."""
    kept = request.session.get(UNSAVED_REFLECTION)
    if not isinstance(kept, dict) or kept.get("pathway") != pathway.pk or kept.get("step") != step.id:
        return None
    del request.session[UNSAVED_REFLECTION]
    return kept.get("values") or None


def _reflection_page(request, pathway, step, values=None, errors=None, status=200, restored=False):
    row = pathways.progress_for(request.user, pathway)
    this_step = next(s for s in row.steps if s.id == step.id)
    saved = this_step.progress
    values = (
        values if values is not None else {name: getattr(saved, name, "") for name, *_ in pathways.REFLECTION_FIELDS}
    )
    errors = errors or {}
    fields = [
        {
            "name": name,
            "label": label,
            "hint": hint,
            "value": values.get(name, ""),
            "error": errors.get(name, ""),
        }
        for name, label, hint in pathways.REFLECTION_FIELDS
    ]
    context = {
        "pathway": pathway,
        "step": this_step,
        "progress": row,
        "fields": fields,
        "errors": [field for field in fields if field["error"]],
        "max_length": REFLECTION_MAX_LENGTH,
        "restored": restored,
    }
    return render(request, "mylearning/pathway_step_reflection.html", context, status=status)


@require_GET
@login_required
@not_found_is_404
def reflection_form(request, pathway_id, step_id):
    pathway = pathways.get_pathway(pathway_id)
    step = pathways.get_step(pathway, step_id)
    unsaved = _unsaved_reflection(request, pathway, step)
    return _reflection_page(request, pathway, step, values=unsaved, restored=unsaved is not None)


@require_POST
@not_found_is_404
def save_reflection(request, pathway_id, step_id):
    pathway = pathways.get_pathway(pathway_id)
    step = pathways.get_step(pathway, step_id)
    if not request.user.is_authenticated:
        _keep_unsaved_reflection(request, pathway, step)
        return redirect_to_login(reverse("pathways:step", args=[pathway.pk, step.id]))
    try:
        pathways.save_reflection(request.user, pathway, step_id, request.POST)
    except pathways.PathwayError as error:
        values = _typed_reflection(request)
        return _reflection_page(request, pathway, step, values=values, errors=error.errors, status=400)
    messages.success(request, f"Your reflection on {step.title} is saved. Only you can see it.")
    return redirect(_step_anchor(pathway, step_id))
