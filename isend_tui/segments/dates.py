"""Days in segments: fixed ("2025-01-31") or relative to the shop's today ({"months_ago":
6}, {"days_ago": 30}), and the calendar rules the criteria count with (months, ages)."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from typing import TypeAlias


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` calendar months earlier, clamped to the month's end.

    months_before(2025-03-31, 1) is 2025-02-28; months_before(2024-02-29, 12) is 2023-02-28.
    """
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    if year < 1:
        return dt.date(1, 1, 1)
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class DateValue:
    """A day: fixed (`day`) or relative to today (`months_ago` or `days_ago`)."""

    day: dt.date | None = None
    months_ago: int | None = None
    days_ago: int | None = None

    def resolve(self, today: dt.date) -> dt.date:
        if self.day is not None:
            return self.day
        if self.months_ago is not None:
            return months_before(today, self.months_ago)
        return today - dt.timedelta(days=self.days_ago or 0)

    def to_json(self) -> str | dict[str, int]:
        if self.day is not None:
            return self.day.isoformat()
        if self.months_ago is not None:
            return {"months_ago": self.months_ago}
        return {"days_ago": self.days_ago or 0}

    def order_key(self) -> tuple[int, int] | None:
        """A key comparable with another DateValue of the same kind (earlier day first)."""
        if self.day is not None:
            return (0, self.day.toordinal())
        if self.months_ago is not None:
            return (1, -self.months_ago)
        return (2, -(self.days_ago or 0))


DateRange: TypeAlias = tuple[DateValue, DateValue]


def age_bound(today: dt.date, years: int) -> dt.date | None:
    """The latest birthday of someone at least `years` old today (PrestaShop's rule).

    Customer::getStats: age = year difference, minus one while today's MM-DD is before the
    birthday's, so a 29 February birthday comes on 1 March in other years: the bound for
    today = 29 February in a non-leap birth year is 28 February.
    """
    year = today.year - years
    if year < 1:
        return None
    day = today.day
    if today.month == 2 and day == 29 and not _leap(year):
        day = 28
    return dt.date(year, today.month, day)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def since(today: dt.date, months: int) -> dt.date:
    """First day of "the last `months` months": same day of the month, clamped."""
    return months_before(today, months)


def start_of(day: dt.date) -> str:
    """The moment a day starts, as the shop's datetime columns compare with text."""
    return f"{day.isoformat()} 00:00:00"
