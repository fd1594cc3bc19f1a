"""Mobiles written with their country code (``+CC…``, ``00CC…``) on an address of any
country: each region's patterns, and the Python mirror of the SQL's abroad search
(`classify_abroad`, which `mirror.classify` calls). Built from the same steps as
the address's country's rules (`country_rules`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata

from isend_tui.segments.phones.country_rules import (
    USABLE,
    Arm,
    _mobile_arms,
    _overlapping_specials,
    _prefixes,
    compiled,
)

#: How a number written with its country code starts: plus signs, or 00 (then pluses).
ABROAD_HEAD = "([+]+|00[+]*)"


@dataclass(frozen=True)
class AbroadRules:
    """A region's mobiles written with their country code on an address of any country:
    patterns on the cleaned value (``+CC…``, or ``00CC…`` read as ``+``). `special`
    matches the special-rate numbers that look like mobiles (never usable)."""

    region: str
    country_code: str
    usable: tuple[Arm, ...]
    special: str | None


@cache
def abroad_rules_for(region: str) -> AbroadRules | None:
    """A region's `AbroadRules`, or None when phonenumbers does not know it."""
    region = region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    md = PhoneMetadata.metadata_for_region(region)
    if md is None or md.general_desc is None or not md.general_desc.national_number_pattern:
        return None
    notes: list[str] = []  # the address's rules report them
    p = _prefixes(md, notes)
    _arms, by_length = _mobile_arms(md, p, notes)
    head = f"^{ABROAD_HEAD}{p.cc}{p.national_optional}"
    usable = tuple(Arm(f"{head}({regex})$", None, length) for length, regex in by_length.items())
    specials = _overlapping_specials(md, by_length)
    special = "|".join(f"{head}({x})$" for x in specials.values()) or None
    return AbroadRules(region, p.cc, usable, special)


@cache
def abroad_codes() -> tuple[tuple[str, tuple[AbroadRules, ...]], ...]:
    """Every country code with the rules of its regions, in phonenumbers' order (the main
    region first, as `region_code_for_number` tries them)."""
    out: list[tuple[str, tuple[AbroadRules, ...]]] = []
    for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        rules = tuple(r for r in (abroad_rules_for(x) for x in regions) if r and r.usable)
        if rules:
            out.append((str(code), rules))
    return tuple(out)


def abroad_digits(value: str) -> str | None:
    """The digits after ``+`` (or ``00``) of a cleaned value written with its country
    code, else None (what the SQL computes before the abroad patterns)."""
    if value.startswith("+"):
        return value.lstrip("+")
    if value.startswith("00"):
        return value[2:].lstrip("+")
    return None


def classify_abroad(value: str) -> str | None:
    """USABLE + number for a cleaned value that is a mobile of the country its code names."""
    digits = abroad_digits(value)
    if digits is None:
        return None
    for code, regions in abroad_codes():
        if not digits.startswith(code):
            continue
        for rules in regions:
            if rules.special and compiled(rules.special).search(value):
                continue
            for arm in rules.usable:
                if compiled(arm.pattern).search(value):
                    return USABLE + code + value[-arm.length :]
        return None
    return None
