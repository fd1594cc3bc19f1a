"""The SQL expression's verdict computed in Python (`classify`, with `clean`): the tests
compare it with check_mobile on one side (a rule problem) and with the database on the
other (a SQL problem)."""

from __future__ import annotations

from isend_tui.segments.phones.abroad import classify_abroad
from isend_tui.segments.phones.country_rules import (
    BLANKS,
    EMPTY,
    INVALID,
    LANDLINE,
    SEPARATORS,
    USABLE,
    Arm,
    compiled,
    rules_for,
)


def clean(raw: str) -> str:
    """What the SQL's nested REPLACE leaves of a raw value."""
    for ch in SEPARATORS:
        raw = raw.replace(ch, "")
    return raw


def _arm_matches(arm: Arm, value: str) -> bool:
    if not compiled(arm.pattern).search(value):
        return False
    if arm.also is not None and not compiled(arm.also).search(value):
        return False
    return arm.unless is None or not compiled(arm.unless).search(value)


def classify(raw: str | None, region: str | None) -> str:
    """The SQL expression's result computed in Python (USABLE + number, or another code):
    a usable number by the address's country's rules, else a mobile of the country its
    own code names (`classify_abroad`), else the address's country's verdict.

    Used by the tests to tell a rule problem (this differs from check_mobile) from a SQL
    problem (the database differs from this).
    """
    if raw is None or raw == "":
        return EMPTY
    rules = rules_for(region or "")
    if rules is None:
        return classify_abroad(clean(raw)) or (EMPTY if _only_blanks(raw) else INVALID)
    value = clean(raw)
    special = bool(rules.special_first and compiled(rules.special_first).search(value))
    if not special:
        for arm in rules.usable:
            if _arm_matches(arm, value):
                return USABLE + (arm.country_code or rules.country_code) + value[-arm.length :]
    abroad = classify_abroad(value)
    if abroad is not None:
        return abroad
    if special:
        return LANDLINE
    for arm in rules.landline:
        if _arm_matches(arm, value):
            return LANDLINE
    return EMPTY if _only_blanks(raw) else INVALID


def _only_blanks(raw: str) -> bool:
    for ch in BLANKS:
        raw = raw.replace(ch, "")
    return raw == ""
