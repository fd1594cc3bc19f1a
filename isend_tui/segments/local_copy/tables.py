"""The local copy's tables, and the shop's rows read into them.

The tables keep PrestaShop's names and the columns the criteria read, so that the segment
compiler compiles the same criteria against the copy; `number` holds what the shop's own
classification query says of each customer's number, and what the lawful basis reads of
the customer's activity (`set_activity`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from isend_tui.segments.basis import PSGDPR_CONSENT
from isend_tui.segments.compiler import compile_classified
from isend_tui.segments.dialect import Dialect
from isend_tui.segments.model import Segment
from isend_tui.segments.shop_meta import GDPR_LOG, ShopMeta
from isend_tui.shop.connection import ShopConnection

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE customer (
    id_customer INTEGER PRIMARY KEY, id_shop INTEGER, id_gender INTEGER, newsletter INTEGER,
    newsletter_date_add TEXT, birthday TEXT, date_add TEXT, company TEXT, siret TEXT,
    deleted INTEGER, active INTEGER, email TEXT);
CREATE TABLE customer_group (
    id_customer INTEGER NOT NULL, id_group INTEGER NOT NULL,
    PRIMARY KEY (id_customer, id_group)) WITHOUT ROWID;
CREATE TABLE gender (id_gender INTEGER PRIMARY KEY, type INTEGER);
CREATE TABLE country (id_country INTEGER PRIMARY KEY, iso_code TEXT NOT NULL);
CREATE TABLE orders (
    id_order INTEGER PRIMARY KEY, id_customer INTEGER NOT NULL, date_add TEXT NOT NULL,
    amount INTEGER NOT NULL);
CREATE TABLE address (id_address INTEGER PRIMARY KEY, id_customer INTEGER NOT NULL);
CREATE TABLE psgdpr_log (
    id_gdpr_log INTEGER PRIMARY KEY, id_customer INTEGER NOT NULL, request_type INTEGER NOT NULL,
    date_add TEXT);
CREATE TABLE number (
    id_customer INTEGER PRIMARY KEY, cls TEXT NOT NULL, num TEXT, country TEXT, last TEXT,
    shared INTEGER NOT NULL DEFAULT 0, gdpr TEXT);
"""
# created after the first load, which is faster without them
INDEXES = """
CREATE INDEX customer_group_group ON customer_group (id_group, id_customer);
CREATE INDEX orders_customer ON orders (id_customer, date_add, amount);
CREATE INDEX address_customer ON address (id_customer);
CREATE INDEX psgdpr_log_customer ON psgdpr_log (id_customer, request_type);
CREATE INDEX number_num ON number (num) WHERE num IS NOT NULL;
"""

#: The copy's tables the segment statements read (as ShopMeta.tables).
COPY_TABLES = ("customer", "customer_group", "gender", "orders", "number", "psgdpr_log")
#: The tables holding rows of one customer, replaced when the customer is read again.
PER_CUSTOMER = ("customer", "customer_group", "orders", "address", "number", "psgdpr_log")
#: Customers re-read per round trip during a refresh.
CHUNK = 500

_BATCH = 5000
_EVERYONE = Segment(name="local copy")


def read_meta(db: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}


def write_meta(db: sqlite3.Connection, values: dict[str, str]) -> None:
    db.executemany(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        sorted(values.items()),
    )


