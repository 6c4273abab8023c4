"""Models of the forums app, one file per domain, re-exported here."""

from .communities import Community, Membership
from .live import LiveEvent
from .moderation import Flag, ModerationAction, QueueEntry, Suspension
from .notifications import DigestLog, Notification
from .threads import Post, Reaction, Thread, ThreadFollow, ThreadVisit

__all__ = [
    "Community",
    "DigestLog",
    "Flag",
    "LiveEvent",
    "Membership",
    "ModerationAction",
    "Notification",
    "Post",
    "QueueEntry",
    "Reaction",
    "Suspension",
    "Thread",
    "ThreadFollow",
    "ThreadVisit",
]
