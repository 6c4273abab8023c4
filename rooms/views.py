"""Live room pages: thin HTTP adapters over the room actions in rooms/.

The room page renders what the WebSocket (`/ws/rooms/<slug>/`, rooms/consumers.py) will keep
live: the latest messages, so the page reads without JavaScript, and the facilitator's tools. Who
may enter is `room_access.refusal`, the same rule the consumer closes with: a private community's rooms
say only that they are private to everyone else (forums/views/private.py), visitors are asked to sign
in, suspended members are told why.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cop_site.errors import DomainError
from cop_site.redirects import local_next
from forums import inquiries
from forums.models import Flag
from forums.moderation import active_suspension
from forums.services import MAX_POST_LENGTH
from forums.views.private import private_space
from rooms import access as room_access
from rooms import ical, retention, schedule
from rooms import messages as room_messages
from rooms import sessions as room_sessions
from rooms.forms import SessionForm
from rooms.models import Room, RoomMessage, RoomSession, SessionReminder
from rooms.sessions import LEVEL_LABELS

# The summary thread is one post: the key points and actions, and room besides for who spoke and the transcript link.
SUMMARY_TEXT_LENGTH = MAX_POST_LENGTH - 1_000


def _room(request, slug):
    """The room if this person may see its community at all; the 404 of a missing slug otherwise."""
    room = Room.objects.select_related("community", "floor_user").filter(slug=slug).first()
    if room is None or not room.community.can_see(request.user):
        raise Http404("No room here.")
    return room


def room_detail(request, slug):
    try:
        room = _room(request, slug)
    except Http404:  # a private community's room says the space is private, naming nothing of it
        room = Room.objects.select_related("community").filter(slug=slug).first()
        return private_space(request, room and room.community)
    return _render_room(request, room)


def _render_room(request, room, error=None, form=None, status=200, error_field="key-points", session_form=None):
    user = request.user
    refusal = room_access.refusal(room, user)
    upcoming = list(schedule.upcoming(user).filter(room=room))
    reminders = {}
    if user.is_authenticated and upcoming:
        found = SessionReminder.objects.filter(member=user, session__in=upcoming)
        reminders = {reminder.session_id: reminder for reminder in found}
    for session in upcoming:
        session.my_reminder = reminders.get(session.pk)
    context = {
        "room": room,
        "community": room.community,
        "refusal": refusal,
        "can_read": room.community.can_read(user),
        "error": error,
        "error_field": error_field,
        "form": form or {},
        "summary_text_length": SUMMARY_TEXT_LENGTH,
        "sessions": room.sessions.select_related("thread").order_by("-created")[:10],
        "upcoming": upcoming,
        "remind_choices": SessionReminder.Before.choices,
        "default_remind_before": SessionReminder.Before.HOUR,
    }
    if refusal == 4403:
        context["suspension"] = active_suspension(user)
    if refusal is None:
        latest, has_more = room_messages.history(room)
        facilitator = room_access.is_facilitator(room, user)
        reports = room_messages.report_states(room, user, latest)
        context.update(
            room_messages=[{**message_row(message), "report": reports.get(message.pk)} for message in latest],
            may_report=user.is_authenticated and not active_suspension(user),
            report_reasons=Flag.Reason.choices,
            has_more=has_more,
            last_id=latest[-1].pk if latest else 0,
            facilitator=facilitator,
            inquiry_cycles=inquiries.cycles_open_to(room.community, user) if facilitator else [],
            moderator=room_access.is_moderator(room, user),
            level_labels=LEVEL_LABELS,
            composer_refusal=_composer_refusal(room, user, context["sessions"], latest),
        )
        if facilitator:
            context["participation"] = room_sessions.participation_figures(room)
            context["session_form"] = session_form or SessionForm(room)
    return render(request, "rooms/room.html", context, status=status)


def _composer_refusal(room, user, sessions, latest):
    """What the composer says when this member cannot speak just now (rooms/messages.py `speaking_refusal`),
    so a late arrival learns a room is closed before typing; after a session ended, it says when.
    """
    refused = room_messages.speaking_refusal(room, user)
    if refused is None:
        return ""
    ended = sessions[0] if sessions else None
    said_since = ended is not None and latest and (ended.last_message_id or 0) < latest[-1].pk
    if refused.code == "room_closed" and ended is not None and not said_since:
        when = timezone.localtime(ended.created)
        ended_at = f"{when:%-d %B %Y} at {when:%H:%M}"
        return f"The session ended on {ended_at}: the room is closed until a facilitator opens it."
    return refused.message


@require_http_methods(["GET", "HEAD", "POST"])
def end_session(request, slug):
    """The facilitator's summary: close the room, post the summary thread, and go to it.

    A refused summary is shown on the room page at this address; asking for the address again
    (reloading it, following it from the history) leads back to the room.
    """
    room = _room(request, slug)
    if request.method != "POST" or room_access.refusal(room, request.user) is not None:
        return redirect(room)
    form = {key: request.POST.get(key, "") for key in ("key_points", "actions", "cycle")}
    if room_access.is_facilitator(
        room, request.user
    ):  # anyone else is refused by room_sessions.end_session, whatever they wrote
        problem = _summary_problem(form)
        if problem:
            failure, field_id, form = problem
            return _render_room(request, room, failure, form, status=400, error_field=field_id)
    try:
        cycle = _chosen_cycle(room, request.user, request.POST.get("cycle", ""))
        session = room_sessions.end_session(room, request.user, form["key_points"], form["actions"], cycle)
    except DomainError as error:  # refused by the room, or posting the summary thread was (say, rate limited)
        return _render_room(request, room, error, form, status=error.status)
    if session.cycle_id:
        messages.success(
            request,
            f"The session is ended, its summary is posted in the community and added to cycle {session.cycle.number}.",
        )
        return redirect(session.thread.get_absolute_url() if session.thread else room.get_absolute_url())
    messages.success(request, "The session is ended and its summary is posted in the community.")
    return redirect(session.thread.get_absolute_url() if session.thread else room.get_absolute_url())


def _chosen_cycle(room, user, value):
    """The inquiry cycle the facilitator chose to add the summary to (one offered to them), or None for none."""
    if not value:
        return None
    cycle = next((c for c in inquiries.cycles_open_to(room.community, user) if str(c.pk) == value), None)
    if cycle is None:
        raise DomainError("invalid", "That inquiry cycle is not open to you: choose another, or none.")
    return cycle


def _summary_problem(form):
    """(error, field id, the form to show again) when the summary cannot be posted as written, else None."""
    for name, field_id in (("key_points", "key-points"), ("actions", "actions")):
        if "\x00" in form[name]:  # PostgreSQL cannot store a NUL: show the text again without it
            cleaned = {key: value.replace("\x00", "") for key, value in form.items()}
            message = (
                "The text held characters that cannot be kept (NUL): they are taken out below. Check it and send again."
            )
            return DomainError("invalid", message), field_id, cleaned
    written = len(form["key_points"].strip()) + len(form["actions"].strip())
    if written > SUMMARY_TEXT_LENGTH:
        message = f"Keep the key points and actions under {SUMMARY_TEXT_LENGTH:,} characters together "
        message += f"(these are {written:,})."
        return DomainError("too_long", message), "key-points", form
    return None


def transcript(request, slug, session_id):
    """Every message of one session; anonymous contributions without a name, removed ones as a note."""
    room = _room(request, slug)
    session = RoomSession.objects.filter(room=room, pk=session_id).select_related("thread", "facilitator").first()
    if session is None:
        raise Http404("No such session.")
    if not room.community.can_read(request.user):
        messages.info(request, f"Only members of {room.community.name} read its room transcripts.")
        return redirect(room.community)
    lines = _session_messages(session)
    context = {"room": room, "community": room.community, "session": session, "lines": lines}
    context["moderator"] = room_access.is_moderator(room, request.user)
    context.update(pruned=retention.transcript_was_pruned(session, lines), retention_days=retention.retention_days())
    return render(request, "rooms/transcript.html", context)


@require_http_methods(["POST"])
def reveal(request, slug, message_id):
    """A moderator's look at who wrote an anonymous message, for the reason they give (rooms/messages.py).

    The answer is shown to them alone, back on the page they asked from; without a reason, or to
    anyone but the community's moderators, nothing is shown and nothing is logged.
    """
    room = _room(request, slug)
    back = local_next(request, request.POST.get("next"), room.get_absolute_url())
    try:
        if room_access.refusal(room, request.user) is not None:
            raise DomainError("forbidden", "Only moderators can see who wrote an anonymous message.")
        author = room_messages.reveal_author(room, request.user, message_id, request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(f"{back}#message-{message_id}")
    if author is None:
        messages.info(request, "The member who wrote that message has deleted their account.")
    else:
        member = room_messages.member_payload(author)
        level = LEVEL_LABELS.get(member["level"], "")
        written_by = f"{member['name']} ({level})" if level else member["name"]
        messages.success(
            request, f"The anonymous message was written by {written_by}. Your look is in the moderation log."
        )
    return redirect(f"{back}#message-{message_id}")


@require_http_methods(["POST"])
def report(request, slug, message_id):
    """A member reports a room message (the Report under it); back to the message, told what happened."""
    room = _room(request, slug)
    try:
        room_messages.report(
            room, request.user, message_id, request.POST.get("reason", ""), request.POST.get("note", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Thank you: the community’s moderators will look at this message.")
    return redirect(f"{room.get_absolute_url()}#message-{message_id}")


@require_http_methods(["POST"])
def restore_message(request, slug, message_id):
    """A facilitator or moderator puts a message back in the room (one that was removed, or taken out by reports)."""
    room = _room(request, slug)
    back = local_next(request, request.POST.get("next"), room.get_absolute_url())
    try:
        if room_access.refusal(room, request.user) is not None:
            raise DomainError("forbidden", "Only facilitators and moderators remove messages.")
        room_messages.moderate(room, request.user, "restore", message_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The message is back in the room.")
    return redirect(back)


def _session_messages(session):
    """The session's messages: from its first to its last (end_session sets both), removed ones included."""
    if session.first_message_id is None or session.last_message_id is None:
        return []
    found = RoomMessage.objects.filter(
        room_id=session.room_id, pk__gte=session.first_message_id, pk__lte=session.last_message_id
    )
    return [message_row(message) for message in found.select_related("author__profile").order_by("pk")]


