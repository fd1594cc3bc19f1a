"""A segment's criteria as SQL conditions, for the compiler to place in its statement:
- on the customer row (`customer`): newsletter, age, shop, group, gender, status,
  registration;
- on the customer's order aggregates (`orders`): last order, orders count and sum, with
  the aggregates they need (`needs`, each computed once);
- the countries the country criterion keeps (`country_ids`), tested on the country of
  the address whose number is used.

Values are always parameters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from isend_tui.i18n import _
from isend_tui.segments.dates import DateRange, DateValue, age_bound, since, start_of
from isend_tui.segments.dialect import MICRO, Dialect, Sql, marks
from isend_tui.segments.model import (
    Age,
    Country,
    Criterion,
    Gender,
    Group,
    LastOrder,
    Newsletter,
    OrdersCount,
    OrdersSum,
    Registration,
    Segment,
    SegmentError,
    Shop,
    Status,
)
from isend_tui.segments.shop_meta import ShopMeta


def _next_day(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


@dataclass
class Needs:
    """Per-customer order aggregates the criteria need (each one computed once)."""

    counts: dict[dt.date, str] = field(default_factory=dict)
    sums: dict[dt.date, str] = field(default_factory=dict)
    last: bool = False  # the day of the latest valid order (last_order)

    def any(self) -> bool:
        return bool(self.counts or self.sums or self.last)


class Conditions:
    """The conditions of a segment's criteria on one shop (see the module doc)."""

    def __init__(
        self,
        meta: ShopMeta,
        segment: Segment,
        today: dt.date,
        *,
        only: Collection[int] | None = None,
    ) -> None:
        self.meta = meta
        self.copy = meta.local_copy
        self.today = today
        self.d = Dialect(meta.backend)
        self.needs = Needs()
        self.customer = Sql()
        self.orders = Sql()
        #: padded ids of the countries kept; None: every country
        self.country_ids: list[str] | None = None
        if only is not None:  # a local copy refreshing some customers
            ids = sorted(only)
            if ids:
                self.customer.add(f"AND c.id_customer IN {marks(ids)}", *ids)
            else:
                self.customer.add("AND 1 = 0")
        for position, criterion in enumerate(segment.criteria, start=1):
            self._criterion(position, criterion)

    def _error(self, position: int, criterion: Criterion, problem: str) -> SegmentError:
        return SegmentError(
            _("Critère {position} ({name}) : {problem}").format(
                position=position, name=criterion.kind, problem=problem
            ),
            position=position,
            name=criterion.kind,
            problem=problem,
        )

    def _dates(
        self, position: int, criterion: Criterion, op: str, value: DateValue | DateRange
    ) -> tuple[str | None, str | None]:
        """(lower inclusive, upper exclusive) datetime strings for a date criterion."""
        if isinstance(value, tuple):
            low, high = value[0].resolve(self.today), value[1].resolve(self.today)
            if low > high:
                raise self._error(
                    position,
                    criterion,
                    _("la première date de « between » ({low}) est après la seconde ({high}) "
                      ": inversez-les.").format(low=low.isoformat(), high=high.isoformat()),
                )  # fmt: skip
            return start_of(low), start_of(_next_day(high))
        day = value.resolve(self.today)
        if op == "before":
            return None, start_of(day)
        return start_of(_next_day(day)), None

    def _range(self, where: Sql, expr: str, bounds: tuple[str | None, str | None]) -> None:
        low, high = bounds
        if low is not None:
            where.add(f"AND {expr} >= %s", low)
        if high is not None:
            where.add(f"AND {expr} < %s", high)

    def _criterion(self, position: int, criterion: Criterion) -> None:
        cw, t = self.customer, self.meta.t
        match criterion:
            case Newsletter(value=True):
                cw.add("AND c.newsletter = 1")
            case Newsletter(value=False):
                cw.add("AND (c.newsletter = 0 OR c.newsletter IS NULL)")
            case Age(op, value):
                self._age(op, value)
            case Shop(ids):
                cw.add(f"AND c.id_shop IN {marks(ids)}", *ids)
            case Group(ids):
                cw.add(
                    f"AND c.id_customer IN (SELECT cg.id_customer FROM {t('customer_group')} cg "
                    f"WHERE cg.id_group IN {marks(ids)})",
                    *ids,
                )
            case Gender(value):
                types = {"men": (0,), "women": (1,), "both": (0, 1)}[value]
                cw.add(
                    f"AND c.id_gender IN (SELECT g.id_gender FROM {t('gender')} g "
                    f"WHERE g.type IN {marks(types)})",
                    *types,
                )
            case Status(value):
                blank = "(TRIM(COALESCE(c.company, '')) = '' AND TRIM(COALESCE(c.siret, '')) = '')"
                cw.add(f"AND NOT {blank}" if value == "professional" else f"AND {blank}")
            case Registration(op, value):
                self._range(cw, "c.date_add", self._dates(position, criterion, op, value))
            case LastOrder(op, value):
                last = "k.last" if self.copy else "o.last"  # the copy keeps it per customer
                self.needs.last = not self.copy
                self.orders.add(f"AND {last} IS NOT NULL")
                bounds = self._dates(position, criterion, op, value)
                self._range(self.orders, last, bounds)
            case OrdersCount(op, count, months):
                start = since(self.today, months)
                column = self.needs.counts.setdefault(start, f"n{len(self.needs.counts)}")
                self.orders.add(f"AND COALESCE(o.{column}, 0) {op} %s", count)
            case OrdersSum(op, amount, months):
                start = since(self.today, months)
                column = self.needs.sums.setdefault(start, f"s{len(self.needs.sums)}")
                self._sum(f"COALESCE(o.{column}, 0)", op, amount)
            case Country(codes):
                wanted = {c.upper() for c in codes}
                found = sorted(i for i, iso in self.meta.countries.items() if iso in wanted)
                padded = [self.meta.pad_id(i) for i in found]
                if self.country_ids is None:
                    self.country_ids = padded
                else:  # two country criteria: both must hold
                    self.country_ids = [x for x in self.country_ids if x in padded]

    def _age(self, op: str, value: int | tuple[int, int]) -> None:
        cw = self.customer
        cw.add("AND c.birthday IS NOT NULL AND c.birthday >= %s", "0001-01-01")

        def at_least(years: int) -> None:  # birthday <= bound
            bound = age_bound(self.today, years)
            if bound is None:
                cw.add("AND 1 = 0")
            else:
                cw.add("AND c.birthday <= %s", bound.isoformat())

        def below(years: int) -> None:  # birthday > bound
            bound = age_bound(self.today, years)
            if bound is not None:
                cw.add("AND c.birthday > %s", bound.isoformat())

        if isinstance(value, tuple):
            at_least(value[0])
            below(value[1] + 1)
        elif op == ">":
            at_least(value + 1)
        elif op == "<":
            below(value)
        else:
            at_least(value)
            below(value + 1)

    def _sum(self, expr: str, op: str, amount: Decimal) -> None:
        ow = self.orders
        micro = amount * MICRO
        if op == ">":
            ow.add(f"AND {expr} > %s", math.floor(micro))
        elif op == "<":
            ow.add(f"AND {expr} < %s", math.ceil(micro))
        else:
            cents = amount * 100
            if cents != cents.to_integral_value():
                ow.add("AND 1 = 0")  # more precise than cents: never equal once rounded
            else:
                ow.add(f"AND {self.d.int_div(f'{expr} + 5000', 10_000)} = %s", int(cents))
