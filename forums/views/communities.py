"""A community's pages: the list, the community itself, joining, invitations and join requests."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cop_site.errors import DomainError
from forums import markdown, services
from forums.discussion import refusal, reply_counts, with_profiles
from forums.forms import DecisionForm, InviteForm, JoinForm, form_error
from forums.models import Community, Membership, Thread, ThreadVisit
from forums.models.threads import display_name
from forums.views.private import private_space

THREADS_PER_PAGE = 20


def _invitation(community, user):
    membership = community.membership_of(user)
    return membership if membership and membership.status == Membership.Status.INVITED else None


def community_for(request, slug):
    """The community if this person may see it (or holds an invitation to it); else the 404 of a missing slug."""
    community = Community.objects.filter(slug=slug).first()
    if community is None or not (community.can_see(request.user) or _invitation(community, request.user)):
        raise Http404("No community here.")
    return community


def member_counts(communities):
    rows = (
        Membership.objects.filter(community__in=communities, status=Membership.Status.ACTIVE)
        .values_list("community")
        .order_by()
    )
    counts = {}
    for (community_id,) in rows:
        counts[community_id] = counts.get(community_id, 0) + 1
    return counts


def community_list(request):
    """The communities this person may see (private ones only for their members), and open invitations."""
    user = request.user
    communities = list(Community.objects.visible_to(user))
    memberships = {}
    if user.is_authenticated:
        memberships = {m.community_id: m for m in Membership.objects.filter(user=user)}
        seen = {c.pk for c in communities}
        invited = [m.community_id for m in memberships.values() if m.status == Membership.Status.INVITED]
        communities += list(Community.objects.filter(pk__in=invited).exclude(pk__in=seen))
    counts = member_counts(communities)
    rows = [
        {"community": c, "members": counts.get(c.pk, 0), "membership": memberships.get(c.pk)}
        for c in sorted(communities, key=lambda c: c.name.lower())
    ]
    return render(request, "forums/community_list.html", {"rows": rows})


def community_detail(request, slug):
    try:
        community = community_for(request, slug)
    except Http404:  # a private community says so (forums/views/private.py); a missing one stays a 404
        return private_space(request, Community.objects.filter(slug=slug).first())
    return _render_community(request, community)


def _render_community(request, community, error=None, error_field="", join_message="", invite_username=""):
    """The community's page; with `error`, a refused form's message and text, answered with the error's status."""
    user = request.user
    status = error.status if error else 200
    membership = community.membership_of(user)
    is_member = bool(membership and membership.status == Membership.Status.ACTIVE)
    can_read = community.can_read(user)
    context = {
        "community": community,
        "membership": membership,
        "is_member": is_member,
        "can_read": can_read,
        "can_moderate": community.can_moderate(user),
        "about_html": markdown.render(community.about),
        "member_count": member_counts([community]).get(community.pk, 0),
        "error": error,
        "join_message": join_message,
        "invite_username": invite_username,
        "error_field": error_field,
        "resources": community.resources.all(),
    }
    if not community.can_see(user):  # an invitation to a private community: only what it is and the answer
        return render(request, "forums/community_invitation.html", context, status=status)
    if can_read:
        threads = Paginator(with_profiles(community.threads.all(), "author"), THREADS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        _annotate_threads(threads.object_list, user, membership if is_member else None)
        context.update(
            threads=threads,
            members=with_profiles(
                community.memberships.filter(status=Membership.Status.ACTIVE).order_by("role", "user__username"),
                "user",
            ),
            new_thread_refusal=refusal(services.check_can_post, user, Thread(community=community)),
        )
    if context["can_moderate"]:
        context["requests"] = with_profiles(
            community.memberships.filter(status=Membership.Status.PENDING).order_by("created"), "user"
        )
    if is_member and status == 200:
        Membership.objects.filter(pk=membership.pk).update(last_visited=timezone.now())
    return render(request, "forums/community_detail.html", context, status=status)


def _annotate_threads(threads, user, membership):
    """Set `reply_count`, and `is_new` on threads active since the member last read them.

    A thread the member never opened counts from their previous visit to the community (or from when
    they joined); only members get markers.
    """
    replies = reply_counts(threads)
    visits = {}
    if membership is not None:
        visits = dict(ThreadVisit.objects.filter(user=user, thread__in=threads).values_list("thread_id", "seen"))
    for thread in threads:
        thread.reply_count = replies.get(thread.pk, 0)
        seen = visits.get(thread.pk) or (membership and (membership.last_visited or membership.created))
        thread.is_new = bool(membership is not None and seen and thread.last_activity > seen)


@require_POST
def join(request, slug):
    """Join an open community, ask to join a restricted one, or accept an invitation."""
    community = community_for(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(community.get_absolute_url())
    form = JoinForm(request.POST)
    try:
        if not form.is_valid():
            raise form_error(form)
        membership = services.join(community, request.user, form.cleaned_data["message"])
    except DomainError as error:
        return _render_community(
            request, community, error, error_field="join-message", join_message=request.POST.get("message", "")
        )
    if membership.status == Membership.Status.PENDING:
        messages.success(request, f"Your request to join {community.name} is with its facilitators.")
    else:
        messages.success(request, f"Welcome to {community.name}.")
    return redirect(community)


@require_POST
def decide_request(request, slug, membership_id):
    community = community_for(request, slug)
    membership = community.memberships.filter(pk=membership_id).select_related("user").first()
    form = DecisionForm(request.POST)
    try:
        if membership is None:
            raise DomainError("invalid", "That request is no longer waiting for an answer.")
        if not form.is_valid():
            raise form_error(form)
        approve = form.cleaned_data["decision"] == "approve"
        services.decide_join_request(membership, request.user, approve=approve)
    except DomainError as error:
        return _render_community(request, community, error)
    name = display_name(membership.user)
    messages.success(request, f"{name} is now a member." if approve else f"You declined {name}’s request.")
    return redirect(community)


@require_POST
def invite(request, slug):
    community = community_for(request, slug)
    form = InviteForm(request.POST)
    try:
        if not form.is_valid():
            raise form_error(form)
        username = form.cleaned_data["username"].strip().lstrip("@")
        invitee = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
        if invitee is None:
            raise DomainError("invalid", f"No member has the username “{username}”.")
        membership = services.invite(community, invitee, request.user)
    except DomainError as error:
        return _render_community(
            request,
            community,
            error,
            error_field="invite-username",
            invite_username=request.POST.get("username", ""),
        )
    name = display_name(invitee)
    if membership.status == Membership.Status.ACTIVE:
        messages.success(request, f"{name} is already a member.")
    else:
        messages.success(request, f"{name} is invited: they can accept on this community’s page.")
    return redirect(community)
