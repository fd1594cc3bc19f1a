"""The segment compiler: one statement, values only as parameters, dates computed right."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from isend_tui.segments.compiler import compile_count, compile_recipients
from isend_tui.segments.dates import age_bound, since
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.segments.shop_meta import ShopMeta

TODAY = dt.date(2025, 6, 16)
ALL = [
    {"criterion": "newsletter", "value": True},
    {"criterion": "age", "operator": "between", "value": [25, 40]},
    {"criterion": "shop", "value": [1, 2]},
    {"criterion": "last_order", "operator": "before", "value": {"months_ago": 6}},
    {"criterion": "registration", "operator": "after", "value": "2021-03-04"},
    {"criterion": "gender", "value": "both"},
    {"criterion": "group", "value": [3, 4]},
    {"criterion": "orders_count", "operator": ">", "value": 2, "months": 12},
    {"criterion": "country", "value": ["FR", "BE"]},
    {"criterion": "orders_sum", "operator": ">", "value": 123.45, "months": 6},
    {"criterion": "status", "value": "professional"},
]


def meta(backend: str) -> ShopMeta:
    names = ("customer", "customer_group", "gender", "orders", "address", "country")
    q = "`{}`" if backend == "mysql" else '"{}"'
    return ShopMeta(
        backend=backend,  # type: ignore[arg-type]
        tables={n: q.format("ps_" + n) for n in names},
        countries={8: "FR", 3: "BE", 19: "CH"},
    )


@pytest.mark.parametrize("backend", ["mysql", "sqlite"])
def test_values_are_parameters_never_sql(backend: str) -> None:
    segment = segment_from_dict({"version": 1, "name": "x", "criteria": ALL})
    query = compile_count(meta(backend), segment, today=TODAY, suppressed=["33611111111"])
    assert query.sql.count("%s") == len(query.params)
    assert "%" not in query.sql.replace("%s", "")
    for value in ("2021-03-05", "2024-12-16", "123450000", "33611111111", "0000000008"):
        assert value not in query.sql
        # (on SQLite the suppressed numbers travel inside one JSON array parameter)
        assert any(str(p).lstrip('["').startswith(value) for p in query.params), value
    assert query.sql.lstrip().upper().startswith("SELECT")
    assert " WITH " not in query.sql.upper() and " OVER " not in query.sql.upper()


@pytest.mark.parametrize("backend", ["mysql", "sqlite"])
def test_only_the_aggregates_a_segment_needs(backend: str) -> None:
    plain = segment_from_dict({"version": 1, "name": "x", "criteria": [ALL[0]]})
    sql = compile_count(meta(backend), plain, today=TODAY).sql
    assert "total_paid_tax_incl" not in sql
    assert "SUM(CASE WHEN o1.date_add" not in sql
    assert "customer_group" not in sql
    two_periods = segment_from_dict(
        {
            "version": 1,
            "name": "x",
            "criteria": [
                {"criterion": "orders_count", "operator": ">", "value": 1, "months": 12},
                {"criterion": "orders_count", "operator": "<", "value": 5, "months": 12},
                {"criterion": "orders_sum", "operator": ">", "value": 1, "months": 3},
            ],
        }
    )
    sql = compile_count(meta(backend), two_periods, today=TODAY).sql
    assert len(re.findall(r"SUM\(CASE WHEN o1.date_add >= %s THEN 1 ELSE 0", sql)) == 1
    assert sql.count("total_paid_tax_incl") == 1


def test_recipients_are_ordered_by_number_then_customer() -> None:
    segment = segment_from_dict({"version": 1, "name": "x", "criteria": []})
    query = compile_recipients(meta("mysql"), segment, today=TODAY)
    assert query.sql.endswith("ORDER BY t.num, t.id_customer")


@pytest.mark.parametrize(
    ("today", "years", "bound"),
    [
        (dt.date(2025, 6, 16), 30, dt.date(1995, 6, 16)),
        (dt.date(2024, 2, 29), 23, dt.date(2001, 2, 28)),  # no 29 Feb in 2001
        (dt.date(2024, 2, 29), 24, dt.date(2000, 2, 29)),
        (dt.date(2025, 3, 1), 25, dt.date(2000, 3, 1)),
    ],
)
def test_age_bound(today: dt.date, years: int, bound: dt.date) -> None:
    assert age_bound(today, years) == bound


def test_age_bound_matches_prestashops_formula() -> None:
    def prestashop_age(birthday: dt.date, today: dt.date) -> int:
        later = today.strftime("%m-%d") < birthday.strftime("%m-%d")
        return today.year - birthday.year - (1 if later else 0)

    birthdays = [dt.date(2000, 2, 29), dt.date(2001, 2, 28), dt.date(2001, 3, 1)]
    birthdays += [dt.date(1990, m, d) for m in (1, 6, 12) for d in (1, 15, 28)]
    day = dt.date(2023, 1, 1)
    while day < dt.date(2025, 1, 1):
        for birthday in birthdays:
            age = prestashop_age(birthday, day)
            bound = age_bound(day, age)
            assert bound is not None and birthday <= bound
            over = age_bound(day, age + 1)
            assert over is not None and birthday > over
        day += dt.timedelta(days=1)


def test_since_is_the_same_day_months_before_clamped() -> None:
    assert since(dt.date(2025, 6, 16), 12) == dt.date(2024, 6, 16)
    assert since(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert since(dt.date(2025, 5, 31), 3) == dt.date(2025, 2, 28)


def test_sum_equal_with_more_than_cents_never_matches() -> None:
    segment = segment_from_dict(
        {
            "version": 1,
            "name": "x",
            "criteria": [{"criterion": "orders_sum", "operator": "=", "value": 1.005, "months": 1}],
        }
    )
    query = compile_count(meta("mysql"), segment, today=TODAY)
    assert "AND 1 = 0" in query.sql
    assert Decimal("1.005") not in query.params
