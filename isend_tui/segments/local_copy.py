"""A local copy of what segment counts read, so that a count on a big shop takes about a
second instead of 5 to 16 (1M customers, bench/RESULTS.md).

Counting on the shop itself means, for every customer, finding the latest valid order and
running the phone patterns on each address. None of that depends on the criteria, so the
copy does it once and keeps the result per customer, in a SQLite file of the data dir:

- `number`: each active customer's class, number and country, as the shop's own
  classification query gives them (`segment_sql.compile_classified`), and the date of
  their latest valid order;
- `customer`, `customer_group`, `gender`, `country`: the columns the criteria read, with
  PrestaShop's names, so that `segment_sql` compiles the same criteria against the copy;
- `orders`: valid orders only, with their total in the default currency computed by the
  shop (the same expression as a count on the shop);
- `address`: which addresses exist, to notice the ones deleted.

Before each count, `refresh` brings the copy up to date with a few queries on the shop:
customers and addresses whose `date_upd` moved, orders after the last one seen, order
state changes after the last `order_history` row seen, and customers or addresses added
or removed without a new `date_upd` (the count or the sum of the ids differ). Those
customers are read and classified again. Changes that leave no trace there (an order
edited without a state change, a group membership changed without saving the customer, a
row changed with an old `date_upd`) are picked up by the full rebuild once the copy is a
day old. Counts only: a campaign's recipients are
always read from the shop itself when it is prepared.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.segments.compiler import compile_classified, compile_count
from isend_tui.segments.counting import RecipientCount, count_recipients
from isend_tui.segments.dialect import Dialect
from isend_tui.segments.model import Segment
from isend_tui.segments.shop_meta import ShopMeta, shop_meta
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import open_shop

log = logging.getLogger(__name__)

#: Bumped when the file's layout changes: an older copy is rebuilt.
FORMAT = "1"
#: A copy older than this is rebuilt whole (see the module doc for what refresh misses).
REBUILD_AFTER = dt.timedelta(hours=24)
#: Shops with at least this many customers are counted on a copy; smaller ones are
#: counted on the shop in well under a second (100k customers: about 1 s on the bench VM).
FROM_CUSTOMERS = 100_000

_BATCH = 5000
_CHUNK = 500  # customers re-read per round trip during a refresh

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE customer (
    id_customer INTEGER PRIMARY KEY, id_shop INTEGER, id_gender INTEGER, newsletter INTEGER,
    birthday TEXT, date_add TEXT, company TEXT, siret TEXT, deleted INTEGER, active INTEGER);
CREATE TABLE customer_group (
    id_customer INTEGER NOT NULL, id_group INTEGER NOT NULL,
    PRIMARY KEY (id_customer, id_group)) WITHOUT ROWID;
CREATE TABLE gender (id_gender INTEGER PRIMARY KEY, type INTEGER);
CREATE TABLE country (id_country INTEGER PRIMARY KEY, iso_code TEXT NOT NULL);
CREATE TABLE orders (
    id_order INTEGER PRIMARY KEY, id_customer INTEGER NOT NULL, date_add TEXT NOT NULL,
    amount INTEGER NOT NULL);
CREATE TABLE address (id_address INTEGER PRIMARY KEY, id_customer INTEGER NOT NULL);
CREATE TABLE number (
    id_customer INTEGER PRIMARY KEY, cls TEXT NOT NULL, num TEXT, country TEXT, last TEXT,
    shared INTEGER NOT NULL DEFAULT 0);
"""
# created after the first load, which is faster without them
_INDEXES = """
CREATE INDEX customer_group_group ON customer_group (id_group, id_customer);
CREATE INDEX orders_customer ON orders (id_customer, date_add, amount);
CREATE INDEX address_customer ON address (id_customer);
CREATE INDEX number_num ON number (num) WHERE num IS NOT NULL;
"""

_COPY_TABLES = ("customer", "customer_group", "gender", "orders", "number")
_PER_CUSTOMER = ("customer", "customer_group", "orders", "address", "number")
_EVERYONE = Segment(name="local copy")


def _text(value: object) -> str | None:
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