def as_text(value: object) -> str | None:
    """Dates as the shop's SQL compares them (text in the copy), other values as text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, (int, Decimal, float)):
        return int(value)
    return int(str(value))


def copy_small_tables(db: sqlite3.Connection, conn: ShopConnection, meta: ShopMeta) -> None:
    """Genders and the countries addresses use, copied whole."""
    db.execute("DELETE FROM gender")
    db.executemany(
        "INSERT INTO gender VALUES (?, ?)",
        [
            (_int(g), _int(t))
            for g, t in conn.query(f"SELECT id_gender, type FROM {conn.table('gender')}")
        ],
    )
    db.execute("DELETE FROM country")
    db.executemany("INSERT INTO country VALUES (?, ?)", sorted(meta.countries.items()))


def insert_customers(
    db: sqlite3.Connection, conn: ShopConnection, meta: ShopMeta, ids: Sequence[int] | None
) -> None:
    """Copy the rows of these customers (None: every customer) from the shop."""
    _insert_rows(db, "customer", 12, _stream_customers(conn, ids))
    _insert_rows(db, "customer_group", 2, _stream_groups(conn, ids))
    _insert_rows(db, "orders", 4, _stream_orders(conn, ids))
    _insert_rows(db, "address", 2, _stream_addresses(conn, ids))
    _insert_rows(db, "psgdpr_log", 4, _stream_gdpr_consents(conn, ids))
    _insert_rows(db, "number", 7, _stream_numbers(conn, meta, ids))


def _insert_rows(
    db: sqlite3.Connection, table: str, width: int, rows: Iterable[tuple[Any, ...]]
) -> None:
    sql = f"INSERT OR REPLACE INTO {table} VALUES ({', '.join('?' * width)})"
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            db.executemany(sql, batch)
            batch.clear()
    if batch:
        db.executemany(sql, batch)


def _where_ids(column: str, ids: Sequence[int] | None) -> tuple[str, tuple[int, ...]]:
    if ids is None:
        return "", ()
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", tuple(ids)


def _stream_customers(conn: ShopConnection, ids: Sequence[int] | None) -> Iterator[tuple[Any, ...]]:
    where, params = _where_ids("id_customer", ids)
    sql = (
        "SELECT id_customer, id_shop, id_gender, newsletter, newsletter_date_add, birthday, "
        f"date_add, company, siret, deleted, active, email FROM {conn.table('customer')} "
        f"WHERE 1 = 1{where}"
    )
    for r in conn.stream(sql, params):
        yield (
            int(r[0]), _int(r[1]), _int(r[2]), _int(r[3]), as_text(r[4]), as_text(r[5]),
            as_text(r[6]), as_text(r[7]), as_text(r[8]), _int(r[9]), _int(r[10]),
            (as_text(r[11]) or "").lower(),  # imported consents' emails are lower case
        )  # fmt: skip


def _stream_groups(conn: ShopConnection, ids: Sequence[int] | None) -> Iterator[tuple[Any, ...]]:
    where, params = _where_ids("id_customer", ids)
    sql = f"SELECT id_customer, id_group FROM {conn.table('customer_group')} WHERE 1 = 1{where}"
    for r in conn.stream(sql, params):
        yield int(r[0]), int(r[1])


def _stream_orders(conn: ShopConnection, ids: Sequence[int] | None) -> Iterator[tuple[Any, ...]]:
    where, params = _where_ids("o.id_customer", ids)
    sql = (
        f"SELECT o.id_order, o.id_customer, o.date_add, {Dialect(conn.backend).order_amount('o')} "
        f"FROM {conn.table('orders')} o WHERE o.valid = 1{where}"
    )
    for r in conn.stream(sql, params):
        yield int(r[0]), int(r[1]), as_text(r[2]), int(r[3] or 0)


def _stream_addresses(conn: ShopConnection, ids: Sequence[int] | None) -> Iterator[tuple[Any, ...]]:
    where, params = _where_ids("id_customer", ids)
    sql = f"SELECT id_address, id_customer FROM {conn.table('address')} WHERE 1 = 1{where}"
    for r in conn.stream(sql, params):
        yield int(r[0]), int(r[1] or 0)


def _stream_gdpr_consents(
    conn: ShopConnection, ids: Sequence[int] | None
) -> Iterator[tuple[Any, ...]]:
    """The psgdpr module's acceptances (none when the shop has not the module)."""
    if not conn.has_table(GDPR_LOG):
        return
    where, params = _where_ids("id_customer", ids)
    sql = (
        f"SELECT id_gdpr_log, id_customer, request_type, date_add FROM {conn.table(GDPR_LOG)} "
        f"WHERE request_type = {PSGDPR_CONSENT} AND id_customer <> 0{where}"
    )
    for r in conn.stream(sql, params):
        yield int(r[0]), int(r[1]), int(r[2]), as_text(r[3])


def _stream_numbers(
    conn: ShopConnection, shop: ShopMeta, ids: Sequence[int] | None
) -> Iterator[tuple[Any, ...]]:
    # read customer by customer (through the orders index) for a few, in one pass for all
    query = compile_classified(
        shop, _EVERYONE, today=dt.date.today(), per_customer=ids is not None, only=ids
    )
    for r in conn.stream(query.sql, query.params):
        num = None if r[2] is None else str(r[2])
        yield int(r[0]), str(r[1]), num, as_text(r[3]), None, 0, None


def numbers_of(db: sqlite3.Connection, ids: Sequence[int]) -> set[str]:
    marks = ", ".join("?" * len(ids))
    return {
        str(r[0])
        for r in db.execute(
            f"SELECT num FROM number WHERE num IS NOT NULL AND id_customer IN ({marks})", ids
        )
    }


def mark_shared(db: sqlite3.Connection, numbers: Collection[str] | None) -> None:
    """Whether each of these numbers (None: every number) belongs to more than one customer
    of the copy: only those need COUNT(DISTINCT) in a count."""
    if numbers is None:
        db.execute(
            "UPDATE number SET shared = 1 WHERE num IN (SELECT num FROM number "
            "WHERE num IS NOT NULL GROUP BY num HAVING COUNT(*) > 1)"
        )
        return
    ordered = sorted(numbers)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        db.execute(
            "UPDATE number SET shared = (SELECT COUNT(*) FROM number n2 WHERE n2.num = "
            f"number.num) > 1 WHERE num IN ({', '.join('?' * len(chunk))})",
            chunk,
        )


def set_activity(db: sqlite3.Connection, ids: Sequence[int] | None) -> None:
    """What the basis and retention read of each customer, from the copied rows, so that a
    count compares columns instead of reading every customer's orders and psgdpr rows
    (the soft opt-in's 3 s at 1M customers, bench/RESULTS.md): `last`, the latest valid
    order's date; `gdpr`, the latest psgdpr acceptance's date ('' when none is dated,
    NULL without one)."""
    sql = (
        "UPDATE number SET last = (SELECT MAX(o.date_add) FROM orders o "
        "WHERE o.id_customer = number.id_customer), "
        "gdpr = (SELECT CASE WHEN COUNT(*) > 0 THEN COALESCE(MAX(g.date_add), '') END "
        "FROM psgdpr_log g WHERE g.id_customer = number.id_customer)"
    )
    if ids is None:
        db.execute(sql)
    else:
        db.execute(f"{sql} WHERE id_customer IN ({', '.join('?' * len(ids))})", list(ids))
