"""Models of the forums app, one file per domain, re-exported here."""

from .communities import Community, Membership
from .live import LiveEvent
from .threads import Post, Reaction, Thread, ThreadFollow, ThreadVisit

__all__ = ["Community", "LiveEvent", "Membership", "Post", "Reaction", "Thread", "ThreadFollow", "ThreadVisit"]
