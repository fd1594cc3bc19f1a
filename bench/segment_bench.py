"""Segment count benchmark: the tool's count against hand-written SQL, 1M customers.

    .venv/bin/python bench/segment_bench.py [--reps 3] [--tmp-table-size 256M|server]
                                            [--without-index] [--only NAME,...]

- The shop: MariaDB database `isend_bench` on 127.0.0.1:3306 (root, no password), written
  by the demo shop generator (1,000,000 customers, about 3,000,000 orders, PrestaShop 8
  schema, seed 42) and marked by a row in `isend_bench_marker`; later runs reuse it.
- The index the README recommends (`isend_customer_orders` on orders) is
  created if missing (or dropped with --without-index).
- For each criterion and a 4-criteria combination: the tool's `count_recipients` (its
  small metadata queries included) and a hand-written reference query answering the same
  question in MariaDB's idiom (CTEs, ROW_NUMBER(), per-row TIMESTAMPDIFF, IN/EXISTS
  subqueries), with the same phone rules (the per-country patterns of
  isend_tui.segments.phones: nobody writes those by hand). Both run on connections with
  the same session settings (--tmp-table-size, default 256M; "server" keeps the server's),
  alternately, --reps times; the best time of each is kept. The 7 numbers must agree.
- The tool counts big shops on a local copy (isend_tui.segments.local_copy): the copy is built
  first (timed), then each "tool" time is a refresh of the copy from the shop plus the
  count on it, as in the app. The count made on the shop itself (`--live`) is timed too.
  The three numbers must agree. Then 1,000 customers are saved (date_upd) and the
  refresh that reads them again is timed.
- With `--basis`, each segment is also counted on the copy (no refresh, as the count
  without a basis it is printed next to, measured alternately in the same loop) with the
  `consent` and the `customer` basis (issue 15: within +20 % of the count without a
  basis and under 2 s). bench/retention_bench.py adds the frequency caps.
- Then the streaming of every recipient of the whole shop in a subprocess, whose peak RSS
  (resource.getrusage) is reported.

Targets: each count within 1.25x of its reference and under 2 s; streaming 1,000,000
recipients under 200 MB peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pymysql  # noqa: E402

from isend_tui.segments.basis import Basis, BasisRule  # noqa: E402
from isend_tui.segments.counting import RecipientCount, count_recipients, iter_recipients  # noqa: E402
from isend_tui.segments.dates import months_before  # noqa: E402
from isend_tui.segments.local_copy.copy import LocalCopy, copy_path  # noqa: E402
from isend_tui.segments.model import Segment  # noqa: E402
from isend_tui.segments.phones.sql import phone_class_sql  # noqa: E402
from isend_tui.segments.segment_file import segment_from_dict  # noqa: E402
from isend_tui.shop.connection import ShopConnection  # noqa: E402
from isend_tui.shop.info import open_shop  # noqa: E402

HOST, PORT, USER = "127.0.0.1", 3306, "root"
DATABASE = "isend_bench"
URL = f"mysql://{USER}@{HOST}:{PORT}/{DATABASE}?prefix=ps_"
CUSTOMERS = 1_000_000
SEED = 42
TODAY = dt.date(2025, 6, 16)  # the demo generator's reference date
MARKER = f"demo version=8 seed={SEED} customers={CUSTOMERS} orders_per_customer=3.0 ref={TODAY}"
INDEX = "isend_customer_orders"
INDEX_COLUMNS = (
    "id_customer, valid, date_add, id_address_delivery, total_paid_tax_incl, conversion_rate"
)


def server() -> Any:
    return pymysql.connect(host=HOST, port=PORT, user=USER, autocommit=True, charset="utf8mb4")


# --------------------------------------------------------------------------- the shop


def ensure_shop() -> None:
    raw = server()
    with raw.cursor() as cur:
        cur.execute(f"CREATE DATABASE IF NOT EXISTS `{DATABASE}` CHARACTER SET utf8mb4")
        cur.execute(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s "
            "AND TABLE_NAME = 'isend_bench_marker'",
            (DATABASE,),
        )
        marked = False
        if cur.fetchone()[0]:
            cur.execute(f"SELECT marker FROM `{DATABASE}`.isend_bench_marker")
            marked = any(row[0] == MARKER for row in cur.fetchall())
    raw.close()
    if marked:
        print(f"shop: reusing {DATABASE} ({MARKER})", flush=True)
        return
    from isend_tui.demo.build import generate_demo_shop

    print(f"shop: writing {DATABASE} ({MARKER}), about 15 minutes", flush=True)
    started = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 30:
            last[0] = time.monotonic()
            print(f"  {done:,}/{total:,} customers", flush=True)

    summary = generate_demo_shop(
        URL, customers=CUSTOMERS, seed=SEED, reference_date=TODAY, replace=True, progress=progress
    )
    print(f"  {summary} in {time.monotonic() - started:.0f} s", flush=True)
    raw = server()
    with raw.cursor() as cur:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS `{DATABASE}`.isend_bench_marker (marker VARCHAR(255))"
        )
        cur.execute(f"DELETE FROM `{DATABASE}`.isend_bench_marker")
        cur.execute(f"INSERT INTO `{DATABASE}`.isend_bench_marker VALUES (%s)", (MARKER,))
    raw.close()


def ensure_index(wanted: bool) -> None:
    raw = server()
    with raw.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = %s "
            "AND TABLE_NAME = 'ps_orders' AND INDEX_NAME = %s",
            (DATABASE, INDEX),
        )
        present = bool(cur.fetchone()[0])
        if wanted and not present:
            started = time.monotonic()
            cur.execute(f"ALTER TABLE `{DATABASE}`.ps_orders ADD INDEX {INDEX} ({INDEX_COLUMNS})")
            print(f"index: created {INDEX} in {time.monotonic() - started:.0f} s", flush=True)
        elif not wanted and present:
            cur.execute(f"ALTER TABLE `{DATABASE}`.ps_orders DROP INDEX {INDEX}")
            print(f"index: dropped {INDEX}", flush=True)
        else:
            print(f"index: {INDEX} {'present' if present else 'absent'}", flush=True)
    raw.close()


def tune(raw: Any, tmp_size: int | None) -> None:
    if tmp_size is not None:
        with raw.cursor() as cur:
            cur.execute(
                f"SET SESSION tmp_table_size = {tmp_size}, max_heap_table_size = {tmp_size}"
            )


# --------------------------------------------------------------------------- reference SQL


@dataclass(frozen=True)
class Case:
    name: str
    criteria: list[dict[str, Any]]
    condition: str  # hand-written WHERE part on customer c ("" for none)
    params: tuple[object, ...] = ()
    countries: tuple[str, ...] = ()  # the country criterion, applied on the number's country


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()} 00:00:00"


def cases() -> list[Case]:
    six = _stamp(months_before(TODAY, 6))
    twelve = _stamp(months_before(TODAY, 12))
    valid = "SELECT o.id_customer FROM ps_orders o WHERE o.valid = 1"
    return [
        Case("newsletter", [{"criterion": "newsletter", "value": True}], "c.newsletter = 1"),
        Case(
            "age",
            [{"criterion": "age", "operator": "between", "value": [25, 40]}],
            "c.birthday > '0000-00-00' AND TIMESTAMPDIFF(YEAR, c.birthday, %s) BETWEEN 25 AND 40",
            (TODAY.isoformat(),),
        ),
        Case("shop", [{"criterion": "shop", "value": [1, 2]}], "c.id_shop IN (1, 2)"),
        Case(
            "last_order",
            [{"criterion": "last_order", "operator": "before", "value": {"months_ago": 6}}],
            f"c.id_customer IN ({valid} GROUP BY o.id_customer HAVING MAX(o.date_add) < %s)",
            (six,),
        ),
        Case(
            "registration",
            [{"criterion": "registration", "operator": "after", "value": {"months_ago": 12}}],
            "c.date_add >= %s",
            (_stamp(months_before(TODAY, 12) + dt.timedelta(days=1)),),
        ),
        Case(
            "gender",
            [{"criterion": "gender", "value": "women"}],
            "c.id_gender IN (SELECT g.id_gender FROM ps_gender g WHERE g.type = 1)",
        ),
        Case(
            "group",
            [{"criterion": "group", "value": [4]}],
            "EXISTS (SELECT 1 FROM ps_customer_group cg WHERE cg.id_customer = c.id_customer "
            "AND cg.id_group = 4)",
        ),
        Case(
            "orders_count",
            [{"criterion": "orders_count", "operator": ">", "value": 2, "months": 12}],
            f"c.id_customer IN ({valid} AND o.date_add >= %s GROUP BY o.id_customer "
            "HAVING COUNT(*) > 2)",
            (twelve,),
        ),
        Case("country", [{"criterion": "country", "value": ["BE"]}], "", (), ("BE",)),
        Case(
            "orders_sum",
            [{"criterion": "orders_sum", "operator": ">", "value": 100, "months": 6}],
            f"c.id_customer IN ({valid} AND o.date_add >= %s GROUP BY o.id_customer "
            "HAVING SUM(o.total_paid_tax_incl / o.conversion_rate) > 100)",
            (six,),
        ),
        Case(
            "status",
            [{"criterion": "status", "value": "professional"}],
            "(TRIM(COALESCE(c.company, '')) <> '' OR TRIM(COALESCE(c.siret, '')) <> '')",
        ),
        Case(
            "4 criteria",
            [
                {"criterion": "newsletter", "value": True},
                {"criterion": "age", "operator": ">", "value": 30},
                {"criterion": "group", "value": [3, 4]},
                {"criterion": "orders_sum", "operator": ">", "value": 50, "months": 12},
            ],
            "c.newsletter = 1 AND c.birthday > '0000-00-00' "
            "AND TIMESTAMPDIFF(YEAR, c.birthday, %s) > 30 "
            "AND EXISTS (SELECT 1 FROM ps_customer_group cg WHERE cg.id_customer = c.id_customer "
            "AND cg.id_group IN (3, 4)) "
            f"AND c.id_customer IN ({valid} AND o.date_add >= %s GROUP BY o.id_customer "
            "HAVING SUM(o.total_paid_tax_incl / o.conversion_rate) > 50)",
            (TODAY.isoformat(), twelve),
        ),
    ]


def reference_sql(case: Case, countries: dict[int, str]) -> tuple[str, tuple[object, ...]]:
    """The same question written by hand: CTEs and window functions (MariaDB 10.2+)."""
    branches = sorted(countries.items())
    mobile = phone_class_sql("a.phone_mobile", "a.id_country", branches, "mysql")
    phone = phone_class_sql("a.phone", "a.id_country", branches, "mysql")
    where = f"AND {case.condition}" if case.condition else ""
    country_filter = ""
    filter_params: tuple[object, ...] = ()
    if case.countries:
        ids = [i for i, iso in countries.items() if iso in case.countries]
        country_filter = "WHERE b.country IN (" + ", ".join(["%s"] * len(ids)) + ")"
        filter_params = tuple(ids)
    sql = f"""
