"""Event-detection SELECTs: what the notification watcher reads from a PrestaShop database.

Every query is a range or a lookup on an indexed column (the auto-increment primary keys,
order_history.id_order, order_carrier.id_order, orders.date_add), with a LIMIT where it
reads new rows, so a poll costs the same on a shop of 50,000 or 5,000,000 history rows.
Nothing here writes; ids come back as ints, amounts as Decimal.

Facts for the message (orders, customers, addresses) are fetched only for the rows that
match a notification rule, in one query per kind with ``IN (...)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from isend_tui.shop.connection import ShopConnection

MAX_IN = 500
"""At most this many values in one IN (...) list."""


# --------------------------------------------------------------------------- helpers


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def _chunks(ids: Sequence[int], size: int = MAX_IN) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _int(value: Any) -> int:
    return int(value) if value is not None else 0


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value is not None else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def _datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None  # '0000-00-00 00:00:00'


# --------------------------------------------------------------------------- cursors


def max_id(conn: ShopConnection, table: str, column: str) -> int:
    """The highest id of a table (0 when empty): the start of a first run."""
    return _int(conn.scalar(f"SELECT MAX({column}) FROM {conn.table(table)}"))


def first_id_since(conn: ShopConnection, table: str, column: str, since: dt.datetime) -> int:
    """The smallest id whose date_add is at or after `since` (max id + 1 when none is).

    A binary search over the primary key (about 25 lookups for 5 million rows) rather
    than a scan: date_add is not indexed, but it grows with the id (one writer, in order).
    """
    t = conn.table(table)
    row = conn.query_one(f"SELECT MIN({column}), MAX({column}) FROM {t}")
    if row is None or row[0] is None:
        return 1
    lo, hi = int(row[0]), int(row[1])

    def probe(at: int) -> tuple[int, dt.datetime | None]:
        found = conn.query_one(
            f"SELECT {column}, date_add FROM {t} WHERE {column} >= %s ORDER BY {column} LIMIT 1",
            (at,),
        )
        assert found is not None
        return int(found[0]), _datetime(found[1])

    last_id, last_date = probe(hi)
    if last_date is None or last_date < since:
        return last_id + 1
    while lo < hi:
        mid = (lo + hi) // 2
        _found, date = probe(mid)
        if date is not None and date >= since:
            hi = mid
        else:
            lo = mid + 1
    return probe(lo)[0]


def _new_rows(
    conn: ShopConnection,
    select: str,
    column: str,
    after: int,
    limit: int,
    extra_ids: Sequence[int],
) -> list[tuple[Any, ...]]:
    """Rows with id > after (the first `limit`) and rows whose id is in extra_ids."""
    rows = conn.query(f"{select} WHERE {column} > %s ORDER BY {column} LIMIT %s", (after, limit))
    wanted = sorted({i for i in extra_ids if i <= after})
    for part in _chunks(wanted):
        rows += conn.query(f"{select} WHERE {column} IN ({_marks(len(part))})", part)
    return rows


# --------------------------------------------------------------------------- new rows


@dataclass(frozen=True)
class HistoryRow:
    """One order_history row: a state change, with what tells the kind of event."""

    id: int
    id_order: int
    id_state: int
    id_customer: int
    paid: bool
    is_first: bool
    """No earlier history row for this order: the order's first state."""
    paid_before: bool
    """An earlier history row of this order had a paid state."""


