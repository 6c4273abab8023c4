"""Who hears about what (replies, mentions, follows, join requests). Filled in by the notifications work."""


def handle(kind, **context):
    return None
