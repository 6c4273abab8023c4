"""What a room message may be, how it is stored, and how every client sees it.

A message is stored, then broadcast to the room once its transaction commits (`rooms.broadcast`),
whichever path created it. Within a room, ids commit in increasing order (the room's row is locked
while a message is stored), which is what lets a client resume from the highest id it has seen.
"""

from django.db import connections, router, transaction
from django.db.models import Max, OuterRef, Subquery, prefetch_related_objects

from cop_site.errors import DomainError
from forums import live, markdown, moderation, notifications
from forums.models.threads import display_name
from forums.moderation import record
from forums.ratelimit import RateLimited, hit
from rooms import access, broadcast
from rooms.errors import NotAllowed
from rooms.models import Room, RoomMessage

MAX_MESSAGE_LENGTH = 4000
MESSAGES_PER_WINDOW = 5
WINDOW_SECONDS = 5
HISTORY_PAGE = 50


def speaking_refusal(room, user):
    """Why this member may not speak in the room just now (a DomainError), or None: the room is closed, or
    the facilitator gives the floor and it is someone else's. The room page's composer says the same before
    anyone types; static/js/room.js keeps it true as the state and the floor change.
    """
    if room.state != Room.State.OPEN:
        return DomainError("room_closed", "The room is closed just now.")
    # Asked only under floor control: two queries a message the rest of the time would be for nothing.
    if room.floor_control and room.floor_user_id != user.pk and not access.is_facilitator(room, user):
        if room.floor_user_id is None:
            return DomainError(
                "not_your_turn", "No one has the floor yet: raise your hand and the facilitator will give it."
            )
        return DomainError("not_your_turn", "Someone else has the floor: raise your hand to speak next.")
    return None


def send_message(room, user, body, client_id, anonymous=False):
    """(message, created). A repeated client_id returns the original message, created=False."""
    result = send_messages([(room, user, body, client_id, anonymous)])[0]
    if isinstance(result, Exception):
        raise result
    return result


def send_messages(sends):
    """For each (room, user, body, client_id, anonymous): (message, created), or the DomainError refusing it.

    What one server process's connections sent at about the same time (rooms/crowd.py) is checked
    message by message as if alone (the same rules below, each room and its community read afresh
    once for the batch, the senders' standing read for them all at once: rooms/access.py `standings`),
    then stored in one transaction, the rooms locked in id order so that within each room ids commit
    in order. Each room's new messages are announced once that commits, together
    (`broadcast.announce_messages`); nothing is announced, or acknowledged, before.

    A resend (a client_id its author already used in the room) gets the stored message back. It is
    not looked for beforehand: a message is checked, then stored unless the room holds its client_id
    (`_insert`), and only one the insert passed over, or a check refused, has its original read.
    """
    results = [None] * len(sends)
    fresh = {}  # room id -> the room as it is now, None when it is gone
    for room, *_ in sends:
        if room.pk not in fresh:
            fresh[room.pk] = _read_now(room)
        _apply_now(room, fresh[room.pk])
    users = [user for _room, user, *_ in sends if user is not None and user.is_authenticated]
    prefetch_related_objects(list({user.pk: user for user in users}.values()), "profile")
    communities = {room.community_id: room.community for room, *_ in sends}
    standings = access.standings(users, communities.values(), roles=False)
    accepted, seen, refused = [], {}, {}
    for n, (room, user, body, client_id, anonymous) in enumerate(sends):
        try:
            if fresh[room.pk] is None:
                raise DomainError("invalid", "This room no longer exists.")
            standing = standings.get(user.pk) if user is not None and user.is_authenticated else user
            client_id = _allowed(room, user, standing, client_id)
        except DomainError as exc:
            results[n] = exc
            continue
        try:
            checked = _checked(room, user, body, anonymous)
        except DomainError as exc:  # unless it is a resend: the room closed, or a limit was hit, since the original
            results[n], refused[n] = exc, (room, user, client_id)
            continue
        if (key := (room.pk, user.pk, client_id)) in seen:  # twice in this batch: the first one
            accepted.append((n, None, seen[key]))
        else:
            seen[key] = n
            accepted.append((n, checked, (room, user, client_id, bool(anonymous), checked)))
    _store(accepted, results)
    passed_over = {n: item[:3] for n, body, item in accepted if body is not None and results[n] is None}
    originals = _sent_before({**refused, **passed_over}.values())
    for n, (room, user, client_id) in {**refused, **passed_over}.items():
        if (original := originals.get((room.pk, user.pk, client_id))) is not None:
            results[n] = (original, False)
    for n, body, first in accepted:
        if body is None:
            results[n] = (results[first][0], False)
    return results


