"""The shared part of a page, rendered once per generation and audience and kept in the default cache.

Most of a page is the same for many people: a case study's sections, its evidence and related
content are the same for every member who may see the same pages. Rendering them is most of what a
page costs, so a `Fragment` names that part and is kept in Django's `default` cache (locmem in the
embedded profile, Redis when REDIS_URL is set), while what is the member's own (saved, progress,
forms with their CSRF token, their own comments' controls, the header) is rendered around it.

A fragment's key is made of:

- its **name** and **parts**: what is rendered (the template's block, the page's id and revision);
- its **scopes**' generations: each scope is a random token in the cache that `bump(scope)` replaces
  when something it covers changes, so everything rendered under the old token is stale at once
  (a token rather than a counter, so an evicted scope can never come back to an old value);
- its **audience**: a digest of what the viewer may see, made by the visibility rules themselves
  (`learning.visibility.audience(user)` for pages, `forums.visibility.audience(user)` for
  communities and threads). Two people share a fragment only when the rule gives them the same
  facts, so a fragment never shows anyone what their rule would hide;
- the active **language**, and the **code version** (a digest of the project's templates and Python
  files, worked out once per process) so a deploy never serves what older code rendered.

Scopes:

- `CONTENT`: the site's content, bumped on every publish, unpublish, move or deletion of a page, a
  change to a view restriction, the taxonomy, a site, a setting, an image or a document (the same
  events that stale the anonymous page cache, cop_site/page_cache.py);
- `scope("thread", id)`, the stream name of forums/live.py: bumped by every live event of a thread
  (a post, a comment, an edit, a removal, a hidden or restored post);
- `member_scope(user id)`: what every page shows about one member (the header's name, unread count,
  moderation and admin links: forums/header.py), bumped by whatever changes one of those;
- `member_acts(id)`: one member's own acts that neither of those reports (saving or removing a bookmark,
  reporting a post, a suspension and its lifting, following a thread), bumped by mylearning/saving.py,
  forums/moderation.py and forums/services.py;
- `PROFILES`: any change of a profile (the names shown beside comments and notes), mylearning/apps.py;
- any other `scope(kind, id)` an app bumps itself.

A bump happens at once and again when the transaction commits, which closes the race where a
request renders the old data between the two and stores it under the new token.

The API:

    from cop_site import fragments
    body = fragments.Fragment("learning/page-body", scopes=(fragments.CONTENT,),
                              audience=visibility.audience(user), parts=(page.pk,))
    html = body.render(lambda: render_to_string(...))   # cached, or rendered and stored
    fragments.bump(fragments.scope("thread", thread.pk))  # after a change the scope covers

`lookup_many(specs)` reads several specs in one cache read, and `prefetch(specs)` reads them ahead for the
rest of a GET or HEAD request (a content page's meta, breadcrumbs, header and body); a fragment with forms is rendered
with `csrf_placeholder()` as its token and served through `with_csrf_token(html, request)`.
And in templates, `{% load fragments %}{% fragment body %}...{% endfragment %}` (a `None` spec
renders the contents uncached). Inside a fragment `{% csrf_token %}` renders nothing: a form with
a member's token belongs outside it. COP_FRAGMENT_SECONDS is how long an entry is kept (0 turns
fragment caching off; the test settings do, and the fragment tests turn it on).
"""

import hashlib
import hmac
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils import translation

from cop_site import request_memo

CONTENT = "content"
ROLES = "roles"  # what a group means: its permissions and name (the Moderators group), forums/header.py
PROFILES = "profiles"  # bumped by any change of a member's profile: the names shown beside posts and notes
GENERATION_KEY = "fragment-generation:{}"
ENTRY_KEY = "fragment:{}"
CSRF_OUTSIDE = "NOTPROVIDED"  # what Django's {% csrf_token %} renders as nothing


def scope(kind, pk):
    """The scope of one object, e.g. scope("thread", 12) == "thread:12" (forums/live.py's stream name)."""
    return f"{kind}:{pk}"


def member_scope(user_id):
    """The scope of what every page shows about one member (forums/header.py)."""
    return scope("member", user_id)


def members_changed(*user_ids):
    """What every page shows about these members must be worked out afresh (their `member_scope`)."""
    if user_ids:
        bump(*{member_scope(pk) for pk in user_ids})


def member_acts(pk):
    """The scope of one member's own acts that no publish or thread event reports (bookmarks, reports, suspension)."""
    return scope("member-acts", pk)


def audience(*facts):
    """A stable digest of the facts a visibility rule worked out about a person (sets in any order)."""
    return hashlib.sha256(repr(tuple(_stable(fact) for fact in facts)).encode()).hexdigest()


def _stable(fact):
    if isinstance(fact, set | frozenset):
        return tuple(sorted(fact, key=repr))
    if isinstance(fact, list | tuple):
        return tuple(_stable(item) for item in fact)
    return fact


def cache_seconds():
    """How long a fragment is kept; 0 turns fragment caching off."""
    return int(getattr(settings, "COP_FRAGMENT_SECONDS", 3600))


def _cache():
    return caches["default"]


def bump(*scopes):
    """Make every fragment rendered under these scopes stale: now, and again when the transaction commits."""
    keys = [GENERATION_KEY.format(name) for name in scopes]

    def renew():
        _cache().set_many({key: uuid.uuid4().hex for key in keys}, None)

    renew()
    transaction.on_commit(renew)


