"""Moderation rules (flags, hiding, suspensions, the audit log). Filled in by the moderation work."""


def active_suspension(user):
    """The member's current suspension, or None."""
    return None