@dataclass
class _Cursor:
    """Where a table's changes were last read: the newest `date_upd` seen, and the rows
    seen at that second (a later refresh reads that second again, for rows written in the
    same second after it was read)."""

    stamp: str
    seen: list[int]

    def advance(self, rows: Sequence[tuple[int, object]]) -> list[int]:
        """The row ids that are new to the copy, and the cursor moved past them."""
        fresh = [
            rid for rid, stamp in rows if not (_text(stamp) == self.stamp and rid in self.seen)
        ]
        stamps = [s for s in (_text(stamp) for _rid, stamp in rows) if s is not None]
        if stamps:
            newest = max(stamps)
            at_newest = [rid for rid, stamp in rows if _text(stamp) == newest]
            if newest == self.stamp:
                self.seen = sorted(set(self.seen) | set(at_newest))
            elif newest > self.stamp:
                self.stamp, self.seen = newest, sorted(at_newest)
        return fresh

    def dump(self) -> str:
        return json.dumps({"stamp": self.stamp, "seen": self.seen})

    @classmethod
    def load(cls, text: str) -> _Cursor:
        data = json.loads(text)
        return cls(stamp=str(data["stamp"]), seen=[int(i) for i in data["seen"]])


def copy_path(data_dir: Path, dsn: ShopDsn) -> Path:
    """One file per shop (its URL without the password, prefix included)."""
    digest = hashlib.sha256(dsn.url().encode()).hexdigest()[:16]
    return data_dir / "shop-copies" / f"{digest}.sqlite3"


