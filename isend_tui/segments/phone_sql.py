"""Phone-number usability computed in the shop database, from the phonenumbers metadata.

Counting a million customers in seconds rules out fetching their numbers to Python, so the
rule of `isend_tui.sms.phone.check_mobile` (a valid mobile of the address's country, read
with that country as default region) is translated into SQL, per country:

1. a cleaned string: the raw value with spaces, dots, dashes, parentheses, slashes, no-break
   spaces, tabs and line breaks removed by nested REPLACE (portable: no REGEXP_REPLACE);
2. a CASE on the address's country picks that country's REGEXP patterns (passed as
   parameters). Each pattern is anchored and matches the cleaned string with every prefix
   the phonenumbers parser accepts for that country: ``+CC``, the international prefix
   (``00CC``), ``CC`` alone, the national prefix (``0``) and combinations (``+33 (0)6…``);
   the national part is the library's own mobile (or fixed-line and special-rate) pattern,
   split by length;
3. the result is one string: a class code, a caller's sort key, and for a usable mobile
   the number in iSendPro's form (international without ``+``: CC then the national
   significant number, taken as the last N digits of the cleaned string). Codes:
   ``'3'`` usable mobile, ``'2'`` landline (any valid number that is not a mobile: fixed,
   VoIP, toll-free…), ``'1'`` invalid (also an unknown country), ``'0'`` empty. They sort
   best last, which the segment compiler uses to pick a customer's number with MAX().

Patterns are made portable (``\\d`` → ``[0-9]``, ``(?:`` → ``(``, ``+`` → ``[+]``) so they
work on MariaDB (PCRE), MySQL 8 (ICU), MySQL 5.7 (Henry Spencer) and SQLite (Python re).

The translation follows the parser's steps (phonenumberutil.parse: plus sign, IDD, country
code without plus, national prefix with its viability checks, then the number type) for
the shapes customers type. `rules_for(region).exact` is False, with `notes`, for countries
whose metadata uses features the translation does not reproduce (national prefix
transform rules, mobiles that start with the national prefix, …): there the SQL can
disagree with check_mobile on unusual inputs. Inputs that are never equivalent, in any
country: text around the number ("Tel: 06…"), extensions ("… ext. 12"), letters, digits
other than ASCII, separators other than the ones above, and a country code other than the
address's in a number written on an address of a country phonenumbers does not know.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import phonenumbers
from phonenumbers import PhoneMetadata

from isend_tui.shop.dsn import Backend

_sre: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: Characters removed before matching (the separators customers type).
SEPARATORS = (" ", ".", "-", "(", ")", "/", "\u00a0", "\t", "\n", "\r")

#: Class codes, best last (a customer's number is the MAX of its candidates).
USABLE, LANDLINE, INVALID, EMPTY = "3", "2", "1", "0"

_LENGTH_CAP = 24
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


# --------------------------------------------------------------------------- regex trees


Node = tuple[Any, Any]
Seq = tuple[Node, ...]


def _freeze(data: Any) -> Seq:
    """sre_parse's lists as nested tuples, so results can be cached per sub-pattern."""
    out: list[Node] = []
    for op, av in data:
        if op is _c.SUBPATTERN:
            av = (*av[:-1], _freeze(av[-1]))
        elif op is _c.BRANCH:
            av = (av[0], tuple(_freeze(alt) for alt in av[1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            av = (av[0], av[1], _freeze(av[2]))
        elif op is _c.IN:
            av = tuple(av)
        out.append((op, av))
    return tuple(out)


@cache
def _parse(pattern: str) -> Seq:
    return _freeze(_sre.parse(pattern).data)


def _class_chars(items: Sequence[tuple[Any, Any]]) -> frozenset[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.update("0123456789")
        elif op is _c.NEGATE:
            negate = True
        else:
            raise ValueError(f"unsupported class item {op} {av}")
    if negate:
        chars = set("0123456789") - chars
    return frozenset(chars)


def _node_chars(node: Node) -> frozenset[str] | None:
    op, av = node
    if op is _c.LITERAL:
        return frozenset(chr(av))
    if op is _c.IN:
        return _class_chars(av)
    if op is _c.ANY:
        return frozenset("0123456789")
    return None


def _chars_text(chars: frozenset[str]) -> str:
    if len(chars) == 1:
        (only,) = chars
        return only if only.isdigit() else f"[{only}]"
    digits = sorted(chars)
    if any(not d.isdigit() for d in digits):
        raise ValueError(f"unsupported characters {digits}")
    if digits == list("0123456789"):
        return "[0-9]"
    # compress runs: [0-24-8]
    parts: list[str] = []
    values = [int(d) for d in digits]
    start = prev = values[0]
    for v in [*values[1:], -10]:
        if v == prev + 1:
            prev = v
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = v
    return "[" + "".join(parts) + "]"


def _group(text: str) -> str:
    return text if len(text) <= 1 or _is_atom(text) else f"({text})"


def _is_atom(text: str) -> bool:
    if len(text) == 1:
        return True
    if text.startswith("[") and text.endswith("]") and text.count("[") == 1:
        return True
    if text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and i < len(text) - 1:
                return False
        return True
    return False


def _union(alternatives: Iterable[str]) -> str | None:
    alts = list(dict.fromkeys(alternatives))
    if not alts:
        return None
    if len(alts) == 1:
        return alts[0]
    return "(" + "|".join(alts) + ")"


def _repeat_text(body: str, lo: int, hi: int) -> str:
    atom = _group(body)
    if lo == hi:
        return atom if lo == 1 else f"{atom}{{{lo}}}"
    if (lo, hi) == (0, 1):
        return f"{atom}?"
    return f"{atom}{{{lo},{hi}}}"


def _max(av: Any) -> int:
    return _LENGTH_CAP if av is _c.MAXREPEAT or av > _LENGTH_CAP else int(av)


@cache
def _lengths_seq(seq: Seq) -> frozenset[int]:
    out = frozenset({0})
    for node in seq:
        ln = _lengths_node(node)
        out = frozenset(a + b for a in out for b in ln if a + b <= _LENGTH_CAP)
    return out


@cache
def _lengths_node(node: Node) -> frozenset[int]:
    op, av = node
    if _node_chars(node) is not None:
        return frozenset({1})
    if op is _c.AT:
        return frozenset({0})
    if op is _c.SUBPATTERN:
        return _lengths_seq(av[-1])
    if op is _c.BRANCH:
        out: set[int] = set()
        for alt in av[1]:
            out |= _lengths_seq(alt)
        return frozenset(out)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, sub = av[0], _max(av[1]), av[2]
        inner = _lengths_seq(sub)
        acc: set[int] = set()
        cur = frozenset({0})
        for r in range(hi + 1):
            if r >= lo:
                acc |= cur
            nxt = frozenset(a + b for a in cur for b in inner if a + b <= _LENGTH_CAP)
            if nxt == cur and r >= lo:
                break
            cur = nxt
        return frozenset(acc)
    raise ValueError(f"unsupported regex node {op}")


@cache
def _text_seq(seq: Seq) -> str:
    return "".join(_text_node(n) for n in seq)


def _text_node(node: Node) -> str:
    op, av = node
    chars = _node_chars(node)
    if chars is not None:
        return _chars_text(chars)
    if op is _c.AT:
        if av is _c.AT_END:
            return "$"
        if av is _c.AT_BEGINNING:
            return "^"
        raise ValueError(f"unsupported anchor {av}")
    if op is _c.SUBPATTERN:
        return "(" + _text_seq(av[-1]) + ")"
    if op is _c.BRANCH:
        return "(" + "|".join(_text_seq(alt) for alt in av[1]) + ")"
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi = av[0], av[1]
        body = _text_seq(av[2])
        if hi is _c.MAXREPEAT:
            return _group(body) + ("*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}")
        return _repeat_text(body, lo, hi)
    raise ValueError(f"unsupported regex node {op}")


def portable(pattern: str) -> str:
    """A phonenumbers pattern rewritten for every backend: [0-9], plain groups, no escapes."""
    return _text_seq(_parse(pattern))


@cache
def _exact_seq(seq: Seq, length: int) -> str | None:
    """Regex text matching exactly the strings of `seq`'s language that have `length` chars."""
    if length < 0:
        return None
    if not seq:
        return "" if length == 0 else None
    whole = _lengths_seq(seq)
    if length not in whole:
        return None
    if whole == frozenset({length}):
        return _text_seq(seq)
    first, rest = seq[0], seq[1:]
    rest_lengths = _lengths_seq(rest)
    alts: list[str] = []
    for k in sorted(_lengths_node(first)):
        if length - k not in rest_lengths:
            continue
        head = _exact_node(first, k)
        if head is None:
            continue
        tail = _exact_seq(rest, length - k)
        if tail is None:
            continue
        alts.append(head + tail)
    return _union(alts)


@cache
def _exact_node(node: Node, length: int) -> str | None:
    op, av = node
    lengths = _lengths_node(node)
    if length not in lengths:
        return None
    if lengths == frozenset({length}):
        return _text_node(node)
    if op is _c.SUBPATTERN:
        inner = _exact_seq(av[-1], length)
        return None if inner is None else _group(inner)
    if op is _c.BRANCH:
        return _union(x for x in (_exact_seq(alt, length) for alt in av[1]) if x is not None)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, sub = int(av[0]), _max(av[1]), av[2]
        widths = _lengths_seq(sub)
        if len(widths) == 1:
            (width,) = widths
            if width and length % width == 0 and lo <= length // width <= hi:
                return _repeat_text(_text_seq(sub), length // width, length // width)
            return None
        alts = []
        for r in range(lo, hi + 1):
            x = _exact_seq(sub * r, length)
            if x is not None:
                alts.append(x)
        return _union(alts)
    raise ValueError(f"unsupported regex node {op}")


@cache
def _heads_seq(seq: Seq, limit: int) -> frozenset[str]:
    """Every string of the language cut to `limit` characters (shorter strings kept whole)."""
    result: set[str] = {""}
    for node in seq:
        nxt: set[str] = set()
        for head in result:
            if len(head) >= limit:
                nxt.add(head)
                continue
            for tail in _heads_node(node, limit - len(head)):
                nxt.add(head + tail)
        result = nxt
    return frozenset(result)


@cache
def _heads_node(node: Node, limit: int) -> frozenset[str]:
    if limit <= 0:
        return frozenset({""})
    op, av = node
    chars = _node_chars(node)
    if chars is not None:
        return chars
    if op is _c.AT:
        return frozenset({""})
    if op is _c.SUBPATTERN:
        return _heads_seq(av[-1], limit)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _heads_seq(alt, limit)
        return frozenset(out)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, sub = av[0], _max(av[1]), av[2]
        acc: set[str] = set()
        cur = {""}
        for r in range(hi + 1):
            if r >= lo:
                acc |= cur
            nxt: set[str] = set()
            for head in cur:
                if len(head) >= limit:
                    nxt.add(head)
                    continue
                nxt.update(head + t for t in _heads_seq(sub, limit - len(head)))
            if nxt == cur and r >= lo:
                break
            cur = nxt
        return frozenset(acc)
    raise ValueError(f"unsupported regex node {op}")


def _may_overlap(first: Seq, others: Sequence[Seq], length: int) -> bool:
    """Whether `first` may share a string with one of `others` (False is exact; True may not
    be: prefixes are compared up to 4 digits)."""
    for depth in range(1, min(length, 4) + 1):
        mine = _heads_seq(first, depth)
        theirs: set[str] = set()
        for other in others:
            theirs |= _heads_seq(other, depth)
        if not mine & theirs:
            return False
    return True


def _may_start_with(seq: Seq, strings: set[str]) -> bool:
    """Whether some string of `seq`'s language starts with one of `strings` (exact)."""
    if not strings:
        return False
    for depth in range(1, max(len(s) for s in strings) + 1):
        wanted = {s[:depth] for s in strings if len(s) >= depth}
        heads = _heads_seq(seq, depth)
        if any(s in heads for s in strings if len(s) == depth):
            return True
        if not wanted & heads:
            return False
    return False


_PREFIX_MAX_LENGTH = 8


@cache
def _size_seq(seq: Seq) -> int:
    """An upper bound of the number of strings of the language (capped)."""
    total = 1
    for node in seq:
        total = min(total * _size_node(node), 10**9)
    return total


@cache
def _size_node(node: Node) -> int:
    op, av = node
    chars = _node_chars(node)
    if chars is not None:
        return len(chars)
    if op is _c.AT:
        return 1
    if op is _c.SUBPATTERN:
        return _size_seq(av[-1])
    if op is _c.BRANCH:
        return min(sum(_size_seq(alt) for alt in av[1]), 10**9)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        inner: int = _size_seq(av[2])
        lo = int(av[0])
        total: int = sum(inner**r for r in range(lo, min(_max(av[1]), 12) + 1))
        return min(total, 10**9)
    raise ValueError(f"unsupported regex node {op}")


_PREFIX_MAX_STRINGS = 2000


def _small_prefix(pattern: str, notes: list[str], what: str) -> tuple[str, set[str]]:
    """A national or international prefix pattern as (portable regex, its strings).

    Only the top-level alternatives with a short, finite language are kept (a transform
    rule's capture of a whole local number is not a prefix); a note records the others.
    """
    if not pattern:
        return "", set()
    try:
        seq = _parse(pattern)
    except Exception:  # pragma: no cover - every phonenumbers pattern parses
        notes.append(f"{what} pattern not reproduced")
        return "", set()
    alternatives = seq[0][1][1] if len(seq) == 1 and seq[0][0] is _c.BRANCH else (seq,)
    kept: list[str] = []
    strings: set[str] = set()
    for alt in alternatives:
        alt = tuple(n for n in alt if n[0] is not _c.AT)
        try:
            small = (
                max(_lengths_seq(alt)) <= _PREFIX_MAX_LENGTH
                and _size_seq(alt) <= _PREFIX_MAX_STRINGS
            )
            heads = _heads_seq(alt, _PREFIX_MAX_LENGTH + 1) if small else None
        except ValueError:
            heads = None
        if (
            heads is None
            or len(heads) > _PREFIX_MAX_STRINGS
            or any(len(h) > _PREFIX_MAX_LENGTH for h in heads)
        ):
            notes.append(f"{what} alternative {_text_seq(alt)!r} not reproduced")
            continue
        kept.append(_text_seq(alt))
        strings |= {h for h in heads if h}
    return (_union(kept) or ""), strings


# --------------------------------------------------------------------------- country rules


@dataclass(frozen=True)
class Arm:
    """`pattern` matches the cleaned number, `also` too when set, `unless` must not."""

    pattern: str
    unless: str | None = None
    length: int = 0  # national significant number length (usable arms)
    also: str | None = None  # must match too (the country's general pattern)


@dataclass(frozen=True)
class CountryRules:
    region: str
    country_code: str
    usable: tuple[Arm, ...]
    landline: tuple[Arm, ...]
    special_first: str | None  # special-rate numbers that could also match a mobile pattern
    exact: bool
    notes: tuple[str, ...] = field(default=())


def _desc_lengths(desc: Any, general: Any) -> list[int]:
    lengths = list(desc.possible_length or general.possible_length or ())
    return [x for x in lengths if x > 0]


def _type_regex(desc: Any, general: Any, length: int) -> str | None:
    if desc is None or not desc.national_number_pattern:
        return None
    if length not in _desc_lengths(desc, general):
        return None
    return _exact_seq(_parse(desc.national_number_pattern), length)


def _test_length_too_long(general: Any, length: int) -> bool:
    lengths = [int(x) for x in general.possible_length if x > 0]
    if not lengths or length in (general.possible_length_local_only or ()):
        return False
    return length > max(lengths) and length != min(lengths)


@cache
def rules_for(region: str) -> CountryRules | None:
    """The SQL rules of one region (ISO code), or None when phonenumbers does not know it."""
    region = region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    md = PhoneMetadata.metadata_for_region(region)
    if md is None or md.general_desc is None or not md.general_desc.national_number_pattern:
        return None
    general = md.general_desc
    code = int(md.country_code or 0)
    cc = str(code)
    notes: list[str] = []
    np_pattern = md.national_prefix_for_parsing or ""
    if md.national_prefix_transform_rule:
        notes.append("national prefix transform rule not reproduced")
    if len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ())) > 1:
        notes.append(f"country code +{cc} shared with other regions")
    np_re, np_strings = _small_prefix(np_pattern, notes, "national prefix")
    idd_re, idd_strings = _small_prefix(
        md.international_prefix or "", notes, "international prefix"
    )
    np_opt = f"({np_re})?" if np_re else ""
    np_one = f"({np_re})" if np_re else ""

    def shapes(national: str, length: int, kind: str, *, note: bool = True) -> list[Arm]:
        tree = _parse(national)
        if not note:
            pass
        elif np_strings and _may_start_with(tree, np_strings):
            notes.append(f"{kind} numbers of length {length} may start with the national prefix")
        starts = {cc} | {cc[len(s) :] for s in np_strings if cc.startswith(s)}
        if note and _may_start_with(tree, {x for x in starts if x}):
            notes.append(f"{kind} numbers of length {length} may start with the country code")
        body = f"({national})$"
        prefixes = _main_prefixes(cc, np_opt, idd_re, idd_strings)
        arms: list[Arm] = []
        # the country code without "+": kept by the parser when the whole string is not a
        # viable national number, or is too long for one
        np_lengths = sorted({len(s) for s in np_strings})
        conditional: list[str] = []
        candidates = [(cc, [len(cc) + length])]
        if np_re and np_lengths:
            candidates.append((cc + np_one, [len(cc) + k + length for k in np_lengths]))
        for prefix, totals in candidates:
            if all(_test_length_too_long(general, t) for t in totals):
                prefixes.append(prefix)
            else:
                conditional.append(prefix)
        if np_re and np_lengths:
            totals = [len(cc) + 2 * k + length for k in np_lengths]
            if all(_test_length_too_long(general, t) for t in totals):
                prefixes.append(cc + np_one + np_one)
        arms.append(Arm("^" + _prefix_group(prefixes) + body, None, length))
        if conditional:
            arms.append(
                Arm(
                    "^" + _prefix_group(conditional) + body,
                    "^(" + portable(str(general.national_number_pattern)) + ")$",
                    length,
                )
            )
        return arms

    mobile_desc = md.fixed_line if md.same_mobile_and_fixed_line_pattern else md.mobile
    usable: list[Arm] = []
    mobile_by_length: dict[int, str] = {}
    for length in _desc_lengths(mobile_desc, general) if mobile_desc else []:
        regex = _type_regex(mobile_desc, general, length)
        if regex:
            mobile_by_length[length] = regex
            usable += shapes(regex, length, "mobile")
    special_parts: dict[int, list[str]] = {}
    for name in _SPECIAL_TYPES:
        desc = getattr(md, name, None)
        if desc is None or not desc.national_number_pattern:
            continue
        for length in _desc_lengths(desc, general):
            regex = _type_regex(desc, general, length)
            if regex:
                special_parts.setdefault(length, []).append(regex)
    fixed_parts: dict[int, list[str]] = {}
    if not md.same_mobile_and_fixed_line_pattern and md.fixed_line is not None:
        for length in _desc_lengths(md.fixed_line, general):
            regex = _type_regex(md.fixed_line, general, length)
            if regex:
                fixed_parts.setdefault(length, []).append(regex)
    # a special-rate number that also matches the mobile pattern is not a mobile: test the
    # special patterns first when the two may overlap
    overlap: list[Arm] = []
    for length, regex in mobile_by_length.items():
        specials = special_parts.get(length, [])
        if not specials:
            continue
        if _may_overlap(_parse(regex), [_parse(x) for x in specials], length):
            overlap += shapes(_union(specials) or "", length, "special")
    special_first = None
    if overlap:
        notes.append("special-rate patterns overlap mobile patterns: tested first")
        special_first = "|".join(a.pattern for a in overlap if a.unless is None)
    # Landlines need no split by length (no number is taken from them): one pattern of
    # every non-mobile type, each already limited to its possible lengths. The country
    # code without "+" is kept when the whole string is not a viable national number.
    # A type pattern may accept numbers the general pattern refuses (Germany's 049…),
    # which the parser calls invalid: a landline must match the general pattern too.
    land_types = [] if md.same_mobile_and_fixed_line_pattern else [md.fixed_line]
    land_types += [getattr(md, name, None) for name in _SPECIAL_TYPES]
    land = [
        portable(str(d.national_number_pattern))
        for d in land_types
        if d is not None and d.national_number_pattern
    ]
    landline: list[Arm] = []
    if land:
        national = _union(land) or ""
        tree = _parse(national)
        starts = {cc} | {cc[len(x) :] for x in np_strings if cc.startswith(x)}
        if _may_start_with(tree, {x for x in starts if x}):
            notes.append("landline numbers may start with the country code")
        main = _main_prefixes(cc, np_opt, idd_re, idd_strings)
        bare = [cc, cc + np_one] if np_re else [cc]
        lengths = {x for d in land_types if d is not None for x in _desc_lengths(d, general)}
        # "33 0 0 1…": kept with its country code when too long to be a national number
        too_long = [
            n
            for n in sorted(lengths)
            if np_re
            and all(_test_length_too_long(general, len(cc) + 2 * len(x) + n) for x in np_strings)
        ]
        double = ""
        if too_long and len(too_long) == len(lengths):
            main.append(cc + np_one + np_one)
        elif too_long:
            parts = [r for n in too_long for d in land_types if (r := _type_regex(d, general, n))]
            double = _union(parts) or ""
        general_re = portable(str(general.national_number_pattern))
        every = [*main, *bare, *([cc + np_one + np_one] if double else [])]
        also = "^" + _prefix_group(every) + f"({general_re})$"
        landline.append(Arm("^" + _prefix_group(main) + f"({national})$", None, 0, also))
        bare_re = "^" + _prefix_group(bare) + f"({national})$"
        landline.append(Arm(bare_re, f"^({general_re})$", 0, also))
        if double:
            landline.append(Arm(f"^{cc}{np_one}{np_one}({double})$", None, 0, also))
    exact = not notes
    return CountryRules(
        region=region,
        country_code=cc,
        usable=tuple(usable),
        landline=tuple(landline),
        special_first=special_first,
        exact=exact,
        notes=tuple(dict.fromkeys(notes)),
    )


def _prefix_group(prefixes: Sequence[str]) -> str:
    """An alternation of prefixes; an empty prefix makes the group optional instead of
    being an empty alternative (MySQL 5.7's regex library refuses "(a||b)")."""
    kept = [p for p in dict.fromkeys(prefixes) if p]
    if not kept:
        return ""
    group = "(" + "|".join(kept) + ")"
    return group + "?" if len(kept) < len(dict.fromkeys(prefixes)) else group


def _main_prefixes(cc: str, np_opt: str, idd_re: str, idd_strings: set[str]) -> list[str]:
    """What may precede a national number: +CC, the international prefix and CC, the
    national prefix, or nothing (the country code alone is handled apart)."""
    prefixes = [f"[+]+{cc}{np_opt}"]
    if idd_re:
        prefixes.append(f"({idd_re}){cc}{np_opt}")
        if all(x.startswith("0") for x in idd_strings):
            # "+0033 6…": the parser retries without the plus when no country code
            # follows it, and then finds the international prefix
            prefixes.append(f"[+]+({idd_re}){cc}{np_opt}")
    prefixes.append(np_opt)
    return prefixes


def _merge(arms: Sequence[Arm]) -> list[Arm]:
    """Landline arms need no length: join the unconditional ones into one pattern."""
    plain = [a.pattern for a in arms if a.unless is None]
    out = [Arm("|".join(f"({p})" for p in plain))] if plain else []
    unless_groups: dict[str, list[str]] = {}
    for a in arms:
        if a.unless is not None:
            unless_groups.setdefault(a.unless, []).append(a.pattern)
    out += [Arm("|".join(f"({p})" for p in ps), u) for u, ps in unless_groups.items()]
    return out


# --------------------------------------------------------------------------- Python mirror


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def clean(raw: str) -> str:
    """What the SQL's nested REPLACE leaves of a raw value."""
    for ch in SEPARATORS:
        raw = raw.replace(ch, "")
    return raw


def _arm_matches(arm: Arm, value: str) -> bool:
    if not _compiled(arm.pattern).search(value):
        return False
    if arm.also is not None and not _compiled(arm.also).search(value):
        return False
    return arm.unless is None or not _compiled(arm.unless).search(value)


def classify(raw: str | None, region: str | None) -> str:
    """The SQL expression's result computed in Python (USABLE + number, or another code).

    Used by the tests to tell a rule problem (this differs from check_mobile) from a SQL
    problem (the database differs from this).
    """
    if raw is None or raw == "":
        return EMPTY
    rules = rules_for(region or "")
    if rules is None:
        return EMPTY if _only_blanks(raw) else INVALID
    value = clean(raw)
    if rules.special_first and _compiled(rules.special_first).search(value):
        return LANDLINE
    for arm in rules.usable:
        if _arm_matches(arm, value):
            return USABLE + rules.country_code + value[-arm.length :]
    for arm in rules.landline:
        if _arm_matches(arm, value):
            return LANDLINE
    return EMPTY if _only_blanks(raw) else INVALID


_BLANKS = (" ", "\u00a0", "\t", "\n", "\r")


def _only_blanks(raw: str) -> bool:
    for ch in _BLANKS:
        raw = raw.replace(ch, "")
    return raw == ""


# --------------------------------------------------------------------------- SQL


@dataclass(frozen=True)
class Fragment:
    """A piece of SQL with its parameters, in order."""

    sql: str
    params: tuple[object, ...] = ()


def clean_sql(expr: str) -> str:
    """Nested REPLACE removing SEPARATORS from `expr` (string literals, no parameters)."""
    out = expr
    for ch in SEPARATORS:
        out = f"REPLACE({out}, '{ch}', '')"
    return out


def concat(backend: Backend, *parts: str) -> str:
    parts = tuple(p for p in parts if p)
    if len(parts) == 1:
        return parts[0]
    if backend == "mysql":
        return "CONCAT(" + ", ".join(parts) + ")"
    return "(" + " || ".join(parts) + ")"


def _right(backend: Backend, expr: str, n: int) -> str:
    if backend == "mysql":
        return f"RIGHT({expr}, {int(n)})"
    return f"SUBSTR({expr}, -{int(n)})"


def _arm_sql(arm: Arm, cleaned: str, params: list[object]) -> str:
    params.append(arm.pattern)
    sql = f"{cleaned} REGEXP %s"
    if arm.also is not None:
        params.append(arm.also)
        sql = f"({sql} AND {cleaned} REGEXP %s)"
    if arm.unless is not None:
        params.append(arm.unless)
        sql = f"({sql} AND NOT ({cleaned} REGEXP %s))"
    return sql


def _tagged(backend: Backend, code: str, middle: str) -> str:
    return concat(backend, f"'{code}'", middle)


def blank_or_invalid(raw: str, backend: Backend, middle: str = "") -> str:
    """EMPTY when `raw` holds only blanks (spaces, tabs, line breaks), else INVALID."""
    stripped = raw
    for ch in _BLANKS:
        stripped = f"REPLACE({stripped}, '{ch}', '')"
    return (
        f"CASE WHEN {stripped} = '' THEN {_tagged(backend, EMPTY, middle)} "
        f"ELSE {_tagged(backend, INVALID, middle)} END"
    )


def country_case(
    rules: CountryRules, raw: str, cleaned: str, backend: Backend, middle: str = ""
) -> Fragment:
    """The CASE classifying a non-empty value with one country's rules."""
    params: list[object] = []
    whens: list[str] = []
    landline = _tagged(backend, LANDLINE, middle)
    if rules.special_first:
        params.append(rules.special_first)
        whens.append(f"WHEN {cleaned} REGEXP %s THEN {landline}")
    for arm in rules.usable:
        cond = _arm_sql(arm, cleaned, params)
        number = concat(
            backend,
            f"'{USABLE}'",
            middle,
            f"'{rules.country_code}'",
            _right(backend, cleaned, arm.length),
        )
        whens.append(f"WHEN {cond} THEN {number}")
    for arm in rules.landline:
        whens.append(f"WHEN {_arm_sql(arm, cleaned, params)} THEN {landline}")
    return Fragment(
        "CASE " + " ".join(whens) + f" ELSE {blank_or_invalid(raw, backend, middle)} END",
        tuple(params),
    )


def phone_class_sql(
    raw: str,
    country: str,
    branches: Sequence[tuple[object, str]],
    backend: Backend,
    middle: str = "",
) -> Fragment:
    """SQL classifying the raw number `raw` of an address in country `country`.

    `country` is an SQL expression (an address's id_country, or a country's iso_code) and
    `branches` pairs each value it can take with the ISO code whose rules apply (a value
    not listed counts as an unknown country: invalid unless blank). The result is one
    string: a class code, then the SQL `middle` (a sort key the caller builds, may be
    empty), then for a usable mobile the number in iSendPro's form. Class codes sort
    best last: USABLE '3', LANDLINE '2', INVALID '1', EMPTY '0', so MAX() over a
    customer's candidates picks the first usable number in the caller's priority order.
    """
    cleaned = clean_sql(raw)
    params: list[object] = []
    whens: list[str] = []
    for key, iso in branches:
        rules = rules_for(iso)
        if rules is None:
            continue
        case = country_case(rules, raw, cleaned, backend, middle)
        params.append(key)
        params.extend(case.params)
        whens.append(f"WHEN %s THEN {case.sql}")
    empty = f"WHEN {raw} IS NULL OR {raw} = '' THEN {_tagged(backend, EMPTY, middle)}"
    fallback = blank_or_invalid(raw, backend, middle)
    if not whens:
        return Fragment(f"(CASE {empty} ELSE {fallback} END)")
    inner = f"CASE {country} " + " ".join(whens) + f" ELSE {fallback} END"
    return Fragment(f"(CASE {empty} ELSE {inner} END)", tuple(params))


def non_exact_regions(regions: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The regions (of `regions`) where the SQL may disagree with check_mobile, with why."""
    out: dict[str, tuple[str, ...]] = {}
    for region in regions:
        rules = rules_for(region)
        if rules is not None and not rules.exact:
            out[region] = rules.notes
    return out
