"""A community's inquiries: the list, one inquiry's page, and the forms on it (start, team, cycles, entries,
report, hide and restore). Thin adapters over forums/inquiries.py and forums/moderation.py: a refusal shows
the page again with the error and the typed text, and changes nothing."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from casestudies.proposals import CaseStudyProposalForm, propose
from cop_site.errors import DomainError
from forums import inquiries, moderation
from forums.discussion import refusal, with_profiles
from forums.forms import (
    MARKDOWN_HELP,
    CycleForm,
    EntryForm,
    EntryModerationForm,
    InquiryForm,
    ReportForm,
    TeamForm,
    form_error,
)
from forums.models import Community, CycleEntry, Flag, TeamMember
from forums.models.threads import display_name
from forums.moderation import is_suspended
from forums.payloads import author_level, author_url
from forums.views.communities import community_for
from forums.views.private import private_space

LINKS_HELP = "One a line: a page of this site (for example /evidence/some-summary/) or a web address starting https://."


def _community(request, slug):
    """The community if this person may read it; a private one answers with the private page, others 404."""
    try:
        community = community_for(request, slug)
    except Http404:
        return None, private_space(request, Community.objects.filter(slug=slug).first())
    if not community.can_read(request.user):
        messages.info(request, f"Only members of {community.name} read its inquiries.")
        return None, redirect(community)
    return community, None


def _inquiry(request, slug, inquiry_slug):
    community, refused = _community(request, slug)
    if refused is not None:
        return None, refused
    inquiry = community.inquiries.filter(slug=inquiry_slug).select_related("community", "facilitator").first()
    if inquiry is None:
        raise Http404("No inquiry here.")
    return inquiry, None


def _posted(request, form_class):
    """A form's typed data; a refusal (a NUL character, an overlong field) raises DomainError and changes nothing."""
    form = form_class(request.POST)
    if not form.is_valid():
        raise form_error(form)
    return form.cleaned_data


def inquiry_list(request, slug):
    community, refused = _community(request, slug)
    if refused is not None:
        return refused
    return _render_list(request, community)


def _render_list(request, community, error=None, form=None):
    rows = community.inquiries.select_related("facilitator__profile").prefetch_related("cycles", "team")
    context = {
        "community": community,
        "inquiries": rows,
        "start_refusal": refusal(inquiries.check_can_start, community, request.user),
        "error": error,
        "form": form or {},
    }
    return render(request, "forums/inquiry_list.html", context, status=error.status if error else 200)


@require_POST
def start(request, slug):
    community, refused = _community(request, slug)
    if refused is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(community.get_absolute_url())
    form = {key: request.POST.get(key, "") for key in ("question", "why_it_matters")}
    try:
        data = _posted(request, InquiryForm)
        inquiry = inquiries.start_inquiry(community, request.user, data["question"], data["why_it_matters"])
    except DomainError as error:
        return _render_list(request, community, error, form)
    messages.success(request, "Your inquiry is started. Open its first cycle and invite the team.")
    return redirect(inquiry)


# --- one inquiry -------------------------------------------------------------------------------------------
@dataclass
class EntryView:
    entry: CycleEntry
    author_name: str
    author_level: str
    author_url: str
    can_edit: bool = False
    report: str = ""  # "report" (may report it), "reported" (did), or ""
    links: list = field(default_factory=list)
    moderating: bool = False  # its Moderate form was refused: shown open


@dataclass
class FormState:
    """What a refused form held: which form (`where`), its text, and the error."""

    error: DomainError
    where: str = ""
    data: dict = field(default_factory=dict)

    @property
    def field_id(self):
        fields = {"entry": "entry-body", "team": "team-username", "cycle": "cycle-focus"}
        wrong = self.error.fields or {}
        if self.where == "entry" and "kind" in wrong:
            return "entry-kind-plan"
        if self.where in ("entry", "edit") and "links" in wrong:
            return "entry-links"
        if self.where.startswith("moderate-"):
            return f"moderate-reason-{self.where.removeprefix('moderate-')}"
        return fields.get(self.where, "")


def inquiry_detail(request, slug, inquiry_slug):
    inquiry, refused = _inquiry(request, slug, inquiry_slug)
    if refused is not None:
        return refused
    return _render_inquiry(request, inquiry)