@dataclass(frozen=True)
class Fragment:
    """What is rendered (`name`, `parts`), what makes it stale (`scopes`) and who may share it (`audience`)."""

    name: str
    scopes: tuple = (CONTENT,)
    audience: str = ""
    parts: tuple = ()

    def _entry_key(self):
        language = translation.get_language() or ""
        kept = self.__dict__.get("_kept_key")  # a page asks each spec's key twice or more: worked out once
        if kept is not None and kept[0] == language:
            return kept[1]
        what = repr((self.name, tuple(self.parts), self.audience, language, code_version()))
        key = ENTRY_KEY.format(hashlib.sha256(what.encode()).hexdigest())
        object.__setattr__(self, "_kept_key", (language, key))
        return key

    def lookup(self):
        """(cached HTML or None, the generations a fresh render is stored under, or None when it may not be)."""
        return lookup_many([self])[0]

    def store(self, value, generations):
        """Keep `value` (HTML, or any picklable answer) for this spec under the generations lookup() gave."""
        if generations is not None:
            _cache().set(self._entry_key(), (generations, value), cache_seconds())

    def render(self, work):
        """The cached HTML, or `work()` (a string) rendered now and stored for the next person of this audience."""
        html, generations = self.lookup()
        if html is None:
            html = work()
            self.store(html, generations)
        return html


SITE_FRAME = ("site-head", "site-footer", "site-scripts")  # the frame's parts templates/base.html keeps


def frame(name, *parts):
    """A part of the site's frame (head links, header, footer) that depends only on `parts`, the code and
    the static files' names: no scope, as nothing but a deploy or a different `parts` can change it."""
    return Fragment(name, scopes=(), parts=(*parts, static_version()))


def static_version():
    """The static files' manifest hash (hashed names change with it); "" without a manifest."""
    return getattr(staticfiles_storage, "manifest_hash", "")


def prefetch(specs):
    """Read the parts a page is about to render in one cache read; their lookups later in this GET or HEAD
    request answer from it (cop_site/request_memo.py). Outside such a request it reads nothing."""
    specs = [spec for spec in specs if spec is not None]
    if not specs or cache_seconds() <= 0 or not request_memo.active():
        return
    for spec, answer in zip(specs, _read(specs), strict=True):
        request_memo.remember(_prefetch_key(spec), lambda answer=answer: answer)


def _prefetch_key(spec):
    return ("fragment", spec._entry_key(), spec.scopes)


def lookup_many(specs):
    """Fragment.lookup for several specs in one cache read: [(cached value or None, generations or None)]."""
    if cache_seconds() <= 0:
        return [(None, None) for _ in specs]
    answers = [request_memo.recalled(_prefetch_key(spec)) for spec in specs]
    missing = [spec for spec, answer in zip(specs, answers, strict=True) if answer is None]
    if missing:
        read = iter(_read(missing))
        answers = [answer if answer is not None else next(read) for answer in answers]
    return answers


def _read(specs):
    cache = _cache()
    scope_keys = list(dict.fromkeys(GENERATION_KEY.format(name) for spec in specs for name in spec.scopes))
    entry_keys = [spec._entry_key() for spec in specs]
    found = cache.get_many([*scope_keys, *entry_keys])
    tokens = {}
    for key in scope_keys:
        token = found.get(key)
        if token is None:  # first use, evicted, or the cache is down: start one, and store only if that worked
            token = uuid.uuid4().hex
            if not cache.add(key, token, None):
                token = None
        tokens[key] = token
    answers = []
    for spec, entry_key in zip(specs, entry_keys, strict=True):
        generations = tuple(tokens[GENERATION_KEY.format(name)] for name in spec.scopes)
        if None in generations:
            answers.append((None, None))
            continue
        entry = found.get(entry_key)
        answers.append((entry[1] if entry is not None and entry[0] == generations else None, generations))
    return answers


def csrf_placeholder():
    """What a kept fragment's forms carry instead of a member's CSRF token: unguessable, so no text can contain it."""
    return hmac.new(settings.SECRET_KEY.encode(), b"fragments: csrf token", hashlib.sha256).hexdigest()


def with_csrf_token(html, request):
    """A kept fragment's HTML with this request's CSRF token in its forms (none asked for when it has no form)."""
    field = f'name="csrfmiddlewaretoken" value="{csrf_placeholder()}"'
    if field not in html:
        return html
    return html.replace(field, f'name="csrfmiddlewaretoken" value="{_token(request)}"')


def _token(request):
    """This request's CSRF token, masked once for all its kept forms (each masking draws 32 random characters)."""
    token = request.__dict__.get("_fragments_csrf_token")
    if token is None:
        token = request._fragments_csrf_token = get_token(request)
    return token


_code_version = None


def code_version():
    """A digest of the project's templates and Python files, worked out once per process."""
    global _code_version
    if _code_version is None:
        _code_version = _digest_sources(Path(settings.BASE_DIR))
    return _code_version


SKIPPED_DIRS = {".git", ".venv", "node_modules", "static", "staticfiles", "media", "__pycache__", "tests", "bench"}


def _digest_sources(root):
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(name for name in dirs if name not in SKIPPED_DIRS and not name.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".html", ".txt")):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