WITH seg AS (
  SELECT c.id_customer FROM ps_customer c
  WHERE c.deleted = 0 AND c.active = 1 {where}
), latest AS (
  SELECT x.id_customer, x.id_address_delivery FROM (
    SELECT o.id_customer, o.id_address_delivery,
           ROW_NUMBER() OVER (PARTITION BY o.id_customer
                              ORDER BY o.date_add DESC, o.id_order DESC) AS rn
    FROM ps_orders o WHERE o.valid = 1
  ) x WHERE x.rn = 1
), cand AS (
  SELECT s.id_customer, a.id_address, a.id_country, a.date_upd,
         CASE WHEN a.id_address = l.id_address_delivery THEN 1 ELSE 0 END AS tier,
         {mobile.sql} AS km, {phone.sql} AS kp
  FROM seg s
  LEFT JOIN latest l ON l.id_customer = s.id_customer
  JOIN ps_address a ON a.id_customer = s.id_customer
   AND (a.deleted = 0 OR a.id_address = l.id_address_delivery)
), picked AS (
  SELECT id_customer, id_country,
         CASE WHEN LEFT(km, 1) >= LEFT(kp, 1) THEN km ELSE kp END AS k,
         ROW_NUMBER() OVER (PARTITION BY id_customer
             ORDER BY GREATEST(LEFT(km, 1), LEFT(kp, 1)) DESC,
                      tier DESC, date_upd DESC, id_address DESC,
                      CASE WHEN LEFT(km, 1) >= LEFT(kp, 1) THEN 1 ELSE 0 END DESC) AS best_rank,
         ROW_NUMBER() OVER (PARTITION BY id_customer
             ORDER BY tier DESC, date_upd DESC, id_address DESC) AS first_rank
  FROM cand
), per_customer AS (
  SELECT s.id_customer,
         COALESCE(MAX(CASE WHEN p.best_rank = 1 THEN LEFT(p.k, 1) END), '0') AS cls,
         MAX(CASE WHEN p.best_rank = 1 AND LEFT(p.k, 1) = '3' THEN SUBSTRING(p.k, 2) END)
           AS num,
         MAX(CASE WHEN p.best_rank = 1 AND LEFT(p.k, 1) = '3' THEN p.id_country END) AS used,
         MAX(CASE WHEN p.first_rank = 1 THEN p.id_country END) AS first_country
  FROM seg s LEFT JOIN picked p ON p.id_customer = s.id_customer
  GROUP BY s.id_customer
)
SELECT COUNT(*),
       COUNT(DISTINCT CASE WHEN b.cls = '3' THEN b.num END),
       SUM(b.cls = '0'), SUM(b.cls = '1'), SUM(b.cls = '2'),
       SUM(b.cls = '3') - COUNT(DISTINCT CASE WHEN b.cls = '3' THEN b.num END),
       0
