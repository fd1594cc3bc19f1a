"""Turn any text into GSM-7 so it can go to a French number (UCS-2 is refused there).

Three steps, per character, and characters already in GSM-7 are never touched:
1. French typography and accents that GSM-7 lacks (’ « » … – NBSP ç ê œ …);
2. a generic fallback: Unicode compatibility decomposition (NFKD) without the combining
   marks, kept when what is left is GSM-7 (á -> a, Ａ -> A, ﬁ -> fi);
3. ``?`` for anything else (emoji, other scripts).
"""

from __future__ import annotations

import unicodedata
from typing import Final

from isend_tui.sms.encoding import is_gsm7, is_gsm7_char

FRENCH: Final[dict[str, str]] = {
    # apostrophes and quotes
    "’": "'",
    "‘": "'",
    "‚": "'",
    "‛": "'",
    "`": "'",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‹": '"',
    "›": '"',
    # ellipsis, dashes and hyphens
    "…": "...",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "−": "-",
    # « n° »
    "°": "o",
    # accents missing from GSM-7 (é É è à ù ì ò Ç æ Æ are GSM and kept)
    "ç": "c",
    "â": "a",
    "ê": "e",
    "ë": "e",
    "î": "i",
    "ï": "i",
    "ô": "o",
    "û": "u",
    "ÿ": "y",
    "œ": "oe",
    "Œ": "OE",
    "À": "A",
    "Â": "A",
    "È": "E",
    "Ê": "E",
    "Ë": "E",
    "Î": "I",
    "Ï": "I",
    "Ô": "O",
    "Ù": "U",
    "Û": "U",
    "Ÿ": "Y",
    # white space GSM-7 lacks
    "\t": " ",
    "\v": " ",
    "\u0085": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}


def _replace_char(char: str) -> str:
    if is_gsm7_char(char):
        return char
    french = FRENCH.get(char)
    if french is not None:
        return french
    if unicodedata.category(char) == "Zs":  # NBSP, narrow NBSP, thin space, ...
        return " "
    decomposed = "".join(
        part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
    )
    if decomposed and is_gsm7(decomposed):
        return decomposed
    return "?"


def to_gsm7(text: str) -> str:
    """Return `text` with every non-GSM-7 character replaced; the result is always GSM-7."""
    return "".join(_replace_char(char) for char in text)


def replacements(text: str) -> list[tuple[int, str, str]]:
    """(position, original, replacement) for every character `to_gsm7` would change."""
    changes: list[tuple[int, str, str]] = []
    for position, char in enumerate(text):
        replacement = _replace_char(char)
        if replacement != char:
            changes.append((position, char, replacement))
    return changes
