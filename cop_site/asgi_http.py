"""Django's ASGI handler, running each request's middleware and view in one hop to the sync thread.

Every view and middleware on this site is synchronous. Django's own ASGI handler runs the
middleware in async mode and hops to the sync thread and back for each of them (a dozen or more
hops per request); a WSGI server runs the whole chain in one go. This handler does the same inside
the ASGI server: one thread-sensitive hop per request, so database connections stay on one thread
as with Django's default. bench/pages.py measured the minimal view about 40% faster with it.
Async views would still work (Django's sync path runs them with async_to_sync), only without
their benefit: when the site gains some, measure again.
"""

import django
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler


class SyncChainASGIHandler(ASGIHandler):
    def load_middleware(self, is_async=False):
        super().load_middleware(is_async=False)
        self._middleware_chain = sync_to_async(self._middleware_chain, thread_sensitive=True)


def get_asgi_application():
    """Like django.core.asgi.get_asgi_application, with the one-hop handler."""
    django.setup(set_prefix=False)
    return SyncChainASGIHandler()