FROM (SELECT pc.*, CASE WHEN pc.cls = '3' THEN pc.used ELSE pc.first_country END AS country
      FROM per_customer pc) b
{country_filter}
"""
    return sql, case.params + mobile.params + phone.params + filter_params


# --------------------------------------------------------------------------- timing


def best_of(reps: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(reps):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def stream_child(tmp_size: int | None) -> None:
    """In a subprocess: stream every recipient of the shop, report count, time, peak RSS."""
    started = time.perf_counter()
    with open_shop(URL) as conn:
        tune(conn._raw, tmp_size)
        n = sum(1 for _ in iter_recipients(conn, Segment("Tous"), today=TODAY))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps({"recipients": n, "seconds": time.perf_counter() - started, "rss_kb": peak_kb})
    )


def basis_rows(copy: LocalCopy, segment: Segment, reps: int) -> None:
    """The segment counted on the copy without a basis and with each, alternately."""
    rules: dict[str, BasisRule | None] = {
        "no basis": None,
        "consent": BasisRule.of(Basis.CONSENT),
        "customer": BasisRule.of(Basis.CUSTOMER),
    }
    best: dict[str, tuple[float, RecipientCount]] = {}
    for _ in range(reps):
        for name, rule in rules.items():
            seconds, counted = best_of(
                1, lambda rule=rule: copy.count(segment, today=TODAY, basis=rule)
            )
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, counted)
    plain = best["no basis"][0]
    for name, (seconds, counted) in best.items():
        print(
            f"  {name:<12} copy count {seconds:5.2f} s ({seconds / plain:4.2f}x no basis)  "
            f"recipients {counted.recipients:>9,}  no consent {counted.no_consent:>9,}  "
            f"retention {counted.retention:>7,}",
            flush=True,
        )


def parse_size(text: str) -> int | None:
    if text == "server":
        return None
    units = {"K": 1024, "M": 1024**2, "G": 1024**3}
    return int(text[:-1]) * units[text[-1].upper()] if text[-1].upper() in units else int(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--tmp-table-size", default="256M")
    parser.add_argument("--without-index", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated case names")
    parser.add_argument("--no-stream", action="store_true")
    parser.add_argument("--no-live", action="store_true", help="skip the count on the shop")
    parser.add_argument("--copy-dir", default="/tmp/isend_bench_copy")
    parser.add_argument("--basis", action="store_true", help="also count with each basis")
    parser.add_argument("--stream-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    tmp_size = parse_size(args.tmp_table_size)
    if args.stream_child:
        stream_child(tmp_size)
        return 0
    ensure_shop()
    ensure_index(not args.without_index)
    conn: ShopConnection = open_shop(URL)
    tune(conn._raw, tmp_size)
    ref = pymysql.connect(
        host=HOST, port=PORT, user=USER, database=DATABASE, autocommit=True, charset="utf8mb4"
    )
    tune(ref, tmp_size)
    with ref.cursor() as cur:
        cur.execute("SELECT VERSION(), @@innodb_buffer_pool_size, @@tmp_table_size")
        version, pool, tmp = cur.fetchone()
        cur.execute("SELECT COUNT(*) FROM ps_customer")
        n_customers = cur.fetchone()[0]
        cur.execute("SELECT COUNT(*) FROM ps_orders")
        n_orders = cur.fetchone()[0]
        cur.execute(
            "SELECT co.id_country, co.iso_code FROM ps_country co "
            "WHERE co.id_country IN (SELECT DISTINCT a.id_country FROM ps_address a)"
        )
        countries = {int(i): str(iso) for i, iso in cur.fetchall()}
    print(
        f"server {version}, buffer pool {pool / 2**30:.1f} GiB, session tmp_table_size "
        f"{tmp / 2**20:.0f} MiB; {n_customers:,} customers, {n_orders:,} orders; today {TODAY}",
        flush=True,
    )
    copy = LocalCopy(copy_path(Path(args.copy_dir), conn.dsn), conn.dsn)
    started = time.perf_counter()
    copy.build(conn)
    print(f"local copy built in {time.perf_counter() - started:.1f} s", flush=True)
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    rows: list[tuple[str, float, float, RecipientCount]] = []
    print(
        f"{'criterion':<14} {'tool s':>8} {'(refresh)':>9} {'ref s':>8} {'ratio':>6} "
        f"{'on shop s':>9}  customers  recipients"
    )
    for case in cases():
        if only and case.name not in only:
            continue
        segment = segment_from_dict({"version": 1, "name": case.name, "criteria": case.criteria})
        sql, params = reference_sql(case, countries)

        refreshes: list[float] = []

        def tool(segment: Segment = segment, refreshes: list[float] = refreshes) -> RecipientCount:
            started = time.perf_counter()
            copy.refresh(conn)
            refreshes.append(time.perf_counter() - started)
            return copy.count(segment, today=TODAY)

        def on_shop(segment: Segment = segment) -> RecipientCount:
            return count_recipients(conn, segment, today=TODAY)

        def reference(sql: str = sql, params: tuple[object, ...] = params) -> RecipientCount:
            with ref.cursor() as cur:
                cur.execute(sql, params)
                return RecipientCount(*(int(v or 0) for v in cur.fetchone()))

        tool_s, ref_s, shop_s = float("inf"), float("inf"), float("inf")
        for _ in range(args.reps):  # alternate, keep the best of each
            t, got = best_of(1, tool)
            r, expected = best_of(1, reference)
            tool_s, ref_s = min(tool_s, t), min(ref_s, r)
            assert got == expected, (case.name, got, expected)
            if not args.no_live:
                w, live = best_of(1, on_shop)
                shop_s = min(shop_s, w)
                assert live == expected, (case.name, live, expected)
        rows.append((case.name, tool_s, ref_s, got))
        print(
            f"{case.name:<14} {tool_s:8.2f} {min(refreshes):9.2f} {ref_s:8.2f} "
            f"{tool_s / ref_s:6.2f} {shop_s:9.2f}  {got.customers:>9,}  {got.recipients:>10,}",
            flush=True,
        )
        if args.basis:
            basis_rows(copy, segment, args.reps)
    with ref.cursor() as cur:  # 1,000 customers saved in the back office
        cur.execute(
            "UPDATE ps_customer SET date_upd = NOW() WHERE id_customer IN "
            "(SELECT id_customer FROM (SELECT id_customer FROM ps_customer "
            "ORDER BY RAND() LIMIT 1000) x)"
        )
    started = time.perf_counter()
    read_again = copy.refresh(conn)
    print(
        f"refresh after {read_again:,} customers were saved: {time.perf_counter() - started:.2f} s",
        flush=True,
    )
    conn.close()
    ref.close()
    if not args.no_stream:
        child = [
            sys.executable,
            __file__,
            "--stream-child",
            "--tmp-table-size",
            args.tmp_table_size,
        ]
        out = subprocess.run(child, check=True, capture_output=True, text=True).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        print(
            f"streaming: {figures['recipients']:,} recipients in {figures['seconds']:.1f} s, "
            f"peak RSS {figures['rss_kb'] / 1024:.0f} MB",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
