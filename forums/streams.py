"""Who may watch a live stream, and what a returning viewer missed: the rules the consumers ask about.

Consumers only translate the WebSocket protocol; everything they need to decide lives here, as
plain synchronous functions (they call them through `database_sync_to_async`).

Refusals use the close codes of docs/protocols.md, following the access rule of the page the stream
belongs to (`Thread.can_read`): 4404 when there is no such thread (or its page is not published),
4401 when a visitor is refused but signing in could help (a login- or group-restricted page, a
restricted or private community), 4403 otherwise (a signed-in non-member, a password-protected page).
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model, load_backend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string
from wagtail.models import PageViewRestriction

from cop_site.compiled import Compiled
from forums import live
from forums.models import Community, Post, Thread

NOT_SIGNED_IN = 4401
NOT_ALLOWED = 4403
NOT_FOUND = 4404
MAX_EVENT_ID = 2**63 - 1  # the largest id a database column holds; anything bigger names nothing


class InvalidAfter(ValueError):
    """`?after=` was given but is not an event id."""


def parse_after(value):
    """The event id in `?after=`: None when absent, an int when valid; InvalidAfter otherwise."""
    if value is None:
        return None
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 19 or int(value) > MAX_EVENT_ID:
        raise InvalidAfter("after must be the id of the last event you saw (a whole number).")
    return int(value)


# --- who may watch --------------------------------------------------------------------------------
def current_user(session_key):
    """The person signed in to this session now: anonymous once they sign out, change password or are deactivated.

    A WebSocket lives for hours; the user Channels resolved at connect time may no longer be who the
    session belongs to, so long-lived checks read the session afresh (as Django's `get_user` would).
    """
    if not session_key:
        return AnonymousUser()
    session = import_string(settings.SESSION_ENGINE + ".SessionStore")(session_key)
    try:
        user_id, backend_path = session[SESSION_KEY], session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return AnonymousUser()
    try:
        user = load_backend(backend_path).get_user(user_id)
    except (ValueError, ValidationError):  # a value in the session that is not a user id
        return AnonymousUser()
    if user is None or not constant_time_compare(session.get(HASH_SESSION_KEY) or "", user.get_session_auth_hash()):
        return AnonymousUser()
    return user


def current_users(session_keys):
    """{session key: the person signed in to it now} for many sessions, decided as `current_user` decides for one.

    Live rooms check every message's sender, and every connection's member once a minute, against
    their session as it is now; a process's connections that do so together read their sessions
    in one query and their accounts, with their profiles (what a message shows of its author), in
    another, instead of two queries each. Sessions kept elsewhere than the database are read by
    `current_user`.
    """
    keys = {key for key in session_keys if key}
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    if not keys or not hasattr(store, "get_model_class"):  # none, or not a database session engine
        return {key: current_user(key) for key in keys}
    rows = _live_sessions(store.get_model_class()).all(sorted(keys), timezone.now())
    sessions = {key: store(key).decode(data) for key, data in rows}
    wanted = set()
    for session in sessions.values():
        if isinstance(_backend(session.get(BACKEND_SESSION_KEY)), ModelBackend):
            wanted.add(_user_id(session.get(SESSION_KEY)))
    wanted.discard(None)
    accounts = {user.pk: user for user in _ACCOUNTS.all(sorted(wanted))} if wanted else {}
    found = {}
    for key in keys:
        session = sessions.get(key, {})
        backend = _backend(session.get(BACKEND_SESSION_KEY))
        if backend is None or SESSION_KEY not in session:
            found[key] = AnonymousUser()
            continue
        if isinstance(backend, ModelBackend):  # its get_user, with the account read for the lot
            user = accounts.get(_user_id(session[SESSION_KEY]))
            user = user if user is not None and backend.user_can_authenticate(user) else None
        else:
            try:
                user = backend.get_user(session[SESSION_KEY])
            except (ValueError, ValidationError):
                user = None
        hashed = session.get(HASH_SESSION_KEY) or ""
        valid = user is not None and constant_time_compare(hashed, user.get_session_auth_hash())
        found[key] = user if valid else AnonymousUser()
    return found


# A live room reads its message senders' sessions and accounts for every message: the two statements
# are compiled once (cop_site/compiled.py).
_ACCOUNTS = Compiled(lambda ids: get_user_model()._default_manager.select_related("profile").filter(pk__in=ids))
_SESSIONS = {}  # session model -> Compiled


def _live_sessions(model):
    if model not in _SESSIONS:
        _SESSIONS[model] = Compiled(
            lambda keys, now: model.objects.filter(session_key__in=keys, expire_date__gt=now).values_list(
                "session_key", "session_data"
            )
        )
    return _SESSIONS[model]


def _backend(path):
    """The authentication backend a session names, or None when it is none of this site's."""
    return load_backend(path) if path in settings.AUTHENTICATION_BACKENDS else None


def _user_id(value):
    try:
        return get_user_model()._meta.pk.to_python(value)
    except (ValueError, ValidationError):
        return None


def find_thread(thread_id):
    if not 0 < thread_id <= MAX_EVENT_ID:  # a URL can hold a number no database id column can
        return None
    return Thread.objects.select_related("community", "page").filter(pk=thread_id).first()


def thread_refusal(thread, user):
    """None when `user` may watch `thread`, else the close code that tells them why not."""
    if thread is None or (thread.page_id and not thread.page.live):
        return NOT_FOUND
    if thread.can_read(user):
        return None
    if not user.is_authenticated and _signing_in_could_help(thread):
        return NOT_SIGNED_IN
    return NOT_ALLOWED


def _signing_in_could_help(thread):
    if thread.community_id:
        return thread.community.visibility != Community.Visibility.OPEN
    restrictions = thread.page.get_view_restrictions()
    return all(r.restriction_type != PageViewRestriction.PASSWORD for r in restrictions)


def viewer(scope):
    """Who is behind a connection now: read from its session afresh, or the scope's user when it has no session."""
    session_key = _session_key(scope)
    if session_key:
        return current_user(session_key)
    return scope.get("user") or AnonymousUser()


def viewers(scopes):
    """`viewer` for many connections at once: their sessions and accounts read together (`current_users`)."""
    keys = [_session_key(scope) for scope in scopes]
    current = current_users(keys)
    return [
        current[key] if key else scope.get("user") or AnonymousUser() for scope, key in zip(scopes, keys, strict=True)
    ]


def _session_key(scope):
    session = scope.get("session")
    return getattr(session, "session_key", None) if session is not None else None


def viewer_id(scope):
    """The id of the signed-in member behind a connection now, or None for a visitor."""
    user = viewer(scope)
    return user.pk if user.is_authenticated else None


def check_thread(thread_id, scope):
    """(stream, None) when the person behind `scope` may watch thread `thread_id` now, else (None, close code)."""
    thread = find_thread(thread_id)
    refusal = thread_refusal(thread, viewer(scope))
    return (None, refusal) if refusal else (thread.stream, None)


# --- what a returning viewer missed -----------------------------------------------------------------
def thread_replay(stream, after, limit=None):
    """The frames after `after` as `live.replay` gives them, each post shown as it is now.

    A post frame recorded before moderation hid the post (or before its author removed it) still
    holds the text; a viewer who was away when it was hidden must not receive it, so post frames
    are replayed with the text only while the post is still visible.
    """
    frames, complete = live.replay(stream, after, live.REPLAY_LIMIT if limit is None else limit)
    post_ids = {frame["post"]["id"] for frame in frames if isinstance(frame.get("post"), dict)}
    visible = set(Post.objects.filter(pk__in=post_ids, status=Post.Status.VISIBLE).values_list("pk", flat=True))
    statuses = dict(Post.objects.filter(pk__in=post_ids - visible).values_list("pk", "status"))
    for frame in frames:
        post = frame.get("post")
        if isinstance(post, dict) and post["id"] not in visible:
            frame["post"] = {**post, "body_html": "", "status": statuses.get(post["id"], Post.Status.REMOVED)}
    return frames, complete
