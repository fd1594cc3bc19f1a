"""What a transactional SMS must not carry: marketing.

An order notification is sent without consent and at any hour because it is
transactional; a discount, a promo code or "soldes" in it makes it a marketing SMS, which
needs a consent basis and the marketing hours. `promotional_words` finds the tell-tale
words (accents and case folded) so the rule's author is warned.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from isend_tui.i18n import _

_WORDS: Final = (
    "promo",
    "promotion",
    "promotions",
    "soldes",
    "solde",
    "reduction",
    "remise",
    "code promo",
    "bon de reduction",
    "offre speciale",
    "black friday",
    "destockage",
    "gratuit",
)
_PERCENT: Final = re.compile(r"-?\d+\s?%")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def promotional_words(text: str) -> list[str]:
    """The marketing tells in `text`, in the order of the list (empty: none)."""
    folded = _fold(text)
    found = [w for w in _WORDS if re.search(rf"\b{re.escape(w)}\b", folded)]
    percent = _PERCENT.search(text)
    if percent:
        found.append(percent.group(0).strip())
    return found


def marketing_warning(text: str) -> str | None:
    """The warning for a notification text that reads like marketing, or None."""
    words = promotional_words(text)
    if not words:
        return None
    return _(
        "Ce texte ressemble à du marketing ({words}) : une notification doit rester "
        "transactionnelle ; une promotion demande le consentement du client et les heures "
        "marketing (SMS marketing, F3)."
    ).format(words=", ".join(f"« {w} »" for w in words))
