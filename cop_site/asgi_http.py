"""Django's ASGI handler, running each request's middleware and view in one hop to the sync thread.

Every view and middleware on this site is synchronous. Django's own ASGI handler runs the
middleware in async mode and hops to the sync thread and back for each of them (a dozen or more
hops per request); a WSGI server runs the whole chain in one go. This handler does the same inside
the ASGI server: one hop per request, into one of a few threads kept for the process
(`COP_HTTP_THREADS`), so a request's database work stays on one thread and its connection is kept
or closed as DB_CONN_MAX_AGE says. bench/pages.py measured the minimal view about 40% faster with it.
Async views would still work (Django's sync path runs them with async_to_sync), only without
their benefit: when the site gains some, measure again.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import django
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.db import close_old_connections

# The threads requests run in, kept for the life of the process. Django's own handler gives every
# request a thread of its own (its per-request thread-sensitive context), so every signed-in request
# also opened a new database connection, whatever DB_CONN_MAX_AGE said: 3-4 ms of CPU a request
# (bench/README.md). A kept thread keeps its connection as DB_CONN_MAX_AGE says, and the pool bounds
# how many connections a process holds.
HTTP_THREADS = int(os.environ.get("COP_HTTP_THREADS", "8"))
_threads = ThreadPoolExecutor(max_workers=HTTP_THREADS, thread_name_prefix="cop-http")


def _in_a_kept_thread(chain):
    def run(request):
        # What request_started and request_finished do for the thread that answers: Django sends them
        # from the request's own context, which is not this thread.
        close_old_connections()
        try:
            return chain(request)
        finally:
            close_old_connections()

    return run


class SyncChainASGIHandler(ASGIHandler):
    def load_middleware(self, is_async=False):
        super().load_middleware(is_async=False)
        chain = _in_a_kept_thread(self._middleware_chain)
        self._middleware_chain = sync_to_async(chain, thread_sensitive=False, executor=_threads)


def get_asgi_application():
    """Like django.core.asgi.get_asgi_application, with the one-hop handler."""
    django.setup(set_prefix=False)
    return SyncChainASGIHandler()
