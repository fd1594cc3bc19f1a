"""Per country, which strings a customer may type are a usable mobile, a landline or
invalid, as patterns on the cleaned number, built from the phonenumbers metadata (the
same rules run in Python: `mirror.classify`; numbers written with their own country code:
`abroad`).

A country's rules follow the parser's steps (phonenumberutil.parse: plus sign,
international prefix, country code without plus, national prefix with its viability
checks, then the number type). `rules_for(region).exact` is False, with `notes`, where the
metadata uses features the patterns do not reproduce.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import phonenumbers
from phonenumbers import PhoneMetadata

from isend_tui.segments.phones.regex_tree import (
    alternatives,
    may_overlap,
    may_start_with,
    of_length,
    parse,
    pattern_text,
    portable,
    short_strings,
    union,
)
from isend_tui.sms.phone import OVERSEAS_REGIONS
from isend_tui.sms.phone import SEPARATORS as PHONE_SEPARATORS

#: Characters removed before matching: the separators customers type (check_mobile's).
SEPARATORS = PHONE_SEPARATORS
#: What a value made only of is empty rather than invalid.
BLANKS = (" ", "\u00a0", "\t", "\n", "\r")

#: Class codes, best last (a customer's number is the MAX of its candidates).
USABLE, LANDLINE, INVALID, EMPTY = "3", "2", "1", "0"

#: The number types that are neither mobile nor fixed line: never usable, still valid.
_SPECIAL_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
# A national or international prefix is a short, finite language (see _small_prefix).
_PREFIX_MAX_LENGTH = 8
_PREFIX_MAX_STRINGS = 2000


@dataclass(frozen=True)
class Arm:
    """`pattern` matches the cleaned number, `also` too when set, `unless` must not."""

    pattern: str
    unless: str | None = None
    length: int = 0  # national significant number length (usable arms)
    also: str | None = None  # must match too (the country's general pattern)
    country_code: str = ""  # an overseas region's code, when not the address's country's


@dataclass(frozen=True)
class CountryRules:
    region: str
    country_code: str
    usable: tuple[Arm, ...]
    landline: tuple[Arm, ...]
    special_first: str | None  # special-rate numbers that could also match a mobile pattern
    exact: bool
    notes: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- prefixes


@dataclass(frozen=True)
class _Prefixes:
    """What may come before a region's national number: its country code, its national
    prefix and its international prefix (as portable regexes and the strings they match)."""

    cc: str
    national: str
    national_strings: frozenset[str]
    international: str
    international_strings: frozenset[str]

    @property
    def national_optional(self) -> str:
        return f"({self.national})?" if self.national else ""

    @property
    def national_once(self) -> str:
        return f"({self.national})" if self.national else ""

    def main(self) -> list[str]:
        """What may precede a national number: +CC, the international prefix and CC, the
        national prefix, or nothing (the country code alone is handled apart)."""
        cc, np_opt, idd = self.cc, self.national_optional, self.international
        prefixes = [f"[+]+{cc}{np_opt}"]
        if idd:
            prefixes.append(f"({idd}){cc}{np_opt}")
            if all(x.startswith("0") for x in self.international_strings):
                # "+0033 6…": the parser retries without the plus when no country code
                # follows it, and then finds the international prefix
                prefixes.append(f"[+]+({idd}){cc}{np_opt}")
        prefixes.append(np_opt)
        return prefixes

    def country_code_starts(self) -> set[str]:
        """How a national number that starts with the country code may begin, once a
        national prefix is taken off the front (a number the parser may misread)."""
        cc = self.cc
        starts = {cc} | {cc[len(s) :] for s in self.national_strings if cc.startswith(s)}
        return {x for x in starts if x}


def _small_prefix(pattern: str, notes: list[str], what: str) -> tuple[str, frozenset[str]]:
    """A national or international prefix pattern as (portable regex, its strings).

    Only the top-level alternatives with a short, finite language are kept (a transform
    rule's capture of a whole local number is not a prefix); a note records the others.
    """
    if not pattern:
        return "", frozenset()
    try:
        parts = alternatives(pattern)
    except Exception:  # pragma: no cover - every phonenumbers pattern parses
        notes.append(f"{what} pattern not reproduced")
        return "", frozenset()
    kept: list[str] = []
    strings: set[str] = set()
    for alt in parts:
        heads = short_strings(alt, _PREFIX_MAX_LENGTH, _PREFIX_MAX_STRINGS)
        if heads is None:
            notes.append(f"{what} alternative {pattern_text(alt)!r} not reproduced")
            continue
        kept.append(pattern_text(alt))
        strings |= {h for h in heads if h}
    return (union(kept) or ""), frozenset(strings)


def _prefixes(md: Any, notes: list[str]) -> _Prefixes:
    national, national_strings = _small_prefix(
        md.national_prefix_for_parsing or "", notes, "national prefix"
    )
    international, international_strings = _small_prefix(
        md.international_prefix or "", notes, "international prefix"
    )
    return _Prefixes(
        cc=str(int(md.country_code or 0)),
        national=national,
        national_strings=national_strings,
        international=international,
        international_strings=international_strings,
    )


def _prefix_group(prefixes: Sequence[str]) -> str:
    """An alternation of prefixes; an empty prefix makes the group optional instead of
    being an empty alternative (MySQL 5.7's regex library refuses "(a||b)")."""
    kept = [p for p in dict.fromkeys(prefixes) if p]
    if not kept:
        return ""
    group = "(" + "|".join(kept) + ")"
    return group + "?" if len(kept) < len(dict.fromkeys(prefixes)) else group


# --------------------------------------------------------------------------- number types


def _desc_lengths(desc: Any, general: Any) -> list[int]:
    lengths = list(desc.possible_length or general.possible_length or ())
    return [x for x in lengths if x > 0]


def _type_regex(desc: Any, general: Any, length: int) -> str | None:
    if desc is None or not desc.national_number_pattern:
        return None
    if length not in _desc_lengths(desc, general):
        return None
    return of_length(parse(desc.national_number_pattern), length)


def _test_length_too_long(general: Any, length: int) -> bool:
    lengths = [int(x) for x in general.possible_length if x > 0]
    if not lengths or length in (general.possible_length_local_only or ()):
        return False
    return length > max(lengths) and length != min(lengths)


def _shapes(
    p: _Prefixes, general: Any, national: str, length: int, kind: str, notes: list[str]
) -> list[Arm]:
    """The arms matching a national number of `length` digits with every prefix the parser
    accepts before it."""
    tree = parse(national)
    if p.national_strings and may_start_with(tree, set(p.national_strings)):
        notes.append(f"{kind} numbers of length {length} may start with the national prefix")
    if may_start_with(tree, p.country_code_starts()):
        notes.append(f"{kind} numbers of length {length} may start with the country code")
    cc, np_one = p.cc, p.national_once
    body = f"({national})$"
    prefixes = p.main()
    # the country code without "+": kept by the parser when the whole string is not a
    # viable national number, or is too long for one
    np_lengths = sorted({len(s) for s in p.national_strings})
    conditional: list[str] = []
    candidates = [(cc, [len(cc) + length])]
    if p.national and np_lengths:
        candidates.append((cc + np_one, [len(cc) + k + length for k in np_lengths]))
    for prefix, totals in candidates:
        if all(_test_length_too_long(general, t) for t in totals):
            prefixes.append(prefix)
        else:
            conditional.append(prefix)
    if p.national and np_lengths:
        totals = [len(cc) + 2 * k + length for k in np_lengths]
        if all(_test_length_too_long(general, t) for t in totals):
            prefixes.append(cc + np_one + np_one)
    arms = [Arm("^" + _prefix_group(prefixes) + body, None, length)]
    if conditional:
        general_re = portable(str(general.national_number_pattern))
        arms.append(Arm("^" + _prefix_group(conditional) + body, f"^({general_re})$", length))
    return arms


def _mobile_arms(md: Any, p: _Prefixes, notes: list[str]) -> tuple[list[Arm], dict[int, str]]:
    """The usable arms, and the mobile pattern of each length."""
    general = md.general_desc
    mobile_desc = md.fixed_line if md.same_mobile_and_fixed_line_pattern else md.mobile
    usable: list[Arm] = []
    by_length: dict[int, str] = {}
    for length in _desc_lengths(mobile_desc, general) if mobile_desc else []:
        regex = _type_regex(mobile_desc, general, length)
        if regex:
            by_length[length] = regex
            usable += _shapes(p, general, regex, length, "mobile", notes)
    return usable, by_length


def _overlapping_specials(md: Any, mobile_by_length: dict[int, str]) -> dict[int, str]:
    """Per mobile length, the special-rate patterns that may match a mobile one too."""
    general = md.general_desc
    special_parts: dict[int, list[str]] = {}
    for name in _SPECIAL_TYPES:
        desc = getattr(md, name, None)
        if desc is None or not desc.national_number_pattern:
            continue
        for length in _desc_lengths(desc, general):
            regex = _type_regex(desc, general, length)
            if regex:
                special_parts.setdefault(length, []).append(regex)
    out: dict[int, str] = {}
    for length, regex in mobile_by_length.items():
        specials = special_parts.get(length, [])
        if specials and may_overlap(parse(regex), [parse(x) for x in specials], length):
            out[length] = union(specials) or ""
    return out


def _special_first(
    md: Any, p: _Prefixes, mobile_by_length: dict[int, str], notes: list[str]
) -> str | None:
    """A special-rate number that also matches the mobile pattern is not a mobile: the
    special patterns that may overlap a mobile one, to test first."""
    overlap: list[Arm] = []
    for length, specials in _overlapping_specials(md, mobile_by_length).items():
        overlap += _shapes(p, md.general_desc, specials, length, "special", notes)
    if not overlap:
        return None
    notes.append("special-rate patterns overlap mobile patterns: tested first")
    return "|".join(a.pattern for a in overlap if a.unless is None)


def _landline_arms(md: Any, p: _Prefixes, notes: list[str]) -> list[Arm]:
    """Landlines need no split by length (no number is taken from them): one pattern of
    every non-mobile type, each already limited to its possible lengths. The country code
    without "+" is kept when the whole string is not a viable national number. A type
    pattern may accept numbers the general pattern refuses (Germany's 049…), which the
    parser calls invalid: a landline must match the general pattern too."""
    general = md.general_desc
    land_types = [] if md.same_mobile_and_fixed_line_pattern else [md.fixed_line]
    land_types += [getattr(md, name, None) for name in _SPECIAL_TYPES]
    land = [
        portable(str(d.national_number_pattern))
        for d in land_types
        if d is not None and d.national_number_pattern
    ]
    if not land:
        return []
    national = union(land) or ""
    if may_start_with(parse(national), p.country_code_starts()):
        notes.append("landline numbers may start with the country code")
    cc, np_one = p.cc, p.national_once
    main = p.main()
    bare = [cc, cc + np_one] if p.national else [cc]
    lengths = {x for d in land_types if d is not None for x in _desc_lengths(d, general)}
    # "33 0 0 1…": kept with its country code when too long to be a national number
    too_long = [
        n
        for n in sorted(lengths)
        if p.national
        and all(
            _test_length_too_long(general, len(cc) + 2 * len(x) + n) for x in p.national_strings
        )
    ]
    double = ""
    if too_long and len(too_long) == len(lengths):
        main.append(cc + np_one + np_one)
    elif too_long:
        parts = [r for n in too_long for d in land_types if (r := _type_regex(d, general, n))]
        double = union(parts) or ""
    general_re = portable(str(general.national_number_pattern))
    every = [*main, *bare, *([cc + np_one + np_one] if double else [])]
    also = "^" + _prefix_group(every) + f"({general_re})$"
    arms = [
        Arm("^" + _prefix_group(main) + f"({national})$", None, 0, also),
        Arm("^" + _prefix_group(bare) + f"({national})$", f"^({general_re})$", 0, also),
    ]
    if double:
        arms.append(Arm(f"^{cc}{np_one}{np_one}({double})$", None, 0, also))
    return arms


@cache
def rules_for(region: str) -> CountryRules | None:
    """The SQL rules of one region (ISO code), or None when phonenumbers does not know it."""
    region = region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    md = PhoneMetadata.metadata_for_region(region)
    if md is None or md.general_desc is None or not md.general_desc.national_number_pattern:
        return None
    notes: list[str] = []
    if md.national_prefix_transform_rule:
        notes.append("national prefix transform rule not reproduced")
    code = int(md.country_code or 0)
    if len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ())) > 1:
        notes.append(f"country code +{code} shared with other regions")
    # the notes come in this order: prefixes, mobiles, special rates, landlines
    p = _prefixes(md, notes)
    usable, mobile_by_length = _mobile_arms(md, p, notes)
    special_first = _special_first(md, p, mobile_by_length, notes)
    landline = _landline_arms(md, p, notes)
    for other in OVERSEAS_REGIONS.get(region, ()):
        extra = rules_for(other)
        if extra is None:  # pragma: no cover - phonenumbers knows every overseas region
            continue
        # after the country's own arms, as check_mobile tries the department after it
        usable += [
            replace(a, country_code=extra.country_code, unless=a.unless or extra.special_first)
            for a in extra.usable
        ]
        landline += extra.landline
        # its arms are its own (a shared country code does not matter here)
        notes += [f"{n} ({other})" for n in extra.notes if not n.startswith("country code")]
    return CountryRules(
        region=region,
        country_code=p.cc,
        usable=tuple(usable),
        landline=tuple(landline),
        special_first=special_first,
        exact=not notes,
        notes=tuple(dict.fromkeys(notes)),
    )


def non_exact_regions(regions: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The regions (of `regions`) where the SQL may disagree with check_mobile, with why."""
    out: dict[str, tuple[str, ...]] = {}
    for region in regions:
        rules = rules_for(region)
        if rules is not None and not rules.exact:
            out[region] = rules.notes
    return out


# --------------------------------------------------------------------------- Python mirror


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