def _render_inquiry(request, inquiry, state=None):
    user = request.user
    cycles = list(inquiry.cycles.all())
    entries = list(with_profiles(CycleEntry.objects.filter(cycle__in=cycles), "author").prefetch_related("links__page"))
    reported = moderation.reported_entries(user, entries)
    suspended = is_suspended(user) if user.is_authenticated else False
    by_cycle = {cycle.pk: [] for cycle in cycles}
    for entry in inquiries.entries_in_order(entries):
        if entry.shown_to(user):
            view = _entry_view(entry, user, reported, suspended)
            view.moderating = bool(state and state.where == f"moderate-{entry.pk}")
            by_cycle[entry.cycle_id].append(view)
    for cycle in cycles:
        cycle.entry_views = by_cycle[cycle.pk]
    open_cycle = next((cycle for cycle in cycles if cycle.is_open), None)
    balance = inquiries.balance(inquiry)
    team = with_profiles(inquiry.team.all(), "user")
    context = {
        "community": inquiry.community,
        "inquiry": inquiry,
        "why_html": inquiries.render(inquiry.why_it_matters),
        "team": [
            {"member": m, "name": display_name(m.user), "level": author_level(m.user), "url": author_url(m.user)}
            for m in team
        ],
        "cycles": cycles,
        "open_cycle": open_cycle,
        "write_refusal": refusal(inquiries.check_can_write, open_cycle, user) if open_cycle else None,
        "can_facilitate": user.is_authenticated and inquiry.can_facilitate(user),
        "can_write_up": refusal(inquiries.check_can_write_up, inquiry, user) is None,
        "write_ups": inquiries.write_ups(inquiry, user),
        "can_moderate": inquiry.community.can_moderate(user),
        "kinds": CycleEntry.Kind.choices,
        "roles": TeamMember.Role.choices,
        "report_reasons": Flag.Reason.choices,
        "balance": balance,
        "chart_box": _chart(balance),
        "levels": inquiries.LEVELS,
        "state": state,
        "error": state.error if state else None,
        "markdown_help": MARKDOWN_HELP,
        "links_help": LINKS_HELP,
    }
    return render(request, "forums/inquiry_detail.html", context, status=state.error.status if state else 200)


CHART_LABEL_WIDTH = 80  # room for "Cycle 12" left of each bar, in the SVG's units
CHART_ROW = 36


def _chart(rows):
    """Where each cycle's bar sits in the balance chart: sets `y` and `bars` on the rows; returns the chart's size."""
    for index, row in enumerate(rows):
        row.y = 4 + index * CHART_ROW
        row.bars = [(level, label, n, x + CHART_LABEL_WIDTH, width) for level, label, n, x, width in row.segments]
    return {"width": CHART_LABEL_WIDTH + inquiries.CHART_WIDTH + 8, "height": 8 + len(rows) * CHART_ROW}


def _entry_view(entry, user, reported, suspended):
    view = EntryView(
        entry=entry,
        author_name=display_name(entry.author),
        author_level=author_level(entry.author),
        author_url=author_url(entry.author),
        can_edit=entry.can_edit(user),
        links=inquiries.shown_links(entry, user),
    )
    if entry.pk in reported:
        view.report = "reported"
    elif user.is_authenticated and not moderation.entry_report_refusal(
        entry, user, readable=True, reported=reported, suspended=suspended
    ):
        view.report = "report"
    return view


def _refused(request, inquiry, error, where, **data):
    return _render_inquiry(request, inquiry, FormState(error, where, data))


def _posted_inquiry(request, slug, inquiry_slug):
    """The inquiry a form posts to, or a response: sign in, the private page, or back to the community."""
    inquiry, refused = _inquiry(request, slug, inquiry_slug)
    if refused is None and not request.user.is_authenticated:
        refused = redirect_to_login(inquiry.get_absolute_url())
    return inquiry, refused


@require_POST
def write(request, slug, inquiry_slug, number):
    inquiry, refused = _posted_inquiry(request, slug, inquiry_slug)
    if refused is not None:
        return refused
    cycle = get_object_or_404(inquiry.cycles, number=number)
    data = {key: request.POST.get(key, "") for key in ("kind", "body", "links")}
    try:
        clean = _posted(request, EntryForm)
        entry = inquiries.write_entry(cycle, request.user, clean["kind"], clean["body"], clean["links"])
    except DomainError as error:
        return _refused(request, inquiry, error, "entry", **data)
    messages.success(request, f"Your {entry.get_kind_display().lower()} is added to cycle {cycle.number}.")
    return redirect(entry.get_absolute_url())


@require_POST
def add_member(request, slug, inquiry_slug):
    inquiry, refused = _posted_inquiry(request, slug, inquiry_slug)
    if refused is not None:
        return refused
    data = {key: request.POST.get(key, "") for key in ("username", "role")}
    try:
        clean = _posted(request, TeamForm)
        username = clean["username"].strip().lstrip("@")
        if not username:
            raise DomainError("empty", "Give the username of the member to add.")
        member = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
        if member is None:
            raise DomainError("invalid", f"No member has the username “{username}”.")
        place = inquiries.add_to_team(inquiry, member, request.user, clean["role"] or TeamMember.Role.MEMBER)
    except DomainError as error:
        return _refused(request, inquiry, error, "team", **data)
    messages.success(request, f"{display_name(place.user)} is on the team now, and has been told.")
    return redirect(f"{inquiry.get_absolute_url()}#team")


@require_POST
def open_cycle(request, slug, inquiry_slug):
    inquiry, refused = _posted_inquiry(request, slug, inquiry_slug)
    if refused is not None:
        return refused
    focus = request.POST.get("focus", "")
    try:
        cycle = inquiries.open_cycle(inquiry, request.user, _posted(request, CycleForm)["focus"])
    except DomainError as error:
        return _refused(request, inquiry, error, "cycle", focus=focus)
    messages.success(request, f"Cycle {cycle.number} is open: the team can write its plan.")
    return redirect(cycle.get_absolute_url())


