"""Share your practice: the member's guided form that proposes a case study (casestudies/proposals.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from casestudies.models import Proposal
from casestudies.proposals import MAX_ID, MAX_REPLY, CaseStudyProposalForm, propose, respond
from cop_site.errors import DomainError


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def share_your_practice(request):
    """The form; a refusal or a field to fix shows the form again with everything typed kept."""
    form = CaseStudyProposalForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            proposal = propose(request.user, form.cleaned_data)
        except DomainError as refused:
            error = refused
        else:
            return redirect("casestudies:proposal_sent", proposal.pk)
    status = error.status if error else (400 if form.errors else 200)
    return render(request, "casestudies/share_your_practice.html", {"form": form, "error": error}, status=status)


@require_safe
@never_cache
@login_required
def proposal_sent(request, proposal_id):
    """What happens next, for the member who proposed it (anyone else: 404)."""
    if proposal_id > MAX_ID:
        raise Http404("No proposal here.")
    proposal = Proposal.objects.select_related("page").filter(pk=proposal_id, author=request.user).first()
    if proposal is None:
        raise Http404("No proposal here.")
    return render(request, "casestudies/proposal_sent.html", {"proposal": proposal})


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply(request, proposal_id):
    """Answer the reviewer's request for changes and resubmit; the reply is kept on a refusal."""
    proposal = Proposal.objects.select_related("page").filter(pk=min(proposal_id, MAX_ID)).first()
    if proposal is None or not Proposal.objects.involving(request.user).filter(pk=proposal.pk).exists():
        raise Http404("No proposal here.")
    error = None
    text = request.POST.get("reply", "")
    if request.method == "POST":
        try:
            respond(request.user, proposal, text)
        except DomainError as refused:
            error = refused
        else:
            messages.success(request, f"Your reply is with the reviewer and “{proposal.page.title}” is back in review.")
            return redirect(f"{reverse('my_learning')}#case-study-proposals")
    field_error = error is not None and (error.code in ("empty", "too_long") or "\x00" in text)
    context = {
        "proposal": proposal,
        "error": error,
        "field_error": field_error,
        "reply": text.replace("\x00", ""),
        "max_reply": MAX_REPLY,
    }
    return render(request, "casestudies/proposal_reply.html", context, status=error.status if error else 200)
