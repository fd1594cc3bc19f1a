"""Shop and gateway text as the UI shows it: inert.

Every name, city, group, order state, message or gateway reply shown in a widget goes
through one of these: control characters become visible symbols (safe_text.terminal_safe:
no escape sequence reaches the terminal) and the result is a rich Text, which Textual
never parses as markup ("[bold red]" stays those characters, a "[link=…]" plants no
link).
"""

from __future__ import annotations

from rich.text import Text

from isend_tui.safe_text import terminal_safe


def shown(value: object, *, justify: str | None = None) -> Text:
    """One line of data (a newline inside it becomes ␊)."""
    return Text(terminal_safe("" if value is None else value), justify=justify)  # type: ignore[arg-type]


def shown_lines(value: object) -> Text:
    """Several lines of data (newlines and tabs kept)."""
    return Text(terminal_safe("" if value is None else value, multiline=True))
