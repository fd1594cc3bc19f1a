"""A regular expression as a tree, to reason about the strings it matches: their lengths,
how they start, whether two patterns can match the same string, and the sub-pattern that
matches only the strings of one length. phonenumbers' patterns use a small subset of the
syntax (digits, classes, groups, alternations, bounded repeats), which is all this handles
(anything else raises ValueError).

The tree is CPython's own parse (`re._parser`, `re._constants`): private modules, which
this is the only file to touch, so that a Python upgrade that changes them breaks here
alone. Sequences are frozen into nested tuples, so results are cached per sub-pattern.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

_sre: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: Repeats are unrolled up to this many characters (a phone number is shorter).
_LENGTH_CAP = 24

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
def parse(pattern: str) -> Seq:
    """The tree of a pattern."""
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


def union(alternatives: Iterable[str]) -> str | None:
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
def pattern_text(seq: Seq) -> str:
    """The tree written back as a portable pattern ([0-9], plain groups, no escapes)."""
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
        return "(" + pattern_text(av[-1]) + ")"
    if op is _c.BRANCH:
        return "(" + "|".join(pattern_text(alt) for alt in av[1]) + ")"
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi = av[0], av[1]
        body = pattern_text(av[2])
        if hi is _c.MAXREPEAT:
            return _group(body) + ("*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}")
        return _repeat_text(body, lo, hi)
    raise ValueError(f"unsupported regex node {op}")


def portable(pattern: str) -> str:
    """A phonenumbers pattern rewritten for every backend: [0-9], plain groups, no escapes."""
    return pattern_text(parse(pattern))


@cache
def of_length(seq: Seq, length: int) -> str | None:
    """Regex text matching exactly the strings of `seq`'s language that have `length` chars."""
    if length < 0:
        return None
    if not seq:
        return "" if length == 0 else None
    whole = _lengths_seq(seq)
    if length not in whole:
        return None
    if whole == frozenset({length}):
        return pattern_text(seq)
    first, rest = seq[0], seq[1:]
    rest_lengths = _lengths_seq(rest)
    alts: list[str] = []
    for k in sorted(_lengths_node(first)):
        if length - k not in rest_lengths:
            continue
        head = _exact_node(first, k)
        if head is None:
            continue
        tail = of_length(rest, length - k)
        if tail is None:
            continue
        alts.append(head + tail)
    return union(alts)


@cache
def _exact_node(node: Node, length: int) -> str | None:
    op, av = node
    lengths = _lengths_node(node)
    if length not in lengths:
        return None
    if lengths == frozenset({length}):
        return _text_node(node)
    if op is _c.SUBPATTERN:
        inner = of_length(av[-1], length)
        return None if inner is None else _group(inner)
    if op is _c.BRANCH:
        return union(x for x in (of_length(alt, length) for alt in av[1]) if x is not None)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, sub = int(av[0]), _max(av[1]), av[2]
        widths = _lengths_seq(sub)
        if len(widths) == 1:
            (width,) = widths
            if width and length % width == 0 and lo <= length // width <= hi:
                return _repeat_text(pattern_text(sub), length // width, length // width)
            return None
        alts = []
        for r in range(lo, hi + 1):
            x = of_length(sub * r, length)
            if x is not None:
                alts.append(x)
        return union(alts)
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


def may_overlap(first: Seq, others: Sequence[Seq], length: int) -> bool:
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


def may_start_with(seq: Seq, strings: set[str]) -> bool:
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


def alternatives(pattern: str) -> tuple[Seq, ...]:
    """The top-level alternatives of a pattern (the whole pattern if it has none), anchors
    left out."""
    seq = parse(pattern)
    alts = seq[0][1][1] if len(seq) == 1 and seq[0][0] is _c.BRANCH else (seq,)
    return tuple(tuple(n for n in alt if n[0] is not _c.AT) for alt in alts)


def short_strings(seq: Seq, max_length: int, max_strings: int) -> frozenset[str] | None:
    """Every string of `seq`'s language when there are at most `max_strings`, none longer
    than `max_length`; None when the language is bigger (or uses what this cannot read)."""
    try:
        small = max(_lengths_seq(seq)) <= max_length and _size_seq(seq) <= max_strings
        heads = _heads_seq(seq, max_length + 1) if small else None
    except ValueError:
        heads = None
    if heads is None or len(heads) > max_strings or any(len(h) > max_length for h in heads):
        return None
    return heads
