"""Facts about a person worked out once per page view, not once per template helper that asks.

Rendering one page asks the same questions many times: may this person see restricted pages, are
they a site moderator, are they suspended. Each answer is a query, and a case study asked some of
them five times. `remember(key, work)` answers from this request's memo when the question was
asked before in it, else does the work and keeps the answer until the response is made.

Only a GET or HEAD request keeps a memo (`RequestMemoMiddleware`): those change none of these facts,
so an answer cannot go stale while the page is made. A request that changes something (a POST that
suspends a member, restricts a page or joins a community), a WebSocket action, a task and a shell
ask afresh every time: outside a memo, `remember` simply does the work.
"""

from contextvars import ContextVar

_memo = ContextVar("cop_request_memo", default=None)

SAFE_METHODS = frozenset({"GET", "HEAD"})


def remember(key, work):
    """`work()`, done at most once per key in this GET or HEAD request (every time outside one)."""
    memo = _memo.get()
    if memo is None:
        return work()
    if key not in memo:
        memo[key] = work()
    return memo[key]


def active():
    """Whether this request keeps a memo (a GET or HEAD request)."""
    return _memo.get() is not None


def recalled(key, default=None):
    """What this request remembered under `key` (`default` when nothing, or outside a GET or HEAD request)."""
    memo = _memo.get()
    return default if memo is None else memo.get(key, default)


def forget():
    """Drop this request's answers: a view that changes a remembered fact while it renders calls this."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
