"""The SQL expression classifying a raw phone value of an address, per country (see the
package doc): nested REPLACE cleans the value, a CASE on the country picks that country's
REGEXP patterns, passed as parameters."""

from __future__ import annotations

from collections.abc import Sequence

from isend_tui.segments.dialect import Dialect, Fragment
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


def clean_sql(expr: str) -> str:
    """Nested REPLACE removing SEPARATORS from `expr` (string literals, no parameters)."""
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


def country_case(
    rules: CountryRules, raw: str, cleaned: str, backend: Backend, middle: str = ""
) -> Fragment:
    """The CASE classifying a non-empty value with one country's rules."""
    d = Dialect(backend)
    params: list[object] = []
    whens: list[str] = []
    landline = _tagged(d, LANDLINE, middle)
    if rules.special_first:
        params.append(rules.special_first)
        whens.append(f"WHEN {cleaned} REGEXP %s THEN {landline}")
    for arm in rules.usable:
        cond = _arm_sql(arm, cleaned, params)
        number = d.concat(
            f"'{USABLE}'", middle, f"'{rules.country_code}'", d.right(cleaned, arm.length)
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
    d = Dialect(backend)
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
    empty = f"WHEN {raw} IS NULL OR {raw} = '' THEN {_tagged(d, EMPTY, middle)}"
    fallback = blank_or_invalid(raw, backend, middle)
    if not whens:
        return Fragment(f"(CASE {empty} ELSE {fallback} END)")
    inner = f"CASE {country} " + " ".join(whens) + f" ELSE {fallback} END"
    return Fragment(f"(CASE {empty} ELSE {inner} END)", tuple(params))