def _allowed(room, user, standing, client_id):
    """The message's client_id once its sender may still be in the room, else DomainError (NotAllowed: gone)."""
    client_id = str(client_id or "").strip()
    if not _usable_client_id(client_id):
        raise DomainError("invalid", "Every message needs a client_id of at most 64 characters.")
    refusal = access.refusal(room, standing)  # signed out, suspended, or left a private community, since connecting
    if refusal is not None:
        raise NotAllowed(refusal)
    return client_id


def _checked(room, user, body, anonymous):
    """The message's Markdown source once it may be stored, else DomainError."""
    refused = speaking_refusal(room, user)
    if refused is not None:
        raise refused
    if anonymous and not room.allow_anonymous:
        raise DomainError("forbidden", "This room does not allow anonymous contributions.")
    if anonymous and room.floor_control:  # everyone sees who holds the floor: a nameless message would still be theirs
        raise DomainError(
            "forbidden",
            "While the facilitator gives the floor, everyone can see who is speaking, so messages carry a name. "
            "Anonymous contributions come back when the room speaks freely.",
        )
    if not isinstance(body, str) or not _storable(body):
        raise DomainError("invalid", "The message body must be text.")
    body = body.strip()
    if not body:
        raise DomainError("empty", "Write something before sending.")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise DomainError("too_long", f"Keep messages under {MAX_MESSAGE_LENGTH:,} characters.")
    try:
        hit(f"room:{user.pk}", MESSAGES_PER_WINDOW, WINDOW_SECONDS)
    except RateLimited as exc:
        raise DomainError("rate_limited", f"Slow down a little: try again in {exc.retry_after} seconds.") from exc
    return body


def _usable_client_id(client_id):
    return bool(client_id) and len(client_id) <= 64 and _storable(client_id)


def _sent_before(keys):
    """{(room id, author id, client_id): message} of these (room, author, client_id) already stored."""
    wanted = {}
    for room, user, client_id in keys:
        wanted.setdefault(room.pk, set()).add((user.pk, client_id))
    found = []  # their ids first, then only the messages found read whole
    for room_id, pairs in wanted.items():
        authors, client_ids = {a for a, _ in pairs}, {c for _, c in pairs}
        rows = RoomMessage.objects.filter(room_id=room_id, author__in=authors, client_id__in=client_ids)
        found += [pk for pk, *key in rows.values_list("pk", "author_id", "client_id") if tuple(key) in pairs]
    if not found:
        return {}
    messages = RoomMessage.objects.filter(pk__in=found).select_related("author__profile")
    return {(message.room_id, message.author_id, message.client_id): message for message in messages}


def _store(accepted, results):
    """Store the accepted messages in one transaction, each room locked in turn; announce them on commit.

    A message whose client_id the room already holds (sent twice at once, from two processes) is
    passed over: its result stays None, and the caller reads the original.
    """
    new = [(n, item) for n, body, item in accepted if body is not None]
    if not new:
        return
    rendered = {n: markdown.render(item[4]) for n, item in new}
    by_room = {}
    with transaction.atomic():
        for room_id in sorted({item[0].pk for _n, item in new}):
            live.commit_in_order(f"room:{room_id}")  # so "everything after id N" in each room is exact
        for n, (room, user, client_id, anonymous, body) in new:
            message = RoomMessage(
                room=room,
                author=user,
                anonymous=anonymous,
                client_id=client_id,
                body_source=body,
                body_html=rendered[n],
            )
            if _insert(message):
                by_room.setdefault(room.pk, []).append((n, message))
        for room_id, stored in by_room.items():
            broadcast.announce_messages(room_id, [(message_payload(m), m.previous_id) for _n, m in stored])
    for stored in by_room.values():
        for n, message in stored:
            results[n] = (message, True)


# The columns a new message is stored with, and the statement that stores it: written once per
# database vendor, then run as it is. Building the ORM's INSERT, and then a second query for the id
# before it, cost a lone message more CPU than the database spent on them.
_INSERTED = ["room", "author", "anonymous", "body_source", "body_html", "client_id", "created", "removed"]
_INSERTS = {}


def _insert_sql(connection):
    if connection.vendor not in _INSERTS:
        quote, meta = connection.ops.quote_name, RoomMessage._meta
        table, pk, room = quote(meta.db_table), quote(meta.pk.column), quote(meta.get_field("room").column)
        columns = ", ".join(quote(meta.get_field(name).column) for name in _INSERTED)
        values = ", ".join(["%s"] * len(_INSERTED))
        earlier = f"p.{room} = {table}.{room} AND p.{pk} < {table}.{pk}"
        before = f"SELECT COALESCE(MAX(p.{pk}), 0) FROM {table} p WHERE {earlier}"  # noqa: S608 (names from the model)
        _INSERTS[connection.vendor] = (
            f"INSERT INTO {table} ({columns}) VALUES ({values}) "  # noqa: S608 (names from the model, values as parameters)
            f"ON CONFLICT DO NOTHING RETURNING {pk}, ({before})"
        )
    return _INSERTS[connection.vendor]


