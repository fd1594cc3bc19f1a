"""The one exception family a user ever sees.

Anything raised as a UserError carries a message written for the merchant: it names the
field or the cause and says what to do. The CLI prints it on one line and exits non-zero;
the TUI shows it in a toast or a modal. Anything else is a bug: it is logged with its
traceback and the user gets a short generic message pointing at the log file.
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can act on. `str(err)` is the translated, one-line message."""

    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ConfigError(UserError):
    """A setting is missing or invalid (the field says which)."""

    exit_code = 2
