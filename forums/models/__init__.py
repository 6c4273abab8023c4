"""Models of the forums app, one file per domain, re-exported here."""

from .communities import Community, Membership
from .inquiries import Cycle, CycleEntry, EntryLink, Inquiry, TeamMember
from .live import LiveEvent
from .moderation import Flag, ModerationAction, QueueEntry, Suspension
from .notifications import DigestLog, Notification
from .threads import Post, Reaction, Thread, ThreadFollow, ThreadVisit

__all__ = [
    "Community",
    "Cycle",
    "CycleEntry",
    "DigestLog",
    "EntryLink",
    "Flag",
    "Inquiry",
    "LiveEvent",
    "Membership",
    "ModerationAction",
    "Notification",
    "Post",
    "QueueEntry",
    "Reaction",
    "Suspension",
    "TeamMember",
    "Thread",
    "ThreadFollow",
    "ThreadVisit",
]