@require_POST
def close_cycle(request, slug, inquiry_slug, number):
    inquiry, refused = _posted_inquiry(request, slug, inquiry_slug)
    if refused is not None:
        return refused
    cycle = get_object_or_404(inquiry.cycles, number=number)
    try:
        inquiries.close_cycle(cycle, request.user)
    except DomainError as error:
        return _refused(request, inquiry, error, "close")
    messages.success(request, f"Cycle {cycle.number} is closed.")
    return redirect(cycle.get_absolute_url())


@require_POST
def complete(request, slug, inquiry_slug):
    inquiry, refused = _posted_inquiry(request, slug, inquiry_slug)
    if refused is not None:
        return refused
    reopening = request.POST.get("action") == "reopen"
    try:
        (inquiries.reopen_inquiry if reopening else inquiries.complete_inquiry)(inquiry, request.user)
    except DomainError as error:
        return _refused(request, inquiry, error, "complete")
    if reopening:
        messages.success(request, "The inquiry is under way again: open its next cycle when the team is ready.")
    else:
        messages.success(request, "The inquiry is completed. Write it up as a case study so others can use it.")
    return redirect(inquiry)


# --- writing it up as a case study ----------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
def write_up(request, slug, inquiry_slug):
    """The guided case study form, prefilled from the inquiry; it becomes a draft in the editors' review,
    crediting the team and linking back here (casestudies.proposals.propose)."""
    inquiry, refused = _posted_inquiry(request, slug, inquiry_slug)
    if refused is not None:
        return refused
    error = refusal(inquiries.check_can_write_up, inquiry, request.user)
    if error is not None:
        messages.info(request, error.message)
        return redirect(inquiry)
    form = CaseStudyProposalForm(request.POST or None, initial=inquiries.write_up_initial(inquiry))
    team = inquiries.team_users(inquiry)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = propose(
                request.user,
                form.cleaned_data,
                contributors=team,
                origin=inquiry,
                origin_url=inquiry.get_absolute_url(),
                origin_title=inquiry.question,
            )
        except DomainError as refused_:
            error = refused_
        else:
            return redirect("casestudies:proposal_sent", proposal.pk)
    context = {
        "inquiry": inquiry,
        "community": inquiry.community,
        "form": form,
        "error": error,
        "team": [display_name(user) for user in team],
    }
    status = error.status if error else (400 if form.errors else 200)
    return render(request, "forums/inquiry_write_up.html", context, status=status)


# --- one entry: edit, report, hide and restore --------------------------------------------------------------------
def _entry(request, entry_id):
    entry = get_object_or_404(CycleEntry.objects.select_related("cycle__inquiry__community", "author"), pk=entry_id)
    if not entry.cycle.inquiry.can_read(request.user) or not entry.shown_to(request.user):
        raise Http404("No entry here.")  # the same answer as for one that does not exist
    return entry


@require_http_methods(["GET", "HEAD", "POST"])
def edit_entry(request, entry_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    entry = _entry(request, entry_id)
    data = {"body": entry.body_source, "links": inquiries.links_text(entry)}
    error = None
    if request.method == "POST":
        data = {key: request.POST.get(key, "") for key in ("body", "links")}
        try:
            clean = _posted(request, EntryForm)
            inquiries.edit_entry(entry, request.user, clean["body"], clean["links"])
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, "Your entry is saved.")
            return redirect(entry.get_absolute_url())
    elif not entry.can_edit(request.user):
        error = DomainError("forbidden", "You can edit your own entries for 30 minutes after writing them.")
    context = {
        "entry": entry,
        "inquiry": entry.cycle.inquiry,
        "community": entry.cycle.inquiry.community,
        "data": data,
        "error": error,
        "refused": error is not None and error.code == "forbidden",
        "markdown_help": MARKDOWN_HELP,
        "links_help": LINKS_HELP,
    }
    return render(request, "forums/inquiry_entry_edit.html", context, status=error.status if error else 200)


@require_POST
def report_entry(request, entry_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    entry = _entry(request, entry_id)
    try:
        data = _posted(request, ReportForm)
        moderation.report_entry(entry, request.user, data["reason"], data["note"])
    except DomainError as error:
        return _refused(request, entry.cycle.inquiry, error, f"report-{entry.pk}")
    messages.success(request, "Thank you: the moderators will look at this entry.")
    return redirect(entry.get_absolute_url())


MODERATION = {"hide": moderation.hide_entry, "restore": moderation.restore_entry}
DONE = {"hide": "The entry is hidden.", "restore": "The entry is restored."}


@require_POST
def moderate_entry(request, entry_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    entry = _entry(request, entry_id)
    action = request.POST.get("action", "")
    try:
        data = _posted(request, EntryModerationForm)
        if action not in MODERATION:
            raise DomainError("invalid", "Choose hide or restore.")
        MODERATION[action](entry, request.user, data["reason"])
    except DomainError as error:
        return _refused(request, entry.cycle.inquiry, error, f"moderate-{entry.pk}")
    messages.success(request, DONE[action])
    return redirect(entry.get_absolute_url())