def message_row(message):
    """A message as the protocol shows it, with what a template needs besides: a datetime, words for the level."""
    row = room_messages.message_payload(message)
    row["created_at"] = message.created
    row["removed"] = message.removed
    row["anonymous"] = message.anonymous
    if row["author"] and row["author"]["id"] is not None:  # not anonymous, not a former member
        row["author"]["level_label"] = LEVEL_LABELS.get(row["author"]["level"], "")
    return row


# --- scheduled sessions (rooms/schedule.py) ---------------------------------------------------------
def _session(request, room, session_id):
    try:
        return schedule.find(room, session_id, request.user)
    except DomainError as error:
        raise Http404(error.message) from error


@require_http_methods(["POST"])
def schedule_session(request, slug):
    """A facilitator's new session; a form that needs fixing comes back on the room page with what to fix."""
    room = _room(request, slug)
    form = SessionForm(room, request.POST)
    try:
        if room_access.refusal(room, request.user) is not None or not room_access.is_facilitator(room, request.user):
            raise DomainError("forbidden", "Only the room's facilitators schedule its sessions.")
        if not form.is_valid():
            return _render_room(request, room, session_form=form, status=400)
        session = schedule.schedule_session(room, request.user, **form.values())
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(room)
    messages.success(request, f"The session “{session.topic}” is scheduled.")
    return redirect(session.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
def edit_session(request, slug, session_id):
    room = _room(request, slug)
    session = _session(request, room, session_id)
    if room_access.refusal(room, request.user) is not None or not room_access.is_facilitator(room, request.user):
        raise Http404("No such session to edit.")
    initial = {
        "topic": session.topic,
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
        "facilitator": session.facilitator_id,
    }
    form = SessionForm(room, request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            schedule.edit_session(session, request.user, **form.values())
        except DomainError as error:
            for name, message in (error.fields or {}).items():
                form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, f"The session “{session.topic}” is changed.")
            return redirect(session.get_absolute_url())
    status = 400 if form.is_bound else 200
    context = {"room": room, "community": room.community, "session": session, "form": form}
    return render(request, "rooms/edit_session.html", context, status=status)


@require_http_methods(["POST"])
def cancel_session(request, slug, session_id):
    room = _room(request, slug)
    session = _session(request, room, session_id)
    try:
        schedule.cancel_session(session, request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(room)
    messages.success(request, f"The session “{session.topic}” is cancelled.")
    return redirect(f"{room.get_absolute_url()}#upcoming-heading")


@require_http_methods(["GET", "HEAD"])
def session_calendar(request, slug, session_id):
    """The session as an .ics file for the member's calendar; a 404 to whoever may not see it."""
    room = _room(request, slug)
    session = _session(request, room, session_id)
    response = HttpResponse(
        ical.session_calendar(session, request=request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{room.slug}-session-{session.pk}.ics"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_http_methods(["POST"])
def remind(request, slug, session_id):
    """Ask for a reminder before a session, change when, or stop it ("remind_before" empty or "off")."""
    room = _room(request, slug)
    session = _session(request, room, session_id)
    back = redirect(session.get_absolute_url())
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={room.get_absolute_url()}")
    choice = request.POST.get("remind_before", "")
    if choice in ("", "off"):
        schedule.clear_reminder(session, request.user)
        messages.success(request, f"You will not be reminded of “{session.topic}”.")
        return back
    try:
        reminder = schedule.set_reminder(session, request.user, int(choice) if choice.isdigit() else -1)
    except DomainError as error:
        messages.error(request, error.message)
        return back
    messages.success(
        request,
        f"We will remind you of “{session.topic}” {reminder.get_remind_before_display().lower()}, "
        "here and by email if your email preferences allow.",
    )
    return back