def history_after(
    conn: ShopConnection, after: int, limit: int, extra_ids: Sequence[int] = ()
) -> list[HistoryRow]:
    h, s, o = conn.table("order_history"), conn.table("order_state"), conn.table("orders")
    select = (
        "SELECT h.id_order_history, h.id_order, h.id_order_state, o.id_customer, "
        "COALESCE(s.paid, 0), "
        f"CASE WHEN EXISTS (SELECT 1 FROM {h} p WHERE p.id_order = h.id_order "
        "AND p.id_order_history < h.id_order_history) THEN 0 ELSE 1 END, "
        f"CASE WHEN EXISTS (SELECT 1 FROM {h} p JOIN {s} ps "
        "ON ps.id_order_state = p.id_order_state WHERE p.id_order = h.id_order "
        "AND p.id_order_history < h.id_order_history AND ps.paid = 1) THEN 1 ELSE 0 END "
        f"FROM {h} h LEFT JOIN {o} o ON o.id_order = h.id_order "
        f"LEFT JOIN {s} s ON s.id_order_state = h.id_order_state"
    )
    rows = _new_rows(conn, select, "h.id_order_history", after, limit, extra_ids)
    return [
        HistoryRow(
            id=int(r[0]),
            id_order=int(r[1]),
            id_state=_int(r[2]),
            id_customer=_int(r[3]),
            paid=bool(r[4]),
            is_first=bool(r[5]),
            paid_before=bool(r[6]),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class CustomerRow:
    id: int
    is_guest: bool
    deleted: bool


def customers_after(
    conn: ShopConnection, after: int, limit: int, extra_ids: Sequence[int] = ()
) -> list[CustomerRow]:
    select = f"SELECT id_customer, is_guest, deleted FROM {conn.table('customer')}"
    rows = _new_rows(conn, select, "id_customer", after, limit, extra_ids)
    return [CustomerRow(int(r[0]), bool(r[1]), bool(r[2])) for r in rows]


def customers_by_id(conn: ShopConnection, ids: Sequence[int]) -> list[CustomerRow]:
    """is_guest and deleted of these customers (rows deleted for real are absent)."""
    out: list[CustomerRow] = []
    for part in _chunks(list(ids)):
        rows = conn.query(
            f"SELECT id_customer, is_guest, deleted FROM {conn.table('customer')} "
            f"WHERE id_customer IN ({_marks(len(part))})",
            part,
        )
        out += [CustomerRow(int(r[0]), bool(r[1]), bool(r[2])) for r in rows]
    return out


def guests_from(conn: ShopConnection, after: int, limit: int) -> tuple[list[int], int]:
    """Guest accounts (not deleted) among the `limit` customers after id `after`.

    Returns (guest ids, last id scanned): a primary-key range, filtered.
    """
    rows = conn.query(
        f"SELECT id_customer, is_guest, deleted FROM {conn.table('customer')} "
        "WHERE id_customer > %s ORDER BY id_customer LIMIT %s",
        (after, limit),
    )
    guests = [int(r[0]) for r in rows if r[1] and not r[2]]
    return guests, (int(rows[-1][0]) if rows else after)


@dataclass(frozen=True)
class OrderLinkRow:
    """A row tied to an order: a return (order_return) or a credit slip (order_slip)."""

    id: int
    id_order: int
    id_customer: int


def returns_after(
    conn: ShopConnection, after: int, limit: int, extra_ids: Sequence[int] = ()
) -> list[OrderLinkRow]:
    select = f"SELECT id_order_return, id_order, id_customer FROM {conn.table('order_return')}"
    rows = _new_rows(conn, select, "id_order_return", after, limit, extra_ids)
    return [OrderLinkRow(int(r[0]), int(r[1]), _int(r[2])) for r in rows]


def slips_after(
    conn: ShopConnection, after: int, limit: int, extra_ids: Sequence[int] = ()
) -> list[OrderLinkRow]:
    select = f"SELECT id_order_slip, id_order, id_customer FROM {conn.table('order_slip')}"
    rows = _new_rows(conn, select, "id_order_slip", after, limit, extra_ids)
    return [OrderLinkRow(int(r[0]), int(r[1]), _int(r[2])) for r in rows]


# --------------------------------------------------------------------------- tracking numbers


def first_order_since(conn: ShopConnection, since: dt.datetime) -> int | None:
    """The lowest id of the orders placed at or after `since` (orders.date_add is
    indexed). The lowest id, not the earliest order's: where ids and dates do not grow
    together (imports), a recent order may have a lower id than an older one."""
    value = conn.scalar(
        f"SELECT MIN(id_order) FROM {conn.table('orders')} WHERE date_add >= %s",
        (since.strftime("%Y-%m-%d %H:%M:%S"),),
    )
    return int(value) if value is not None else None


@dataclass(frozen=True)
class CarrierRow:
    id: int
    id_order: int
    id_customer: int
    tracking_number: str


def carriers_between(conn: ShopConnection, after_order: int, upto_order: int) -> list[CarrierRow]:
    """order_carrier rows of orders after_order < id_order <= upto_order (id_order index)."""
    oc, o = conn.table("order_carrier"), conn.table("orders")
    rows = conn.query(
        "SELECT oc.id_order_carrier, oc.id_order, o.id_customer, oc.tracking_number "
        f"FROM {oc} oc LEFT JOIN {o} o ON o.id_order = oc.id_order "
        "WHERE oc.id_order > %s AND oc.id_order <= %s",
        (after_order, upto_order),
    )
    return [CarrierRow(int(r[0]), int(r[1]), _int(r[2]), _str(r[3]).strip()) for r in rows]


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class OrderFacts:
    id: int
    reference: str
    id_customer: int
    id_shop: int
    id_lang: int
    payment: str
    total_paid_tax_incl: Decimal
    currency_iso: str
    currency_symbol: str
    id_address_delivery: int
    id_address_invoice: int
    current_state: int


def orders_by_id(conn: ShopConnection, ids: Sequence[int]) -> dict[int, OrderFacts]:
    o, c = conn.table("orders"), conn.table("currency")
    symbol = "NULL"
    join = ""
    if conn.has_table("currency_lang") and conn.has_column("currency_lang", "symbol"):
        join = (
            f" LEFT JOIN {conn.table('currency_lang')} cl ON cl.id_currency = o.id_currency "
            "AND cl.id_lang = o.id_lang"
        )
        symbol = "cl.symbol"
    elif conn.has_column("currency", "sign"):
        symbol = "c.sign"
    out: dict[int, OrderFacts] = {}
    for part in _chunks(sorted(set(ids))):
        rows = conn.query(
            "SELECT o.id_order, o.reference, o.id_customer, o.id_shop, o.id_lang, o.payment, "
            "o.total_paid_tax_incl, c.iso_code, " + symbol + ", o.id_address_delivery, "
            f"o.id_address_invoice, o.current_state FROM {o} o "
            f"LEFT JOIN {c} c ON c.id_currency = o.id_currency{join} "
            f"WHERE o.id_order IN ({_marks(len(part))})",
            part,
        )
        for r in rows:
            out[int(r[0])] = OrderFacts(
                id=int(r[0]),
                reference=_str(r[1]),
                id_customer=_int(r[2]),
                id_shop=_int(r[3]),
                id_lang=_int(r[4]),
                payment=_str(r[5]),
                total_paid_tax_incl=_decimal(r[6]),
                currency_iso=_str(r[7]),
                currency_symbol=_str(r[8]),
                id_address_delivery=_int(r[9]),
                id_address_invoice=_int(r[10]),
                current_state=_int(r[11]),
            )
    return out


@dataclass(frozen=True)
class CustomerFacts:
    id: int
    firstname: str
    lastname: str
    email: str
    id_lang: int
    id_shop: int


def customer_facts(conn: ShopConnection, ids: Sequence[int]) -> dict[int, CustomerFacts]:
    out: dict[int, CustomerFacts] = {}
    for part in _chunks(sorted(set(ids))):
        rows = conn.query(
            "SELECT id_customer, firstname, lastname, email, id_lang, id_shop "
            f"FROM {conn.table('customer')} WHERE id_customer IN ({_marks(len(part))})",
            part,
        )
        for r in rows:
            out[int(r[0])] = CustomerFacts(
                int(r[0]), _str(r[1]), _str(r[2]), _str(r[3]), _int(r[4]), _int(r[5])
            )
    return out


@dataclass(frozen=True)
class AddressFacts:
    id: int
    id_customer: int
    alias: str
    address1: str
    address2: str
    postcode: str
    city: str
    country_iso: str
    country_name: str
    phone: str
    phone_mobile: str
    deleted: bool


def _address_select(conn: ShopConnection) -> str:
    a, co, cl = conn.table("address"), conn.table("country"), conn.table("country_lang")
    return (
        "SELECT a.id_address, a.id_customer, a.alias, a.address1, a.address2, a.postcode, "
        "a.city, co.iso_code, cl.name, a.phone, a.phone_mobile, a.deleted "
        f"FROM {a} a LEFT JOIN {co} co ON co.id_country = a.id_country "
        f"LEFT JOIN {cl} cl ON cl.id_country = a.id_country AND cl.id_lang = %s"
    )


def _address(r: tuple[Any, ...]) -> AddressFacts:
    return AddressFacts(
        id=int(r[0]),
        id_customer=_int(r[1]),
        alias=_str(r[2]),
        address1=_str(r[3]),
        address2=_str(r[4]),
        postcode=_str(r[5]),
        city=_str(r[6]),
        country_iso=_str(r[7]),
        country_name=_str(r[8]) or _str(r[7]),
        phone=_str(r[9]),
        phone_mobile=_str(r[10]),
        deleted=bool(r[11]),
    )


def addresses_by_id(
    conn: ShopConnection, ids: Sequence[int], id_lang: int
) -> dict[int, AddressFacts]:
    """Addresses by id, deleted ones included (an order keeps pointing at them)."""
    out: dict[int, AddressFacts] = {}
    select = _address_select(conn)
    for part in _chunks(sorted({i for i in ids if i})):
        rows = conn.query(f"{select} WHERE a.id_address IN ({_marks(len(part))})", [id_lang, *part])
        for r in rows:
            out[int(r[0])] = _address(r)
    return out


def customer_addresses(
    conn: ShopConnection, customer_ids: Sequence[int], id_lang: int
) -> dict[int, list[AddressFacts]]:
    """Each customer's non-deleted addresses, most recently updated first."""
    out: dict[int, list[AddressFacts]] = {}
    select = _address_select(conn)
    for part in _chunks(sorted({i for i in customer_ids if i})):
        rows = conn.query(
            f"{select} WHERE a.id_customer IN ({_marks(len(part))}) AND a.deleted = 0 "
            "ORDER BY a.id_customer, a.date_upd DESC, a.id_address DESC",
            [id_lang, *part],
        )
        for r in rows:
            address = _address(r)
            out.setdefault(address.id_customer, []).append(address)
    return out


def tracking_checksums(
    conn: ShopConnection, first_order: int, end_order: int, block: int
) -> dict[int, str]:
    """MySQL/MariaDB: for each block of `block` consecutive order ids in
    [first_order, end_order), the count and a checksum of its (id_order_carrier,
    tracking_number) pairs, computed by the server: a poll transfers one row per block and
    reads the rows of a block only when its checksum changed."""
    size = int(block)
    rows = conn.query(
        f"SELECT FLOOR(id_order / {size}), COUNT(*), BIT_XOR(CRC32(CONCAT(id_order_carrier, "
        f"':', COALESCE(tracking_number, '')))) FROM {conn.table('order_carrier')} "
        f"WHERE id_order >= %s AND id_order < %s GROUP BY FLOOR(id_order / {size})",
        (first_order, end_order),
    )
    return {int(r[0]): f"{int(r[1])}:{int(r[2])}" for r in rows}