def _insert(message):
    """Store a new message in one statement that also gives the id of the room's message before it
    (`previous_id`, 0 for the first; removed ones count). False, and nothing stored, when the room
    already holds its author's client_id: the unique constraint `one_message_per_client_id`.

    Called under the room's lock (`live.commit_in_order`), so no earlier id of the room can still commit.
    """
    alias = router.db_for_write(RoomMessage)
    connection = connections[alias]
    fields = [RoomMessage._meta.get_field(name) for name in _INSERTED]
    values = [field.get_db_prep_save(getattr(message, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(connection), values)
        rows = cursor.fetchall()
    if not rows:
        return False
    (message.pk, message.previous_id), message._state.adding, message._state.db = rows[0], False, alias
    return True


ROOM_NOW = ["state", "floor_control", "floor_user_id", "allow_anonymous"]


_ROOM_READS = {}  # database vendor -> the statement `_read_now` runs, written once as `_insert_sql` is


def _read_now(room):
    """The room's state, floor and its community's visibility as they are now, in one query (None: it is gone)."""
    connection = connections[router.db_for_read(Room)]
    if connection.vendor not in _ROOM_READS:
        quote, meta = connection.ops.quote_name, Room._meta
        community = meta.get_field("community")
        columns = ", ".join(f"r.{quote(meta.get_field(name).column)}" for name in ROOM_NOW)
        visibility = quote(community.related_model._meta.get_field("visibility").column)
        joined = f"{quote(community.related_model._meta.db_table)} c ON c.{quote(community.target_field.column)}"
        _ROOM_READS[connection.vendor] = (
            f"SELECT {columns}, c.{visibility} FROM {quote(meta.db_table)} r "  # noqa: S608 (names from the models)
            f"INNER JOIN {joined} = r.{quote(community.column)} WHERE r.{quote(meta.pk.column)} = %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(_ROOM_READS[connection.vendor], [room.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    now = dict(zip([*ROOM_NOW, "community__visibility"], row, strict=True))
    now["floor_control"], now["allow_anonymous"] = bool(now["floor_control"]), bool(now["allow_anonymous"])
    return now


def _apply_now(room, now):
    """Another process may have closed the room, or made its community private: this copy says so now."""
    if now is None:
        return
    for name in ROOM_NOW:
        setattr(room, name, now[name])
    room.community.visibility = now["community__visibility"]


def last_message_id(room):
    """The highest message id of the room (0 when it has none), removed ones included."""
    return RoomMessage.objects.filter(room=room).aggregate(last=Max("pk"))["last"] or 0


def last_message_ids(room_ids):
    """{room id: its highest message id (0 when it has none)} for several rooms in one query, removed ones included."""
    newest = RoomMessage.objects.filter(room=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    rooms = Room.objects.filter(pk__in=room_ids).annotate(last=Subquery(newest))
    return {pk: last or 0 for pk, last in rooms.values_list("pk", "last")}


def _storable(text):
    """Text every database keeps as written: no NUL (PostgreSQL refuses it), no lone surrogates (JSON allows them)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def member_payload(user):
    """A person as every client sees them."""
    return {"id": user.pk, "name": display_name(user), "level": member_level(user)}


def member_level(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "level", "") if profile else ""


def message_payload(message):
    """A message as every client sees it: no name (and no id) for anonymous contributions; a deleted
    account's messages stay, by "former member" (no id)."""
    author = message.author
    if message.anonymous:
        shown = None
    elif author is None:
        shown = {"id": None, "name": display_name(None), "level": ""}
    else:
        shown = member_payload(author)
    return {
        "id": message.pk,
        "author": shown,
        "body_html": "" if message.removed else message.body_html,
        "created": message.created.isoformat(),
        "client_id": message.client_id,
    }


def history(room, after=None, before=None, limit=HISTORY_PAGE):
    """(messages, has_more): everything after `after` (bounded), or the `limit` before `before`/latest."""
    messages = RoomMessage.objects.filter(room=room, removed=False).select_related("author__profile")
    if after is not None:
        page = list(messages.filter(pk__gt=after).order_by("pk")[: limit * 10 + 1])
        return page[: limit * 10], len(page) > limit * 10
    if before is not None:
        messages = messages.filter(pk__lt=before)
    page = list(messages.order_by("-pk")[: limit + 1])
    return list(reversed(page[:limit])), len(page) > limit


def message_ids_after(room, after, limit=HISTORY_PAGE * 10):
    """(id, created) of the room's messages after `after`, oldest first: what a connection checks it sent."""
    messages = RoomMessage.objects.filter(room=room, removed=False, pk__gt=after).order_by("pk")
    return list(messages.values_list("pk", "created")[:limit])


def messages_with_ids(room, ids):
    return list(
        RoomMessage.objects.filter(room=room, removed=False, pk__in=ids)
        .select_related("author__profile")
        .order_by("pk")
    )


def moderate(room, user, action, message_id):
    if not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only facilitators and moderators remove messages.")
    if action not in ("remove", "restore"):
        raise DomainError("invalid", "The action is remove or restore.")
    message = RoomMessage.objects.filter(room=room, pk=message_id).first()
    if message is None:
        raise DomainError("invalid", "There is no such message in this room.")
    message.removed = action == "remove"
    message.save(update_fields=["removed"])
    if message.removed:
        broadcast.announce(room.pk, {"type": "removed", "message_id": message.pk})
    else:
        broadcast.announce(room.pk, {"type": "message", "message": message_payload(message)})
    record(
        user,
        "remove_message" if action == "remove" else "restore_message",
        message,
        f"in room {room.slug}",
        community=room.community,
    )
    return message


MAX_REVEAL_REASON = 500


def reveal_author(room, user, message_id, reason):
    """Who wrote an anonymous message: the community's moderators only, for a reason they give.

    Every look is written to the moderation log (who, when, why, which message), and the author is
    told that a moderator looked (not which one). Facilitators run rooms but cannot unmask anyone.
    """
    if not access.is_moderator(room, user):
        raise DomainError("forbidden", "Only moderators can see who wrote an anonymous message.")
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason or not _storable(reason):
        raise DomainError("invalid", "Say why you need to know who wrote it: the reason is kept in the moderation log.")
    if len(reason) > MAX_REVEAL_REASON:
        raise DomainError("too_long", f"Keep the reason within {MAX_REVEAL_REASON} characters.")
    message = RoomMessage.objects.select_related("author__profile").filter(room=room, pk=message_id).first()
    if message is None:
        raise DomainError("invalid", "There is no such message in this room.")
    if not message.anonymous:
        raise DomainError("invalid", "That message is not anonymous: its author is shown beside it.")
    record(
        user,
        "identity_lookup",
        message,
        f"message {message.pk} in room {room.slug}: {reason}",
        community=room.community,
    )
    if message.author is not None:
        notifications.handle(
            "moderation",
            recipient=message.author,
            text=f"A moderator looked up who wrote your anonymous message in {room.title}, and recorded why.",
            url=room.get_absolute_url(),
        )
    return message.author


def report(room, user, message_id, reason, note=""):
    """A member reports a room message to its community's moderators (forums.moderation.report_message: the rule).

    As with posts, reports from FLAGS_TO_HIDE different members take the message out of the room
    until a moderator looks (they restore it from the room); its author is told why.
    """
    message = RoomMessage.objects.filter(room=room, pk=message_id).first()
    if message is None:
        raise DomainError("invalid", "There is no such message in this room.")
    with transaction.atomic():
        reported = moderation.report_message(
            message,
            user,
            reason,
            note,
            community=room.community,
            in_room=access.refusal(room, user) is None,
            url=f"{room.get_absolute_url()}#message-{message.pk}",
        )
        if not message.removed and moderation.message_reporters(message) >= moderation.FLAGS_TO_HIDE:
            _hide_by_reports(room, message)
    return reported


def _hide_by_reports(room, message):
    message.removed = True
    message.save(update_fields=["removed"])
    broadcast.announce(room.pk, {"type": "removed", "message_id": message.pk})
    why = f"Taken out of the room after {moderation.FLAGS_TO_HIDE} members reported it, until a moderator looks at it."
    record(None, "auto_hide", message, why, community=room.community)
    if message.author is not None:
        notifications.handle(
            "moderation",
            recipient=message.author,
            text=f"Your message in {room.title} was taken out of the room: {moderation.FLAGS_TO_HIDE} members "
            "reported it. A moderator will look at it and can put it back.",
            url=room.get_absolute_url(),
        )


def report_states(room, user, messages):
    """{message id: "report" (may report it), "reported" (did), or None} for one person and a page of messages."""
    if user is None or not user.is_authenticated:
        return {}
    in_room = access.refusal(room, user) is None
    reported = moderation.reported_messages(user, messages)
    suspended = moderation.is_suspended(user)
    states = {}
    for message in messages:
        if message.pk in reported:
            states[message.pk] = "reported"
        elif (
            moderation.message_report_refusal(message, user, in_room=in_room, reported=reported, suspended=suspended)
            is None
        ):
            states[message.pk] = "report"
    return states
