"""The gateway's own rules as the sandbox applies them: counting, numbers, sender, zones.

Written independently of ``isend_tui.sms`` on purpose: the sandbox stands for iSendPro,
so a mistake in the product's counter shows up in tests as a disagreement instead of
being copied into the simulator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# GSM 03.38 default alphabet (1 septet) and extension table (escape + char = 2 septets).
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[]~|€\f")

STOP_UNITS = 12
MAX_PARTS = 6

_SINGLE = {"GSM-7": 160, "UCS-2": 70}
_PER_PART = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True)
class Count:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets or UTF-16 code units, STOP mention included
    parts: int


_GSM_ALL = _GSM_BASIC | _GSM_EXTENSION


def is_gsm(text: str) -> bool:
    return _GSM_ALL.issuperset(text)


def count(text: str, *, stop_mention: bool) -> Count:
    """Units and parts; an escape pair or a surrogate pair never straddles two parts."""
    if is_gsm(text):
        encoding = "GSM-7"
        double = sum(text.count(ch) for ch in _GSM_EXTENSION if ch in text)
    else:
        encoding = "UCS-2"
        double = sum(1 for ch in text if ord(ch) > 0xFFFF) if not text.isascii() else 0
    units = len(text) + double + (STOP_UNITS if stop_mention else 0)
    if units <= _SINGLE[encoding]:
        return Count(encoding, units, 1 if units else 0)
    per_part = _PER_PART[encoding]
    if not double:
        # Only single-unit characters: nothing can straddle a boundary.
        return Count(encoding, units, -(-units // per_part))
    if encoding == "GSM-7":
        costs = [2 if ch in _GSM_EXTENSION else 1 for ch in text]
    else:
        costs = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    if stop_mention:
        costs.extend([1] * STOP_UNITS)
    parts, used = 1, 0
    for cost in costs:
        if used + cost > per_part:
            parts += 1
            used = 0
        used += cost
    return Count(encoding, units, parts)


# --- numbers ---------------------------------------------------------------------------

_FR_NATIONAL_MOBILE = re.compile(r"^0(6\d|7[3-9])\d{7}$")
_FR_INTERNATIONAL_MOBILE = re.compile(r"^33(6\d|7[3-9])\d{7}$")
_DIGITS = re.compile(r"^\d{9,15}$")

# Country calling codes the price list knows, longest first so 352 wins over 35x.
COUNTRY_PREFIXES: dict[str, str] = {
    "352": "LU",
    "33": "FR",
    "32": "BE",
    "41": "CH",
    "34": "ES",
    "49": "DE",
    "39": "IT",
    "44": "GB",
}


_SEPARATORS = re.compile(r"[\s.\-()]")
_PREFIXES_LONGEST_FIRST = sorted(COUNTRY_PREFIXES, key=len, reverse=True)


def normalise(num: str) -> str:
    """The number as the gateway reads it: spaces, dots and dashes dropped, + or 00 removed."""
    if num.isdigit() and not num.startswith("00"):
        return num
    cleaned = _SEPARATORS.sub("", num)
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    elif cleaned.startswith("00"):
        cleaned = cleaned[2:]
    return cleaned


def country_of(normalised: str) -> str:
    """ISO code of the number's country, "FR" for the national format, "" when unknown."""
    if normalised.startswith("0"):
        return "FR"
    for prefix in _PREFIXES_LONGEST_FIRST:
        if normalised.startswith(prefix):
            return COUNTRY_PREFIXES[prefix]
    return ""


def is_plausible_mobile(normalised: str) -> bool:
    """Digits only; French numbers must be 06/07 mobiles; others 9 to 15 digits."""
    if normalised.startswith("0"):
        return bool(_FR_NATIONAL_MOBILE.match(normalised))
    if normalised.startswith("33"):
        return bool(_FR_INTERNATIONAL_MOBILE.match(normalised))
    return bool(_DIGITS.match(normalised))


def international(normalised: str) -> str:
    """National French form turned international (0612345678 -> 33612345678)."""
    if normalised.startswith("0"):
        return "33" + normalised[1:]
    return normalised


_OPERATORS = ("ORAN", "SFR", "BYTEL", "FREE")


def operator_of(normalised: str) -> str:
    """A stable, made-up operator for the HLR lookup (same number, same answer)."""
    intl = international(normalised)
    if intl.startswith("33"):
        return _OPERATORS[sum(int(d) for d in intl) % len(_OPERATORS)]
    return "ROAM" + country_of(intl)


# --- prices ----------------------------------------------------------------------------

DEFAULT_PRICES: dict[str, Decimal] = {
    "FR": Decimal("0.05"),
    "BE": Decimal("0.08"),
    "CH": Decimal("0.09"),
    "LU": Decimal("0.08"),
    "ES": Decimal("0.07"),
    "DE": Decimal("0.10"),
    "": Decimal("0.12"),  # every other country
}


# --- sender, dates, zones ----------------------------------------------------------------

_SENDER = re.compile(r"^[A-Za-z0-9 ]{4,11}$")


def sender_ok(sender: str) -> bool:
    """iSendPro's rule: 4 to 11 letters, digits or spaces, not only digits."""
    return bool(_SENDER.match(sender)) and not sender.replace(" ", "").isdigit()


DATE_ENVOI = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
TRACKER = re.compile(r"^[A-Za-z0-9]{1,49}$")

# The accepted gmt_zone names. iSendPro's list has about 90 entries that are not
# published in full; this is a plausible subset. Europe/Paris is absent, as in the real
# list (Europe/Brussels and Europe/Amsterdam have the same offsets all year).
GMT_ZONES: frozenset[str] = frozenset(
    {
        "UTC",
        "GMT",
        "Europe/Amsterdam",
        "Europe/Andorra",
        "Europe/Athens",
        "Europe/Belgrade",
        "Europe/Berlin",
        "Europe/Brussels",
        "Europe/Bucharest",
        "Europe/Budapest",
        "Europe/Copenhagen",
        "Europe/Dublin",
        "Europe/Helsinki",
        "Europe/Istanbul",
        "Europe/Lisbon",
        "Europe/London",
        "Europe/Luxembourg",
        "Europe/Madrid",
        "Europe/Monaco",
        "Europe/Moscow",
        "Europe/Oslo",
        "Europe/Prague",
        "Europe/Rome",
        "Europe/Stockholm",
        "Europe/Vienna",
        "Europe/Warsaw",
        "Europe/Zurich",
        "Africa/Abidjan",
        "Africa/Algiers",
        "Africa/Casablanca",
        "Africa/Dakar",
        "Africa/Tunis",
        "America/Cayenne",
        "America/Guadeloupe",
        "America/Martinique",
        "America/Montreal",
        "America/New_York",
        "America/Toronto",
        "Indian/Mayotte",
        "Indian/Reunion",
        "Pacific/Noumea",
        "Pacific/Tahiti",
    }
)
