"""The one error type of live rooms: a protocol code (DESIGN.md §4) and words for the member."""


class RoomError(Exception):
    def __init__(self, code, detail):
        super().__init__(detail)
        self.code = code
        self.detail = detail
