"""How a segment file's raw values are read and shown in its error messages: integers
too long for any field kept as text (Python refuses to convert past 4,300 digits), long
values cut, a value's JSON type in words."""

from __future__ import annotations

import json
from decimal import Decimal

from isend_tui.i18n import _

#: Integers longer than this are kept as text (`LongNumber`): no field takes one, and
#: Python refuses to convert more than 4,300 digits (ValueError).
_INT_DIGITS = 30
#: How much of a long value an error message shows.
_SHOWN = 40


class LongNumber:
    """An integer written with more digits than any field takes, kept as its text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def shown(self) -> str:
        digits = len(self.text.lstrip("-"))
        return _("{start}… (un nombre de {digits} chiffres)").format(
            start=self.text[:12], digits=digits
        )


def parse_int(text: str) -> int | LongNumber:
    return int(text) if len(text) <= _INT_DIGITS else LongNumber(text)


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def short(text: str) -> str:
    """A value of the file as an error message shows it: cut when long."""
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, LongNumber):
        return value.shown()
    if isinstance(value, str):
        return json.dumps(short(value), ensure_ascii=False)
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, list):
        return _("une liste")
    if isinstance(value, dict):
        return _("un objet")
    return type(value).__name__
