"""Customer data is hostile until escaped.

A first name, a city, a gateway's message or a shop's group name can hold terminal control
sequences (ESC [2J clears the admin's screen, OSC 0 retitles it, OSC 52 writes the
clipboard), bidirectional overrides that reorder what is shown, or, in a spreadsheet, a
formula. Everything read from the shop or the gateway goes through one of these before it
is shown or written:

- `terminal_safe(text)`: control characters become visible symbols (ESC -> ␛), so nothing
  reaches the terminal as a command; the UI wraps the result in a rich Text, which is
  never parsed as markup, and the CLI filters all of its output through it;
- `csv_cell(text)`: the same, and a cell that a spreadsheet would run as a formula
  (starting with = + - @ tab or CR, OWASP) is prefixed with an apostrophe.
"""

from __future__ import annotations

import io
from typing import Final, TextIO

# C0 controls as their Unicode "control pictures" (U+2400-U+241F), DEL as ␡; C1 controls
# (U+0080-U+009F, which some terminals read as 8-bit CSI/OSC) and the bidirectional
# overrides and isolates as U+FFFD.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_TABLE: Final[dict[int, str]] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},
    0x7F: "\u2421",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
    **{ord(ch): "\ufffd" for ch in _BIDI},
}
_MULTILINE: Final[dict[int, str]] = {
    k: v for k, v in _TABLE.items() if k not in (ord("\n"), ord("\t"))
}
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def terminal_safe(text: object, *, multiline: bool = False) -> str:
    """`text` with every control character made visible and harmless. One-line by default
    (a newline inside a name or a cell becomes ␊); `multiline` keeps newlines and tabs."""
    return str(text).translate(_MULTILINE if multiline else _TABLE)


def csv_cell(value: object) -> str:
    """A CSV cell that neither a terminal nor a spreadsheet will execute."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text.translate(_TABLE)


class SafeStream(io.TextIOBase):
    """A text stream that writes through `terminal_safe` (newlines and tabs kept): the
    CLI's stdout and stderr, so no output path can forget it."""

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(text.translate(_MULTILINE))
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()

    def fileno(self) -> int:
        return self._target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._target.encoding

    @property
    def target(self) -> TextIO:
        return self._target
