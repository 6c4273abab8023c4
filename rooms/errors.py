"""How live rooms refuse: DomainError (cop_site/errors.py), and NotAllowed, which also ends the socket."""

from cop_site.errors import DomainError


class NotAllowed(DomainError):
    """The member may no longer be in the room: said as `forbidden`, and their socket closes with `close_code`."""

    def __init__(self, close_code):
        super().__init__("forbidden", "You can no longer take part in this room.")
        self.close_code = close_code
