"""Benchmark of one scan of every automation (isend_tui/automations/).

    .venv/bin/python bench/automations_bench.py [--host 127.0.0.1 --port 3306 --user root]
        [--customers 1000000] [--rebuild]

One scan = `AutomationRunner.poll` with the five flows enabled, as the watcher runs it
every poll: abandoned carts (two steps), birthdays (one chunk of customer ids), win-back,
after delivery, back in stock; the occurrences found recorded in the local store. Each run
starts from a cursor one poll interval (2 s) plus the overlap behind now.

Measured on a big shop (MariaDB ``isend_bench_auto``: --customers customers, 3 orders and
2 carts per customer, one history row per order, one line per cart) next to a small one
(``isend_bench_auto_small``, 10,000 customers) in the same run: the figures should be the
same (flat in the size of the tables). Reference, same run: the unbounded way of finding
abandoned carts (every cart without an order, one statement), on both shops.
Target: p50 < 500 ms on the big shop, RSS < 200 MB.

The shops are built once and reused when present; --rebuild builds them again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.shop_builder import ShopBuilder  # noqa: E402

from isend_tui.automations.flow_settings import edit_flow, save_state  # noqa: E402
from isend_tui.automations.flows import Flow  # noqa: E402
from isend_tui.automations.runner import OVERLAP, AutomationRunner  # noqa: E402
from isend_tui.config import Settings  # noqa: E402
from isend_tui.demo.prestashop.writer import open_writable_mysql  # noqa: E402
from isend_tui.notifications.clock import iso  # noqa: E402
from isend_tui.shop.dsn import ShopDsn  # noqa: E402
from isend_tui.shop.info import open_shop  # noqa: E402
from isend_tui.store import open_store  # noqa: E402

SMALL = 10_000
CHUNK = 500_000
RUNS = 15


def _exec(raw: Any, sql: str, params: tuple[Any, ...] | None = None) -> Any:
    with raw.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    raw.commit()
    return rows


def _columns(raw: Any, db: str, table: str) -> list[str]:
    return [
        r[0]
        for r in _exec(
            raw,
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = %s "
            "AND TABLE_NAME = %s ORDER BY ORDINAL_POSITION",
            (db, f"ps_{table}"),
        )
    ]


def _clone(raw: Any, db: str, table: str, where: str, first: int, last: int,
           exprs: dict[str, str]) -> None:  # fmt: skip
    """Copy the row matching `where` as rows first..last (the seq engine)."""
    cols = _columns(raw, db, table)
    for start in range(first, last + 1, CHUNK):
        end = min(last, start + CHUNK - 1)
        select = ", ".join(exprs.get(c, f"p.`{c}`") for c in cols)
        _exec(
            raw,
            f"INSERT INTO `{db}`.`ps_{table}` ({', '.join(f'`{c}`' for c in cols)}) "
            f"SELECT {select} FROM `{db}`.seq_{start}_to_{end} s "
            f"JOIN `{db}`.`ps_{table}` p ON {where}",
        )


def _count(raw: Any, db: str) -> int:
    try:
        return int(_exec(raw, f"SELECT COUNT(*) FROM `{db}`.ps_customer")[0][0])
    except Exception:
        return -1


def build(args: argparse.Namespace, db: str, customers: int) -> ShopDsn:
    admin = ShopDsn(kind="mysql", host=args.host, port=args.port, user=args.user,
                    password=args.password, database="mysql")  # fmt: skip
    server = open_writable_mysql(admin)
    dsn = ShopDsn(kind="mysql", host=args.host, port=args.port, user=args.user,
                  password=args.password, database=db)  # fmt: skip
    if not args.rebuild and _count(server, db) >= customers:
        print(f"{db}: reusing {customers:,} customers")
        return dsn
    started = time.perf_counter()
    _exec(server, f"DROP DATABASE IF EXISTS `{db}`")
    _exec(server, f"CREATE DATABASE `{db}` CHARACTER SET utf8mb4")
    shop = ShopBuilder(dsn, version="8").create()
    first = shop.customer(firstname="Jean", lastname="Bench", newsletter=1, birthday="1980-01-01")
    shop.address(first, phone_mobile="0600000001")
    product = shop.product("Théière", quantity=5)
    order = shop.order(first, state="PS_OS_DELIVERED", id_cart=1)
    cart = shop.cart(first, [(product, 1)])
    shop.stock_alert(first, product)
    assert (first, order, cart) == (1, 1, 1)
    shop.close()
    orders, carts = 3 * customers, 2 * customers
    span = 3 * 365 * 24 * 3600
    _exec(server, "SET SESSION sql_mode = ''")
    _clone(server, db, "customer", "p.id_customer = 1", 2, customers, {
        "id_customer": "s.seq", "email": "CONCAT('c', s.seq, '@bench.test')",
        "lastname": "CONCAT('Client', s.seq)", "newsletter": "s.seq MOD 2",
        "birthday": "'1970-01-01' + INTERVAL (s.seq MOD 12000) DAY",
    })  # fmt: skip
    _clone(server, db, "address", "p.id_address = 1", 2, customers, {
        "id_address": "s.seq", "id_customer": "s.seq",
        "phone_mobile": "CONCAT('06', LPAD(s.seq, 8, '0'))",
    })  # fmt: skip
    when = f"NOW() - INTERVAL ({orders} - s.seq) * {span // orders} SECOND"
    # the first half of the carts became orders; the others are abandoned
    _clone(server, db, "orders", "p.id_order = 1", 2, orders, {
        "id_order": "s.seq", "reference": "CONCAT('B', LPAD(s.seq, 8, '0'))",
        "id_customer": f"1 + (s.seq MOD {customers})", "id_address_delivery":
        f"1 + (s.seq MOD {customers})", "id_address_invoice": f"1 + (s.seq MOD {customers})",
        "id_cart": f"IF(s.seq <= {carts // 2}, s.seq, 0)", "date_add": when, "date_upd": when,
    })  # fmt: skip
    _exec(server, f"DELETE FROM `{db}`.ps_order_history WHERE id_order_history > 1")
    _clone(server, db, "order_history", "p.id_order_history = 1", 2, orders, {
        "id_order_history": "s.seq", "id_order": "s.seq",
        "date_add": f"{when} + INTERVAL 1 DAY",
    })  # fmt: skip
    cart_when = f"NOW() - INTERVAL ({carts} - s.seq) * {span // carts} SECOND"
    _clone(server, db, "cart", "p.id_cart = 1", 2, carts, {
        "id_cart": "s.seq", "id_customer": f"1 + (s.seq MOD {customers})",
        "date_add": cart_when, "date_upd": cart_when,
    })  # fmt: skip
    _clone(server, db, "cart_product", "p.id_cart = 1", 2, carts, {"id_cart": "s.seq"})
    _clone(server, db, "mailalert_customer_oos", "p.id_customer = 1", 2, 1000, {
        "id_customer": f"1 + s.seq * {max(1, customers // 1000)}",
    })  # fmt: skip
    _exec(server, f"ANALYZE TABLE `{db}`.ps_cart, `{db}`.ps_orders, `{db}`.ps_customer")
    server.close()
    print(f"{db}: built {customers:,} customers in {time.perf_counter() - started:.0f} s")
    return dsn


def measure(dsn: ShopDsn, label: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store.sqlite3")
        now = dt.datetime.now(dt.UTC)
        settings = Settings()
        for flow in Flow:
            edit_flow(store, flow, now - dt.timedelta(days=1), enabled=True, voucher="BENCH",
                      **({"delays": "2,24"} if flow is Flow.ABANDONED_CART else {}))  # fmt: skip
        times: list[float] = []
        found = 0
        with open_shop(dsn) as conn:
            for i in range(RUNS):
                at = now + dt.timedelta(seconds=2 * i)
                with store.write():
                    for flow in Flow:
                        cursor = {"cursor": iso(at - dt.timedelta(seconds=2) + OVERLAP)}
                        if flow is Flow.BACK_IN_STOCK:
                            cursor["baseline"] = []  # type: ignore[assignment]
                        save_state(store, flow, cursor)
                runner = AutomationRunner(store, settings, lambda at=at: at)
                started = time.perf_counter()
                found += runner.poll(conn)
                times.append((time.perf_counter() - started) * 1000)
                assert not runner.problems, runner.problems
            started = time.perf_counter()
            naive = conn.scalar(
                f"SELECT COUNT(*) FROM {conn.table('cart')} c LEFT JOIN "
                f"{conn.table('orders')} o ON o.id_cart = c.id_cart WHERE o.id_order IS NULL"
            )
            reference = (time.perf_counter() - started) * 1000
        store.close()
    times.sort()
    figures = {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
        "reference": reference,
        "rows": found / RUNS,
    }
    print(f"{label}: scan p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, max "
          f"{figures['max']:.1f} ms, {figures['rows']:.0f} occurrences recorded per scan; "
          f"reference (every abandoned cart, {naive:,}): {reference:.0f} ms")  # fmt: skip
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3306)
    parser.add_argument("--user", default="root")
    parser.add_argument("--password", default="")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    small = build(args, "isend_bench_auto_small", SMALL)
    big = build(args, "isend_bench_auto", args.customers)
    measure(small, f"{SMALL:,} customers")
    measure(big, f"{args.customers:,} customers")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
