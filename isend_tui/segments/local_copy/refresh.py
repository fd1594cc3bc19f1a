"""Bringing a local copy up to date with the shop before a count, with a few queries:
customers and addresses whose `date_upd` moved, orders after the last one seen, order
state changes after the last `order_history` row seen, and customers or addresses added
or removed without a new `date_upd` (the count or the sum of the ids differ). Those
customers are read and classified again."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from isend_tui.segments.local_copy.tables import (
    CHUNK,
    PER_CUSTOMER,
    as_text,
    copy_small_tables,
    insert_customers,
    mark_shared,
    numbers_of,
    read_meta,
    set_activity,
    write_meta,
)
from isend_tui.segments.shop_meta import GDPR_LOG, ShopMeta, shop_meta
from isend_tui.shop.connection import ShopConnection


@dataclass
class Cursor:
    """Where a table's changes were last read: the newest `date_upd` seen, and the rows
    seen at that second (a later refresh reads that second again, for rows written in the
    same second after it was read)."""

    stamp: str
    seen: list[int]

    def advance(self, rows: Sequence[tuple[int, object]]) -> list[int]:
        """The row ids that are new to the copy, and the cursor moved past them."""
        fresh = [
            rid for rid, stamp in rows if not (as_text(stamp) == self.stamp and rid in self.seen)
        ]
        stamps = [s for s in (as_text(stamp) for _rid, stamp in rows) if s is not None]
        if stamps:
            newest = max(stamps)
            at_newest = [rid for rid, stamp in rows if as_text(stamp) == newest]
            if newest == self.stamp:
                self.seen = sorted(set(self.seen) | set(at_newest))
            elif newest > self.stamp:
                self.stamp, self.seen = newest, sorted(at_newest)
        return fresh

    def dump(self) -> str:
        return json.dumps({"stamp": self.stamp, "seen": self.seen})

    @classmethod
    def load(cls, text: str) -> Cursor:
        data = json.loads(text)
        return cls(stamp=str(data["stamp"]), seen=[int(i) for i in data["seen"]])


def cursors_now(conn: ShopConnection) -> dict[str, str]:
    """Where the shop's changes are now, read before a build copies the shop: what
    changes while the copy is read is read again by the next refresh."""

    def newest(table: str) -> Cursor:
        stamp = conn.scalar(f"SELECT MAX(date_upd) FROM {conn.table(table)}")
        key = "id_customer" if table == "customer" else "id_address"
        seen = [
            int(r[0])
            for r in conn.query(
                f"SELECT {key} FROM {conn.table(table)} WHERE date_upd = %s", (stamp,)
            )
        ]
        return Cursor(stamp=as_text(stamp) or "", seen=seen)

    return {
        "customer_upd": newest("customer").dump(),
        "address_upd": newest("address").dump(),
        "order_id": str(
            conn.scalar(f"SELECT COALESCE(MAX(id_order), 0) FROM {conn.table('orders')}")
        ),
        "history_id": str(
            conn.scalar(
                f"SELECT COALESCE(MAX(id_order_history), 0) FROM {conn.table('order_history')}"
            )
        ),
        "gdpr_id": str(
            conn.scalar(f"SELECT COALESCE(MAX(id_gdpr_log), 0) FROM {conn.table(GDPR_LOG)}")
            if conn.has_table(GDPR_LOG)
            else 0
        ),
    }


def bring_up_to_date(db: sqlite3.Connection, conn: ShopConnection) -> int:
    """Read again in the copy `db` (in the caller's transaction) every customer the shop
    changed since the last build or refresh; how many."""
    meta = read_meta(db)
    customers = Cursor.load(meta["customer_upd"])
    addresses = Cursor.load(meta["address_upd"])
    changed: set[int] = set()

    rows = conn.query(
        f"SELECT id_customer, date_upd FROM {conn.table('customer')} WHERE date_upd >= %s",
        (customers.stamp,),
    )
    changed.update(customers.advance([(int(r[0]), r[1]) for r in rows]))

    rows = conn.query(
        f"SELECT id_address, id_customer, date_upd FROM {conn.table('address')} "
        "WHERE date_upd >= %s",
        (addresses.stamp,),
    )
    owner = {int(r[0]): int(r[1] or 0) for r in rows}
    changed.update(owner[a] for a in addresses.advance([(int(r[0]), r[2]) for r in rows]))

    order_id = int(meta["order_id"])
    rows = conn.query(
        f"SELECT id_order, id_customer FROM {conn.table('orders')} WHERE id_order > %s",
        (order_id,),
    )
    changed.update(int(r[1]) for r in rows)
    order_id = max([order_id, *(int(r[0]) for r in rows)])

    history_id = int(meta["history_id"])
    rows = conn.query(
        f"SELECT oh.id_order_history, o.id_customer FROM {conn.table('order_history')} oh "
        f"JOIN {conn.table('orders')} o ON o.id_order = oh.id_order "
        "WHERE oh.id_order_history > %s",
        (history_id,),
    )
    changed.update(int(r[1]) for r in rows)
    history_id = max([history_id, *(int(r[0]) for r in rows)])

    # psgdpr logs a consent without saving the customer; its rows are only added to
    gdpr_id = int(meta.get("gdpr_id", "0"))
    if conn.has_table(GDPR_LOG):
        rows = conn.query(
            f"SELECT id_gdpr_log, id_customer FROM {conn.table(GDPR_LOG)} WHERE id_gdpr_log > %s",
            (gdpr_id,),
        )
        changed.update(int(r[1] or 0) for r in rows)
        gdpr_id = max([gdpr_id, *(int(r[0]) for r in rows)])

    changed.discard(0)  # addresses of no customer (brands, suppliers)
    shop = shop_meta(conn)
    copy_small_tables(db, conn, shop)
    read_again(db, conn, shop, changed)
    changed |= _removed(db, conn, shop)
    write_meta(
        db,
        {
            "customer_upd": customers.dump(),
            "address_upd": addresses.dump(),
            "order_id": str(order_id),
            "history_id": str(history_id),
            "gdpr_id": str(gdpr_id),
        },
    )
    return len(changed)


def _removed(db: sqlite3.Connection, conn: ShopConnection, shop: ShopMeta) -> set[int]:
    """Customers deleted from the shop, customers who lost an address, and rows the
    date_upd cursors could not see. The ids are compared only when the count or the sum
    of the ids differs (a deletion and an addition leave the count as it was, not the
    sum)."""
    gone: set[int] = set()
    customers = "SELECT COUNT(*), COALESCE(SUM(id_customer), 0) FROM {}"
    if _pair(db.execute(customers.format("customer")).fetchone()) != _pair(
        conn.query_one(customers.format(conn.table("customer")))
    ):
        ids = {int(r[0]) for r in conn.query(f"SELECT id_customer FROM {conn.table('customer')}")}
        # deleted ones, and new ones saved with an old date_upd
        gone |= {int(r[0]) for r in db.execute("SELECT id_customer FROM customer")} ^ ids
    # a customer's addresses only: new ones of no customer (brands) are not copied
    addresses = "SELECT COUNT(*), COALESCE(SUM(id_address), 0) FROM {} WHERE id_customer <> 0"
    if _pair(db.execute(addresses.format("address")).fetchone()) != _pair(
        conn.query_one(addresses.format(conn.table("address")))
    ):
        there = {
            int(r[0]): int(r[1])
            for r in conn.query(
                f"SELECT id_address, id_customer FROM {conn.table('address')} "
                "WHERE id_customer <> 0"
            )
        }
        here = {
            int(r[0]): int(r[1])
            for r in db.execute(
                "SELECT id_address, id_customer FROM address WHERE id_customer <> 0"
            )
        }
        # the owners of deleted addresses, and of new ones saved with an old date_upd
        gone |= {here[a] for a in here.keys() - there.keys()}
        gone |= {there[a] for a in there.keys() - here.keys()}
    gone.discard(0)
    read_again(db, conn, shop, gone)
    return gone


def read_again(
    db: sqlite3.Connection, conn: ShopConnection, shop: ShopMeta, ids: Collection[int]
) -> None:
    """Replace these customers' rows in the copy by the shop's, a chunk at a time."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        numbers = numbers_of(db, chunk)
        for table in PER_CUSTOMER:
            db.execute(f"DELETE FROM {table} WHERE id_customer IN ({marks})", chunk)
        insert_customers(db, conn, shop, chunk)
        set_activity(db, chunk)
        mark_shared(db, numbers | numbers_of(db, chunk))


def _pair(row: Sequence[Any] | None) -> tuple[int, int]:
    return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
