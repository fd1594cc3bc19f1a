"""The shop's valid orders of given customers in a period, read-only and parameterised.

What counts (../shared/prestashop.md, §4, as the segments read "valid orders"): an order
with `valid` = 1, which PrestaShop keeps equal to its current state's `logable` flag, so
a cancelled, fully refunded or failed-payment order is not one. Its amount is the total
paid tax included converted to the shop's default currency (total_paid_tax_incl /
orders.conversion_rate), less its credit slips (order_slip.amount + shipping_cost_amount,
each over the slip's own conversion_rate): partial refunds leave `valid` at 1.

Each query is bounded by an index: the orders of the period by date_add, or those of a
chunk of customers by id_customer (with date_add when the README's index exists),
whichever reads fewer rows (`choose_plan`); credit slips by id_order for the orders found.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from isend_tui.shop.connection import ShopConnection

#: Customers (then orders) per query: well within SQLite's parameter limit.
CHUNK = 1000
#: Orders of the period per customer up to which the period is read (`choose_plan`).
SCAN_FACTOR = 5
#: The SQL bounds are widened by this on shop-local text; the exact test is on instants.
_MARGIN = timedelta(hours=3)
_ONE = Decimal(1)


@dataclass(frozen=True)
class Order:
    id_order: int
    id_customer: int
    reference: str
    placed: datetime  # aware, in the shop's time zone
    amount: Decimal  # default currency, tax incl., credit slips deducted (never below 0)


def _decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def _rate(value: object) -> Decimal:
    rate = _decimal(value)
    return rate if rate > 0 else _ONE  # a zero rate is a broken row: read as the default


def _moment(value: object, conn: ShopConnection) -> datetime:
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.replace(tzinfo=conn.info.timezone)


def _shop_text(when: datetime, conn: ShopConnection) -> str:
    return when.astimezone(conn.info.timezone).strftime("%Y-%m-%d %H:%M:%S")


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def choose_plan(conn: ShopConnection, customers: int, low: str, high: str) -> str:
    """ "by_date" when the period holds few orders for so many customers: one range read
    on orders.date_add (the index PrestaShop has), the customers picked out here; else
    "by_customer": each customer's orders through the index on id_customer. A customer
    lookup costs a few row reads, so the period's orders are read when there are at most
    SCAN_FACTOR per customer (counted on the date_add index alone)."""
    in_period = conn.scalar(
        f"SELECT COUNT(*) FROM {conn.table('orders')} WHERE date_add >= %s AND date_add < %s",
        (low, high),
    )
    return "by_date" if int(in_period or 0) <= SCAN_FACTOR * customers else "by_customer"


_COLUMNS = (
    "o.id_order, o.id_customer, o.reference, o.date_add, o.total_paid_tax_incl, o.conversion_rate"
)


def _rows(
    conn: ShopConnection, customers: Sequence[int], low: str, high: str
) -> Iterator[tuple[Any, ...]]:
    orders = conn.table("orders")
    if choose_plan(conn, len(customers), low, high) == "by_date":
        wanted = set(customers)
        sql = (
            f"SELECT {_COLUMNS} FROM {orders} o WHERE o.date_add >= %s AND o.date_add < %s "
            "AND o.valid = 1"
        )
        # Streamed: a long period of a big shop is read in constant memory.
        yield from (row for row in conn.stream(sql, (low, high)) if int(row[1]) in wanted)
        return
    for i in range(0, len(customers), CHUNK):
        chunk = list(customers[i : i + CHUNK])
        yield from conn.query(
            f"SELECT {_COLUMNS} FROM {orders} o WHERE o.id_customer IN ({_marks(len(chunk))}) "
            "AND o.valid = 1 AND o.date_add >= %s AND o.date_add < %s",
            (*chunk, low, high),
        )


def valid_orders(
    conn: ShopConnection, customers: Sequence[int], start: datetime, end: datetime
) -> list[Order]:
    """The valid orders of `customers` placed in [start, end) (aware instants)."""
    low, high = _shop_text(start - _MARGIN, conn), _shop_text(end + _MARGIN, conn)
    found = []
    for id_order, id_customer, reference, added, total, rate in _rows(conn, customers, low, high):
        placed = _moment(added, conn)
        if start <= placed < end:
            amount = _decimal(total) / _rate(rate)
            found.append((int(id_order), int(id_customer), str(reference or ""), placed, amount))
    refunds = _refunds(conn, [f[0] for f in found])
    return [
        Order(
            id_order,
            id_customer,
            reference,
            placed,
            max(Decimal(0), amount - refunds.get(id_order, Decimal(0))),
        )
        for id_order, id_customer, reference, placed, amount in found
    ]


def _refunds(conn: ShopConnection, ids: Sequence[int]) -> dict[int, Decimal]:
    """Each order's credit slips, in the default currency."""
    refunds: dict[int, Decimal] = {}
    slips = conn.table("order_slip")
    for i in range(0, len(ids), CHUNK):
        chunk = list(ids[i : i + CHUNK])
        rows = conn.query(
            "SELECT id_order, amount, shipping_cost_amount, conversion_rate FROM "
            f"{slips} WHERE id_order IN ({_marks(len(chunk))})",
            chunk,
        )
        for id_order, amount, shipping, rate in rows:
            value = (_decimal(amount) + _decimal(shipping)) / _rate(rate)
            refunds[int(id_order)] = refunds.get(int(id_order), Decimal(0)) + value
    return refunds
