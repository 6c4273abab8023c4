"""The one error forums' rules raise: input or standing a person can correct, and nothing was changed.

`code` says what kind (forums/discussion.py HTTP_STATUS turns it into a status), `message` says how
to put it right. Its own module so that every rule module can raise it without importing another.
"""


class ForumError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message