class LocalCopy:
    """The copy of one shop. Each method opens its own SQLite connection, so a copy can be
    used from any thread; writers queue on SQLite's lock."""

    def __init__(self, path: Path, dsn: ShopDsn) -> None:
        self.path = path
        self.dsn = dsn

    # -- state

    def _open(self, path: Path | None = None) -> sqlite3.Connection:
        # the default rollback journal, not WAL: a rebuild replaces the file, and a WAL
        # file left beside it would be replayed into the new one
        return sqlite3.connect(path or self.path, timeout=120, isolation_level=None)

    def _meta(self, db: sqlite3.Connection) -> dict[str, str]:
        return {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}

    def built_at(self) -> dt.datetime | None:
        """When the copy was built, or None when there is no usable copy of this shop."""
        if not self.path.is_file():
            return None
        try:
            with contextlib.closing(self._open()) as db:
                meta = self._meta(db)
        except sqlite3.Error:
            return None
        if meta.get("format") != FORMAT or meta.get("shop") != self.dsn.url():
            return None
        return dt.datetime.fromisoformat(meta["built_at"])

    def ready(self, now: dt.datetime | None = None) -> bool:
        """Built for this shop, and not so old that it must be rebuilt."""
        built = self.built_at()
        now = now or dt.datetime.now(dt.UTC)
        return built is not None and now - built < REBUILD_AFTER

    def drop(self) -> None:
        for suffix in ("", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    # -- build

    def build(self, conn: ShopConnection) -> None:
        """Copy the shop whole into a new file, then put it in place of the old one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._remove_dead_builds()
        tmp = self.path.with_name(f"{self.path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            db = sqlite3.connect(tmp, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                db.executescript(_TABLES)
                db.execute("BEGIN")
                # the cursors first: what changes while the copy is read is read again
                cursors = self._cursors_now(conn)
                meta = shop_meta(conn)
                self._copy_small_tables(db, conn, meta)
                _insert_rows(db, "customer", 10, _stream_customers(conn, None))
                _insert_rows(db, "customer_group", 2, _stream_groups(conn, None))
                _insert_rows(db, "orders", 4, _stream_orders(conn, None))
                _insert_rows(db, "address", 2, _stream_addresses(conn, None))
                _insert_rows(db, "number", 6, _stream_numbers(conn, meta, None))
                for statement in _INDEXES.strip().split(";"):
                    if statement.strip():
                        db.execute(statement)
                _set_last_orders(db, None)
                db.execute(
                    "UPDATE number SET shared = 1 WHERE num IN (SELECT num FROM number "
                    "WHERE num IS NOT NULL GROUP BY num HAVING COUNT(*) > 1)"
                )
                self._write_meta(db, cursors, built=True)
                db.execute("COMMIT")
            finally:
                db.close()
            tmp.chmod(0o600)  # customers' numbers and birthdays: for this user only
            self._settle_old_file()
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    def _remove_dead_builds(self) -> None:
        """Half-written files of builds whose process died (killed, machine stopped): each
        is as big as a copy."""
        for stale in self.path.parent.glob(f"{self.path.stem}.*.tmp"):
            pid = stale.name.split(".")[1]
            if pid.isdigit() and not _alive(int(pid)):
                stale.unlink(missing_ok=True)

    def _settle_old_file(self) -> None:
        """Let SQLite roll back into the old file a refresh that died in the middle, so
        that its journal is not applied to the new file."""
        if self.path.is_file():
            with contextlib.suppress(sqlite3.Error), contextlib.closing(self._open()) as old:
                old.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()

    def _copy_small_tables(
        self, db: sqlite3.Connection, conn: ShopConnection, meta: ShopMeta
    ) -> None:
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

    def _cursors_now(self, conn: ShopConnection) -> dict[str, str]:
        def newest(table: str) -> _Cursor:
            stamp = conn.scalar(f"SELECT MAX(date_upd) FROM {conn.table(table)}")
            key = "id_customer" if table == "customer" else "id_address"
            seen = [
                int(r[0])
                for r in conn.query(
                    f"SELECT {key} FROM {conn.table(table)} WHERE date_upd = %s", (stamp,)
                )
            ]
            return _Cursor(stamp=_text(stamp) or "", seen=seen)

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
        }

    def _write_meta(self, db: sqlite3.Connection, values: dict[str, str], *, built: bool) -> None:
        if built:
            values = {
                **values,
                "format": FORMAT,
                "shop": self.dsn.url(),
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
        db.executemany(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            sorted(values.items()),
        )

    # -- refresh

    def refresh(self, conn: ShopConnection) -> int:
        """Bring the copy up to date with the shop; how many customers were read again.

        One transaction: interrupted (a newer count, the shop gone), the copy is as before.
        """
        db = self._open()
        try:
            db.execute("BEGIN IMMEDIATE")  # one refresh at a time, in any process
            try:
                changed = self._refresh(db, conn)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return changed
        finally:
            db.close()

    def _refresh(self, db: sqlite3.Connection, conn: ShopConnection) -> int:
        meta = self._meta(db)
        customers = _Cursor.load(meta["customer_upd"])
        addresses = _Cursor.load(meta["address_upd"])
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

        changed.discard(0)  # addresses of no customer (brands, suppliers)
        shop = shop_meta(conn)
        self._copy_small_tables(db, conn, shop)
        self._read_again(db, conn, shop, changed)
        changed |= self._removed(db, conn, shop)
        self._write_meta(
            db,
            {
                "customer_upd": customers.dump(),
                "address_upd": addresses.dump(),
                "order_id": str(order_id),
                "history_id": str(history_id),
            },
            built=False,
        )
        return len(changed)

    def _removed(self, db: sqlite3.Connection, conn: ShopConnection, shop: ShopMeta) -> set[int]:
        """Customers deleted from the shop, customers who lost an address, and rows the
        date_upd cursors could not see. The ids are compared only when the count or the sum
        of the ids differs (a deletion and an addition leave the count as it was, not the
        sum)."""
        gone: set[int] = set()
        customers = "SELECT COUNT(*), COALESCE(SUM(id_customer), 0) FROM {}"
        if _pair(db.execute(customers.format("customer")).fetchone()) != _pair(
            conn.query_one(customers.format(conn.table("customer")))
        ):
            ids = {
                int(r[0]) for r in conn.query(f"SELECT id_customer FROM {conn.table('customer')}")
            }
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
        self._read_again(db, conn, shop, gone)
        return gone

    def _read_again(
        self, db: sqlite3.Connection, conn: ShopConnection, shop: ShopMeta, ids: Collection[int]
    ) -> None:
        ordered = sorted(ids)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            numbers = _numbers_of(db, chunk)
            for table in _PER_CUSTOMER:
                db.execute(f"DELETE FROM {table} WHERE id_customer IN ({marks})", chunk)
            _insert_rows(db, "customer", 10, _stream_customers(conn, chunk))
            _insert_rows(db, "customer_group", 2, _stream_groups(conn, chunk))
            _insert_rows(db, "orders", 4, _stream_orders(conn, chunk))
            _insert_rows(db, "address", 2, _stream_addresses(conn, chunk))
            _insert_rows(db, "number", 6, _stream_numbers(conn, shop, chunk))
            _set_last_orders(db, chunk)
            _mark_shared(db, numbers | _numbers_of(db, chunk))

    # -- counting

    def copy_meta(self, db: sqlite3.Connection) -> ShopMeta:
        countries = {int(i): str(iso) for i, iso in db.execute("SELECT * FROM country")}
        return ShopMeta(
            backend="sqlite",
            tables={name: f'"{name}"' for name in _COPY_TABLES},
            countries=countries,
            local_copy=True,
        )

    def count(
        self, segment: Segment, *, today: dt.date, suppressed: Collection[str] = ()
    ) -> RecipientCount:
        """The segment counted on the copy as it is (see `count_with_copy`)."""
        with contextlib.closing(self._open()) as db:
            query = compile_count(self.copy_meta(db), segment, today=today, suppressed=suppressed)
            row = db.execute(query.sql.replace("%s", "?"), query.params).fetchone()
        return RecipientCount(*(int(v or 0) for v in row))

    def classify(
        self, segment: Segment, *, today: dt.date
    ) -> list[tuple[int, str, str | None, str]]:
        """As `recipients.classify_customers`, from the copy (tests and diagnostics)."""
        with contextlib.closing(self._open()) as db:
            meta = self.copy_meta(db)
            query = compile_classified(meta, segment, today=today)
            rows = db.execute(query.sql.replace("%s", "?"), query.params).fetchall()
        return [
            (
                int(r[0]),
                str(r[1]),
                None if r[2] is None else str(r[2]),
                meta.countries.get(int(r[3]), "") if r[3] is not None else "",
            )
            for r in rows
        ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _pair(row: Sequence[Any] | None) -> tuple[int, int]:
    return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)


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
        "SELECT id_customer, id_shop, id_gender, newsletter, birthday, date_add, company, "
        f"siret, deleted, active FROM {conn.table('customer')} WHERE 1 = 1{where}"
    )
    for r in conn.stream(sql, params):
        yield (
            int(r[0]), _int(r[1]), _int(r[2]), _int(r[3]), _text(r[4]), _text(r[5]),
            _text(r[6]), _text(r[7]), _int(r[8]), _int(r[9]),
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
        yield int(r[0]), int(r[1]), _text(r[2]), int(r[3] or 0)


def _stream_addresses(conn: ShopConnection, ids: Sequence[int] | None) -> Iterator[tuple[Any, ...]]:
    where, params = _where_ids("id_customer", ids)
    sql = f"SELECT id_address, id_customer FROM {conn.table('address')} WHERE 1 = 1{where}"
    for r in conn.stream(sql, params):
        yield int(r[0]), int(r[1] or 0)


def _stream_numbers(
    conn: ShopConnection, shop: ShopMeta, ids: Sequence[int] | None
) -> Iterator[tuple[Any, ...]]:
    # read customer by customer (through the orders index) for a few, in one pass for all
    query = compile_classified(
        shop, _EVERYONE, today=dt.date.today(), per_customer=ids is not None, only=ids
    )
    for r in conn.stream(query.sql, query.params):
        yield int(r[0]), str(r[1]), None if r[2] is None else str(r[2]), _text(r[3]), None, 0


def _numbers_of(db: sqlite3.Connection, ids: Sequence[int]) -> set[str]:
    marks = ", ".join("?" * len(ids))
    return {
        str(r[0])
        for r in db.execute(
            f"SELECT num FROM number WHERE num IS NOT NULL AND id_customer IN ({marks})", ids
        )
    }


def _mark_shared(db: sqlite3.Connection, numbers: Collection[str]) -> None:
    """Whether each of these numbers belongs to more than one customer of the copy."""
    ordered = sorted(numbers)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        db.execute(
            "UPDATE number SET shared = (SELECT COUNT(*) FROM number n2 WHERE n2.num = "
            f"number.num) > 1 WHERE num IN ({', '.join('?' * len(chunk))})",
            chunk,
        )


def _set_last_orders(db: sqlite3.Connection, ids: Sequence[int] | None) -> None:
    """Each customer's latest valid order date, from the copied orders."""
    sql = (
        "UPDATE number SET last = (SELECT MAX(o.date_add) FROM orders o "
        "WHERE o.id_customer = number.id_customer)"
    )
    if ids is None:
        db.execute(sql)
    else:
        db.execute(f"{sql} WHERE id_customer IN ({', '.join('?' * len(ids))})", list(ids))


# --------------------------------------------------------------------------- counting


def count_with_copy(
    conn: ShopConnection,
    copy: LocalCopy,
    segment: Segment,
    *,
    today: dt.date,
    suppressed: Collection[str] = (),
) -> RecipientCount:
    """Refresh the copy from the shop, then count on it."""
    copy.refresh(conn)
    return copy.count(segment, today=today, suppressed=suppressed)


def is_big(conn: ShopConnection) -> bool:
    """Whether the shop is big enough for its counts to be made on a local copy."""
    total = conn.scalar(f"SELECT COUNT(*) FROM {conn.table('customer')}")
    return int(total or 0) >= FROM_CUSTOMERS


#: After a failed build, counts go to the shop for this long before the next try (a build
#: reads the whole shop: it must not start again at every count).
RETRY_AFTER_S = 600.0

_building: set[Path] = set()
_failed_at: dict[Path, float] = {}
_building_lock = threading.Lock()


def build_in_background(copy: LocalCopy) -> threading.Thread | None:
    """Build the copy in a thread, unless one is already building it; the thread, or None."""
    with _building_lock:
        failed = _failed_at.get(copy.path)
        if copy.path in _building or (
            failed is not None and time.monotonic() - failed < RETRY_AFTER_S
        ):
            return None
        _building.add(copy.path)

    def run() -> None:
        try:
            with open_shop(copy.dsn) as conn:
                copy.build(conn)
        except Exception:  # the counts go on on the shop; a count tries again later
            log.exception("building the local copy of the shop failed")
            with _building_lock:
                _failed_at[copy.path] = time.monotonic()
        finally:
            with _building_lock:
                _building.discard(copy.path)

    thread = threading.Thread(target=run, name="shop-copy", daemon=True)
    thread.start()
    return thread


def count_segment_on(
    conn: ShopConnection,
    copy: LocalCopy,
    segment: Segment,
    *,
    today: dt.date,
    suppressed: Collection[str] = (),
    mode: str = "auto",
    wait: bool = False,
    on_build: Callable[[], None] | None = None,
) -> tuple[RecipientCount, str]:
    """Count where it is fastest; the count, and where it was made ("copy" or "shop").

    `mode` "live" counts on the shop, "copy" on the copy (built first if needed), "auto" on
    the copy when there is one or the shop is big (FROM_CUSTOMERS). A copy that must be
    built first is built here with `wait` (the CLI; `on_build` is told first), else in the
    background while this count is made on the shop (the screens).
    """
    if mode != "live":
        try:
            if copy.ready():
                counted = count_with_copy(conn, copy, segment, today=today, suppressed=suppressed)
                return counted, "copy"
            wanted = mode == "copy" or copy.built_at() is not None or is_big(conn)
            if wanted and wait:
                if on_build is not None:
                    on_build()
                copy.build(conn)
                counted = count_with_copy(conn, copy, segment, today=today, suppressed=suppressed)
                return counted, "copy"
        except (sqlite3.Error, OSError) as exc:
            # a damaged or unwritable copy must not stop counts: the shop can answer
            log.warning("local copy %s unusable (%s): counting on the shop", copy.path, exc)
            with contextlib.suppress(OSError):
                copy.drop()
            if mode == "copy":
                raise CopyUnusable(copy.path, exc) from None
            wanted = False
        if wanted:
            build_in_background(copy)
    return count_recipients(conn, segment, today=today, suppressed=suppressed), "shop"


class CopyUnusable(UserError):
    def __init__(self, path: Path, exc: Exception) -> None:
        super().__init__(
            _(
                "La copie locale de la boutique n'a pas pu être écrite ni lue ({path} : "
                "{reason}). Libérez de la place dans ce dossier, ou comptez sur la boutique "
                "avec --live."
            ).format(path=path.parent, reason=exc)
        )
