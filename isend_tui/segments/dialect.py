"""The SQL the segment engine writes for both backends (MySQL/MariaDB and SQLite), in one
place: the compiler, the phone-number SQL and the local copy share it.

Composite keys are built as strings of fixed-width parts (dates of 19 characters, ids
padded to 10 digits) so that MAX() over them picks a whole row's worth of values at once.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field

from isend_tui.shop.dsn import Backend

#: Width of a datetime as text (YYYY-MM-DD HH:MM:SS) and of a padded id in the keys.
DATE_WIDTH = 19
ID_WIDTH = 10
#: Amounts are compared in millionths of the default currency (integers on both backends).
MICRO = 1_000_000


def marks(values: Collection[object]) -> str:
    """The parenthesised placeholders of an IN list: (%s, %s, …)."""
    return "(" + ", ".join(["%s"] * len(values)) + ")"


@dataclass(frozen=True)
class Fragment:
    """A piece of SQL with its parameters, in order."""

    sql: str
    params: tuple[object, ...] = ()


@dataclass
class Sql:
    """SQL text and its parameters built in textual order."""

    parts: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, sql: str, *params: object) -> Sql:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def frag(self, fragment: Fragment) -> Sql:
        return self.add(fragment.sql, *fragment.params)

    def extend(self, other: Sql) -> Sql:
        self.parts += other.parts
        self.params += other.params
        return self

    def text(self) -> str:
        return " ".join(self.parts)

    def fragment(self) -> Fragment:
        return Fragment(self.text(), tuple(self.params))


class Dialect:
    """The functions that are spelt differently on the two backends."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.mysql = backend == "mysql"

    def concat(self, *parts: str) -> str:
        parts = tuple(p for p in parts if p)
        if len(parts) == 1:
            return parts[0]
        if self.mysql:
            return "CONCAT(" + ", ".join(parts) + ")"
        return "(" + " || ".join(parts) + ")"

    def right(self, expr: str, n: int) -> str:
        """The last `n` characters."""
        if self.mysql:
            return f"RIGHT({expr}, {int(n)})"
        return f"SUBSTR({expr}, -{int(n)})"

    def pad(self, expr: str, width: int = ID_WIDTH) -> str:
        if self.mysql:
            return f"LPAD({expr}, {width}, '0')"
        return f"SUBSTR('{'0' * width}' || {expr}, -{width})"

    def date19(self, expr: str) -> str:
        """A datetime column as exactly 19 characters (YYYY-MM-DD HH:MM:SS)."""
        if self.mysql:
            return f"CAST({expr} AS CHAR(19))"
        return f"SUBSTR(COALESCE({expr}, '') || '{' ' * DATE_WIDTH}', 1, {DATE_WIDTH})"

    def substr(self, expr: str, start: int, length: int | None = None) -> str:
        fn = "SUBSTRING" if self.mysql else "SUBSTR"
        if length is None:
            return f"{fn}({expr}, {start})"
        return f"{fn}({expr}, {start}, {length})"

    def strip_pluses(self, expr: str) -> str:
        """`expr` without its leading plus signs."""
        if self.mysql:
            return f"TRIM(LEADING '+' FROM {expr})"
        return f"LTRIM({expr}, '+')"

    def greatest(self, a: str, b: str) -> str:
        return f"GREATEST({a}, {b})" if self.mysql else f"MAX({a}, {b})"

    def to_int(self, expr: str) -> str:
        return f"CAST({expr} AS UNSIGNED)" if self.mysql else f"CAST({expr} AS INTEGER)"

    def micro_amount(self, total: str, rate: str) -> str:
        """An amount in the default currency, in millionths, rounded half up."""
        if self.mysql:
            return f"ROUND({total} * {MICRO} / {rate})"
        t = f"CAST(ROUND({total} * {MICRO}) AS INTEGER)"
        r = f"CAST(ROUND({rate} * {MICRO}) AS INTEGER)"
        return f"(({t} * {2 * MICRO} + {r}) / (2 * {r}))"

    def order_amount(self, alias: str) -> str:
        """An order's total (tax incl.) in the default currency, in millionths: the counts'
        sums, and what the local copy stores so that its sums are the shop's to the unit."""
        return self.micro_amount(f"{alias}.total_paid_tax_incl", f"{alias}.conversion_rate")

    def int_div(self, a: str, b: int) -> str:
        return f"(({a}) DIV {b})" if self.mysql else f"(({a}) / {b})"


def member(expr: str, values: Collection[str], backend: Backend) -> tuple[str, tuple[object, ...]]:
    """`expr IN (...)` with parameters, or an always-false condition for no values.

    SQLite refuses more than 250,000 parameters in a statement, and a suppression list can be
    longer: there the values travel as one JSON array parameter. pymysql inlines parameters
    on the client (escaped), so MySQL has no such limit and keeps a plain IN list, which
    MariaDB turns into a hashed lookup once long."""
    if not values:
        return "1 = 0", ()
    if backend == "sqlite":
        return f"{expr} IN (SELECT value FROM json_each(%s))", (json.dumps(list(values)),)
    return f"{expr} IN (" + ", ".join(["%s"] * len(values)) + ")", tuple(values)
