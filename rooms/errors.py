"""The error type of live rooms: a protocol code (DESIGN.md §4) and words for the member."""


class RoomError(Exception):
    def __init__(self, code, detail):
        super().__init__(detail)
        self.code = code
        self.detail = detail


class NotAllowed(RoomError):
    """The member may no longer be in the room: said as `forbidden`, and their socket closes with `close_code`."""

    def __init__(self, close_code):
        super().__init__("forbidden", "You can no longer take part in this room.")
        self.close_code = close_code
