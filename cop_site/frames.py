"""WebSocket frames: reading what a client sent and shaping the `error` frame, once for every socket.

The health socket, the live thread stream and the live rooms all speak JSON objects with a `type`
(docs/protocols.md). What counts as a frame is decided here, so a frame one socket refuses is refused by
all of them: empty, over the socket's size in UTF-8 bytes, not JSON, not an object, or nested deeper
than the JSON parser goes (it raises RecursionError, not ValueError, and that would drop the socket).
Which types a socket understands, and what it answers, stay with its consumer.
"""

import json

UTF8_MAX_BYTES_PER_CHARACTER = 4


def parse(text_data, max_bytes):
    """The frame as a dict, or None when it is not a JSON object of at most `max_bytes` UTF-8 bytes."""
    if not text_data or len(text_data) > max_bytes:
        return None
    # Encoding costs a copy: only a text that could be over the limit pays for it. `surrogatepass`
    # counts a lone surrogate (a test client or a proxy can send one) as its three bytes instead of failing.
    could_be_over = len(text_data) * UTF8_MAX_BYTES_PER_CHARACTER > max_bytes
    if could_be_over and len(text_data.encode("utf-8", "surrogatepass")) > max_bytes:
        return None
    try:
        frame = json.loads(text_data)
    except (ValueError, RecursionError):
        return None
    return frame if isinstance(frame, dict) else None


def error(code, detail, client_id=None):
    """The `error` frame; `client_id` ties it to the message a client sent, when there was one."""
    frame = {"type": "error", "code": code, "detail": detail}
    if client_id is not None:
        frame["client_id"] = client_id
    return frame


def invalid(max_bytes):
    """The `error` a socket sends for a frame `parse` refused."""
    return error("invalid", f"Send a JSON object of at most {max_bytes // 1024} KB.")
