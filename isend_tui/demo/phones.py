"""Phone numbers written every way merchants see them.

Mobiles and landlines of France, Belgium, Switzerland, Luxembourg, Spain and Germany, typed
as customers type them: with spaces, dots or dashes, +33, 0033, +33 (0), or without the +;
garbage and empty values (NULL or ''), a foreign mobile on a French address, and numbers
shared between customers. A 1.6 shop fills phone_mobile; 1.7+ mostly only phone.
"""

from __future__ import annotations

from collections.abc import Sequence

from isend_tui.demo import words as data
from isend_tui.demo.draws import Draws

#: How a number is written, and how often.
STYLES = (
    ("plain", 0.45), ("spaces", 0.25), ("dots", 0.08), ("dashes", 0.04), ("plus", 0.08),
    ("plus_spaces", 0.04), ("00", 0.03), ("plus_0", 0.015), ("bare", 0.015),
)  # fmt: skip


class Phones:
    """The (phone, phone_mobile) pair of each address, drawn from the shop's one source."""

    def __init__(self, draws: Draws, *, v16: bool) -> None:
        self.rnd = draws.random
        self.ri = draws.below
        self.pick = draws.pick
        self.pick_style = draws.weighted(STYLES)
        self.v16 = v16
        self.recent_numbers: list[str] = []  # numbers another customer may give too

    def _format(self, cc: str, national: str, groups: Sequence[int]) -> str:
        """Write a number the way a customer may type it.

        national: the national form (leading 0, except Luxembourg); groups: digit groups.
        """
        style = self.pick_style()
        if style == "plain":
            return national
        digits = national[1:] if national.startswith("0") else national
        if style in ("spaces", "dots", "dashes"):
            sep = " " if style == "spaces" else ("." if style == "dots" else "-")
            return sep.join(_split(national, groups))
        if style == "plus":
            return f"+{cc}{digits}"
        if style == "plus_spaces":
            first = groups[0] - 1 if national.startswith("0") else groups[0]
            return f"+{cc} " + " ".join(_split(digits, (first, *groups[1:])))
        if style == "00":
            return f"00{cc}{digits}"
        if style == "plus_0":
            return f"+{cc} (0){digits}"
        return f"{cc}{digits}"  # international without +

    def mobile(self, iso: str) -> str:
        ri, pick = self.ri, self.pick
        if iso == "FR":
            if self.rnd() < 0.7:
                return self._format("33", f"06{ri(10**8):08d}", (2, 2, 2, 2, 2))
            return self._format("33", f"07{3 + ri(7)}{ri(10**7):07d}", (2, 2, 2, 2, 2))
        if iso == "BE":
            return self._format("32", f"04{pick('6789')}{ri(10**7):07d}", (4, 2, 2, 2))
        if iso == "CH":
            return self._format("41", f"07{pick('5789')}{ri(10**7):07d}", (3, 3, 2, 2))
        if iso == "LU":
            return self._format("352", f"6{pick('269')}1{ri(10**6):06d}", (3, 3, 3))
        if iso == "ES":
            return self._format("34", f"6{ri(10**8):08d}", (3, 3, 3))
        return self._format("49", f"01{pick('567')}{ri(10**8):08d}", (4, 8))

    def landline(self, iso: str) -> str:
        ri, pick = self.ri, self.pick
        if iso == "FR":
            return self._format("33", f"0{pick('123459')}{ri(10**8):08d}", (2, 2, 2, 2, 2))
        if iso == "BE":
            return self._format("32", f"02{ri(10**7):07d}", (2, 3, 2, 2))
        if iso == "CH":
            return self._format("41", f"02{pick('1267')}{ri(10**7):07d}", (3, 3, 2, 2))
        if iso == "LU":
            return self._format("352", f"{2 + ri(3)}{ri(10**5):05d}", (2, 2, 2))
        if iso == "ES":
            return self._format("34", f"9{ri(10**8):08d}", (2, 3, 2, 2))
        return self._format("49", f"030{ri(10**8):08d}", (3, 8))

    def _empty(self) -> str | None:
        return None if self.rnd() < 0.2 else ""

    def for_address(self, iso: str) -> tuple[str | None, str | None]:
        """(phone, phone_mobile) of one address."""
        r = self.rnd
        mobile_iso = iso
        if iso == "FR" and r() < 0.01:
            mobile_iso = "BE" if r() < 0.5 else "CH"  # a foreign mobile on a French address
        shared = None
        if self.recent_numbers and r() < 0.02:
            shared = self.pick(self.recent_numbers)  # a number another customer also uses
        if self.v16:
            x = r()
            if x < 0.75:
                mob: str | None = shared or self.mobile(mobile_iso)
            elif x < 0.80:
                mob = self.landline(iso)
            elif x < 0.83:
                mob = self.pick(data.GARBAGE_PHONES)
            else:
                mob = self._empty()
            y = r()
            if y < 0.35:
                phone: str | None = self.landline(iso)
            elif y < 0.45:
                phone = self.mobile(mobile_iso)
            else:
                phone = self._empty()
            candidate = mob
        else:
            x = r()
            if x < 0.60:
                phone = shared or self.mobile(mobile_iso)
            elif x < 0.80:
                phone = self.landline(iso)
            elif x < 0.83:
                phone = self.pick(data.GARBAGE_PHONES)
            else:
                phone = self._empty()
            mob = self.mobile(mobile_iso) if r() < 0.12 else self._empty()
            candidate = phone
        if candidate and len(candidate) > 6 and r() < 0.05:
            if len(self.recent_numbers) < 500:
                self.recent_numbers.append(candidate)
            else:
                self.recent_numbers[self.ri(500)] = candidate
        return phone, mob


def _split(text: str, groups: Sequence[int]) -> list[str]:
    out, i = [], 0
    for size in groups:
        if i >= len(text):
            break
        out.append(text[i : i + size])
        i += size
    if i < len(text):
        out.append(text[i:])
    return out
