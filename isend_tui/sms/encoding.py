"""How many SMS a text costs: GSM 03.38 versus UCS-2, parts, and the STOP mention.

Facts (docs: /work/shared/sms-rules.md):
- GSM-7: the basic set costs 1 septet per character; the extension table (``^ { } \\ [ ] ~ |``,
  ``€`` and form feed) costs 2 (escape + character). 160 units in one SMS, 153 per part
  once concatenated.
- Any other character switches the whole message to UCS-2: every UTF-16 code unit costs 1
  (an emoji outside the BMP costs 2), extension characters included. 70 units in one SMS,
  67 per part once concatenated.
- A part never splits an escape pair nor a surrogate pair: the pair moves to the next part.
- iSendPro appends « STOP SMS » to marketing sent with a customised sender: 12 more units.
- iSendPro refuses more than 6 parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Encoding = Literal["GSM-7", "UCS-2"]

GSM7_BASIC: Final[frozenset[str]] = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "abcdefghijklmnopqrstuvwxyz"
    "0123456789"
    " \n\r"
    "@£$¥¤§¡¿_!\"#%&'()*+,-./:;<=>?"
    "èéùìòÇØøÅåÆæßÉÄÖÑÜäöñüà"
    "ΔΦΓΛΩΠΨΣΘΞ"
)
"""Characters of the GSM 03.38 default alphabet (1 septet each)."""

GSM7_EXTENSION: Final[frozenset[str]] = frozenset("^{}\\[]~|€\f")
"""Characters of the GSM 03.38 extension table (escape + character: 2 septets each)."""

STOP_MENTION_UNITS: Final = 12
"""Units iSendPro's « STOP SMS » mention takes (160 -> 148 for one SMS)."""

MAX_PARTS: Final = 6
"""iSendPro refuses a message of more than 6 concatenated parts."""

GSM7_SINGLE: Final = 160
GSM7_PER_PART: Final = 153
UCS2_SINGLE: Final = 70
UCS2_PER_PART: Final = 67

_LIMITS: Final[dict[Encoding, tuple[int, int]]] = {
    "GSM-7": (GSM7_SINGLE, GSM7_PER_PART),
    "UCS-2": (UCS2_SINGLE, UCS2_PER_PART),
}


def is_gsm7_char(char: str) -> bool:
    """True when the character can be sent in GSM-7 (basic set or extension table)."""
    return char in GSM7_BASIC or char in GSM7_EXTENSION


def is_gsm7(text: str) -> bool:
    """True when every character of `text` can be sent in GSM-7."""
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def stop_mention_applies(*, marketing: bool, sender: str | None, nostop: bool) -> bool:
    """Whether iSendPro appends the STOP mention: marketing, customised sender, no nostop."""
    return marketing and bool(sender and sender.strip()) and not nostop


@dataclass(frozen=True)
class SmsCount:
    """What a text costs.

    `characters` is the text's length in code points (the mention is not included);
    `units` are GSM septets (escape included) or UTF-16 code units, STOP mention included
    when it was counted; `offending` lists (position in the text, character) for every
    character outside GSM-7; `units_left_in_part` is how many more units fit in the last
    part before one more part is needed (for the live counter).
    """

    encoding: Encoding
    characters: int
    units: int
    parts: int
    stop_units: int
    offending: tuple[tuple[int, str], ...]
    too_long: bool
    units_left_in_part: int


def _char_units(char: str, encoding: Encoding) -> int:
    if encoding == "GSM-7":
        return 2 if char in GSM7_EXTENSION else 1
    # UTF-16: characters outside the Basic Multilingual Plane take a surrogate pair.
    return 2 if ord(char) > 0xFFFF else 1


def _fill_parts(costs: list[int], per_part: int) -> tuple[int, int]:
    """Pack indivisible costs into parts of `per_part` units: (parts, units in the last)."""
    parts = 0
    used = per_part  # forces a new part on the first cost
    for cost in costs:
        if used + cost > per_part:
            parts += 1
            used = 0
        used += cost
    return parts, used


_GSM7_ANY: Final = GSM7_BASIC | GSM7_EXTENSION


def parts(text: str) -> int:
    """`count(text).parts`, without the whole count when every character costs one unit
    (most texts): what is counted over thousands of sent texts (health/readings.py)."""
    chars = set(text)
    if chars <= GSM7_BASIC:
        single, per_part = _LIMITS["GSM-7"]
    elif not chars <= _GSM7_ANY and max(text) <= "\uffff":
        single, per_part = _LIMITS["UCS-2"]  # no surrogate pair: one unit each
    else:
        return count(text).parts  # escape or surrogate pairs never straddle two parts
    units = len(text)
    if units <= single:
        return 1 if units else 0
    return -(-units // per_part)


def count(text: str, *, stop_mention: bool = False) -> SmsCount:
    """Count encoding, units and parts of `text`, plus the STOP mention when asked.

    Parts are counted by filling them, so that an escape pair or an emoji that would
    straddle a part boundary moves whole to the next part. The mention is counted as 12
    plain units appended at the end, in either encoding.
    """
    offending = tuple(
        (position, char) for position, char in enumerate(text) if not is_gsm7_char(char)
    )
    encoding: Encoding = "UCS-2" if offending else "GSM-7"
    stop_units = STOP_MENTION_UNITS if stop_mention else 0
    costs = [_char_units(char, encoding) for char in text]
    costs.extend([1] * stop_units)
    units = sum(costs)
    single, per_part = _LIMITS[encoding]
    if units == 0:
        parts, left = 0, single
    elif units <= single:
        parts, left = 1, single - units
    else:
        parts, used = _fill_parts(costs, per_part)
        left = per_part - used
    return SmsCount(
        encoding=encoding,
        characters=len(text),
        units=units,
        parts=parts,
        stop_units=stop_units,
        offending=offending,
        too_long=parts > MAX_PARTS,
        units_left_in_part=left,
    )
