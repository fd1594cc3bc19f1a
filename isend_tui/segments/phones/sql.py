"""The SQL expression classifying a raw phone value of an address, per country (see the
package doc): nested REPLACE cleans the value, a CASE on the country picks that country's
REGEXP patterns, passed as parameters."""

from __future__ import annotations

from collections.abc import Sequence

from isend_tui.segments.dialect import Dialect, Fragment, Sql
from isend_tui.segments.phones.abroad import AbroadRules, abroad_codes
from isend_tui.segments.phones.country_rules import (
    BLANKS,
    EMPTY,
    INVALID,
    LANDLINE,
    SEPARATORS,
    USABLE,
    Arm,
    CountryRules,
    rules_for,
)
from isend_tui.shop.dsn import Backend


def clean_sql(expr: str, backend: Backend = "mysql") -> str:
    """Nested REPLACE removing SEPARATORS from `expr` (string literals, no parameters); on
    SQLite the shop connection's ``isend_phone_clean``, which does the same in one call
    (SQLite's parser refuses the nesting inside a segment's statement)."""
    if backend == "sqlite":
        return f"isend_phone_clean({expr})"
    out = expr
    for ch in SEPARATORS:
        out = f"REPLACE({out}, '{ch}', '')"
    return out


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


def _tagged(d: Dialect, code: str, middle: str) -> str:
    return d.concat(f"'{code}'", middle)


def blank_or_invalid(raw: str, backend: Backend, middle: str = "") -> str:
    """EMPTY when `raw` holds only blanks (spaces, tabs, line breaks), else INVALID."""
    d = Dialect(backend)
    stripped = raw
    for ch in BLANKS:
        stripped = f"REPLACE({stripped}, '{ch}', '')"
    return (
        f"CASE WHEN {stripped} = '' THEN {_tagged(d, EMPTY, middle)} "
        f"ELSE {_tagged(d, INVALID, middle)} END"
    )


def _usable_case(
    rules: CountryRules, cleaned: str, d: Dialect, middle: str, params: list[object]
) -> str:
    """One country's usable mobile (code, middle, number), else NULL."""
    whens: list[str] = []
    if rules.special_first:
        params.append(rules.special_first)
        whens.append(f"WHEN {cleaned} REGEXP %s THEN NULL")
    for arm in rules.usable:
        cond = _arm_sql(arm, cleaned, params)
        code = arm.country_code or rules.country_code
        number = d.concat(f"'{USABLE}'", middle, f"'{code}'", d.right(cleaned, arm.length))
        whens.append(f"WHEN {cond} THEN {number}")
    return "CASE " + " ".join(whens) + " END" if whens else "NULL"


def _rest_case(
    rules: CountryRules, raw: str, cleaned: str, backend: Backend, middle: str,
    params: list[object],
) -> str:  # fmt: skip
    """One country's verdict on a number that is not one of its usable mobiles."""
    landline = _tagged(Dialect(backend), LANDLINE, middle)
    whens: list[str] = []
    if rules.special_first:
        params.append(rules.special_first)
        whens.append(f"WHEN {cleaned} REGEXP %s THEN {landline}")
    for arm in rules.landline:
        whens.append(f"WHEN {_arm_sql(arm, cleaned, params)} THEN {landline}")
    rest = blank_or_invalid(raw, backend, middle)
    return "CASE " + " ".join(whens) + f" ELSE {rest} END" if whens else rest


def _abroad_region(rules: AbroadRules, cleaned: str, d: Dialect, middle: str) -> Fragment:
    params: list[object] = []
    whens: list[str] = []
    if rules.special:
        params.append(rules.special)
        whens.append(f"WHEN {cleaned} REGEXP %s THEN NULL")
    for arm in rules.usable:
        params.append(arm.pattern)
        number = d.concat(
            f"'{USABLE}'", middle, f"'{rules.country_code}'", d.right(cleaned, arm.length)
        )
        whens.append(f"WHEN {cleaned} REGEXP %s THEN {number}")
    return Fragment("CASE " + " ".join(whens) + " END", tuple(params))


def abroad_sql(cleaned: str, backend: Backend, middle: str = "") -> Fragment:
    """A cleaned value written with its country code (``+CC…``, ``00CC…``) that is a usable
    mobile of that country, as (code, middle, number); else NULL.

    The code is found by a simple CASE on the first one, two and three digits after the
    plus (each evaluates the digits once; country codes are prefix-free, so one matches),
    kept flat: SQLite's parser refuses deeper nesting inside a segment's statement. The
    whole is behind a test of the value's start: most values are national numbers, and
    without it each would compute its digits three times (each time the cleaning twice)
    and compare NULL with every country code (a simple CASE goes through all its WHENs)."""
    d = Dialect(backend)
    plus, zeros = f"{d.substr(cleaned, 1, 1)} = '+'", f"{d.substr(cleaned, 1, 2)} = '00'"
    digits = (
        f"(CASE WHEN {plus} THEN {d.strip_pluses(cleaned)} "
        f"WHEN {zeros} THEN {d.strip_pluses(d.substr(cleaned, 3))} END)"
    )
    by_width: dict[int, Sql] = {}
    for code, regions in abroad_codes():
        blocks = [_abroad_region(r, cleaned, d, middle) for r in regions]
        inner = (
            blocks[0].sql
            if len(blocks) == 1
            else "COALESCE(" + ", ".join(b.sql for b in blocks) + ")"
        )
        when = by_width.setdefault(len(code), Sql())
        when.add(f"WHEN '{code}' THEN {inner}", *(x for b in blocks for x in b.params))
    out = Sql()
    for width, whens in sorted(by_width.items()):
        out.add(f"CASE {d.substr(digits, 1, width)} {whens.text()} END", *whens.params)
    search = "COALESCE(" + ", ".join(out.parts) + ")"
    return Fragment(f"CASE WHEN {plus} OR {zeros} THEN {search} END", tuple(out.params))


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
    customer's candidates picks the first usable number in priority order.

    In order (COALESCE stops at the first that is not NULL): a usable mobile by the
    address's country's rules; a mobile of the country its own code names, for a number
    written ``+CC…`` or ``00CC…`` (`abroad_sql`); the address's country's verdict.
    """
    d = Dialect(backend)
    cleaned = clean_sql(raw, backend)
    usable_params: list[object] = []
    rest_params: list[object] = []
    usable_whens: list[str] = []
    rest_whens: list[str] = []
    for key, iso in branches:
        rules = rules_for(iso)
        if rules is None:
            continue
        usable_params.append(key)
        usable_whens.append(
            f"WHEN %s THEN {_usable_case(rules, cleaned, d, middle, usable_params)}"
        )
        rest_params.append(key)
        rest_whens.append(
            f"WHEN %s THEN {_rest_case(rules, raw, cleaned, backend, middle, rest_params)}"
        )
    empty = f"WHEN {raw} IS NULL OR {raw} = '' THEN {_tagged(d, EMPTY, middle)}"
    fallback = blank_or_invalid(raw, backend, middle)
    abroad = abroad_sql(cleaned, backend, middle)
    if not usable_whens:
        return Fragment(
            f"(CASE {empty} ELSE COALESCE({abroad.sql}, {fallback}) END)", abroad.params
        )
    usable = f"CASE {country} " + " ".join(usable_whens) + " END"
    rest = f"CASE {country} " + " ".join(rest_whens) + f" ELSE {fallback} END"
    return Fragment(
        f"(CASE {empty} ELSE COALESCE({usable}, {abroad.sql}, {rest}) END)",
        (*usable_params, *abroad.params, *rest_params),
    )
