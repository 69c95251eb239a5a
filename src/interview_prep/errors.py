"""Errors a user can cause: the CLI and the TUI show their message, never a traceback."""


class UserError(Exception):
    """A problem the user can fix (bad input, missing file, bad content).

    `hint` optionally names the fix; the CLI prints it under the message.
    """

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  fix: {self.hint}"
