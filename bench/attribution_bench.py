"""Revenue attribution: `attribute` for one 100,000-recipient campaign on the 1M-customer
shop, against a hand-written query answering the same question.

    .venv/bin/python bench/attribution_bench.py [--recipients 100000] [--holdout 10]
                                                [--reps 3] [--day 2025-06-01]
                                                [--plan auto|by_date|by_customer]
    .venv/bin/python bench/attribution_bench.py --report 500

- The shop: MariaDB `isend_bench`, the segment benchmark's shop (1,000,000 customers,
  about 3,000,000 orders, demo generator seed 42), written by bench/segment_bench.py's
  `ensure_shop` when missing and reused otherwise (never changed here; its README index
  `isend_customer_orders` is used when present, as on a merchant's shop).
- The store: a new local store (in $TMPDIR) holding one sent campaign of --recipients
  customers drawn at random (seed 7) from the shop, its rows and batches of 500 written as
  the engine writes them, all accepted at --day 10:00 (Paris), --holdout % of them kept
  aside by the campaign's own draw.
- Measured, best of --reps: `attribute(store, conn, id, days=5)`, everything included
  (the store's recipients and batches read, the orders read by chunks of 1,000 customers,
  the credit slips of the orders found, the figures). `--plan` forces one way of reading
  the orders (results/orders.py `choose_plan`; auto lets the tool choose).
- The reference, in the same run, on the same connection: one statement with every
  customer id inlined in an IN list, grouping the valid orders of the window per customer
  with their credit slips (a derived table over order_slip), as one would write it by
  hand. The orders, buyers and revenue (treated plus hold-out) must agree.

`--report N` times `build_report` (results/report.py) over N small campaigns instead:
once computing every campaign's figures from the shop, then from the store's cache.

Target: under 2 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from segment_bench import URL, ensure_shop  # noqa: E402

from isend_tui.campaigns.draws import in_holdout  # noqa: E402
from isend_tui.campaigns.window import PARIS  # noqa: E402
from isend_tui.results import orders as order_reads  # noqa: E402
from isend_tui.results.attribution import attribute  # noqa: E402
from isend_tui.shop.connection import ShopConnection  # noqa: E402
from isend_tui.shop.dsn import ShopDsn  # noqa: E402
from isend_tui.shop.info import open_shop  # noqa: E402
from isend_tui.store import Store, open_store  # noqa: E402

BATCH = 500
DAYS = 5


def build(store: Store, customers: list[int], sent_at: datetime, holdout: int) -> int:
    db = store.db
    stamp = sent_at.isoformat(timespec="seconds")
    seed = "attribution-bench"  # the same hold-out group on every run
    with store.write():
        cursor = db.execute_sql(
            "INSERT INTO campaign (kind, label, state, segment, recipients, parts_total, "
            "cost_estimate, sent, created_at, prepared_at, confirmed_at, updated_at, "
            "finished_at, holdout_pct, draw_seed) "
            "VALUES ('send', 'bench', 'sent', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (len(customers), len(customers), str(Decimal("0.07") * len(customers)),
             len(customers), *(stamp,) * 5, holdout, seed),
        )  # fmt: skip
        campaign_id = int(cursor.lastrowid)
        (base,) = db.execute_sql("SELECT coalesce(max(id), 0) FROM campaign_recipient").fetchone()
        rows = []
        for i, customer in enumerate(customers, start=base + 1):
            number = f"336{customer:08d}"
            state = "holdout" if in_holdout(seed, holdout, number) else "sent"
            rows.append((i, campaign_id, number, customer, state))
        db.connection().executemany(
            "INSERT INTO campaign_recipient (id, campaign_id, number, id_customer, text, parts, "
            "state) VALUES (?, ?, ?, ?, 'Soldes -20 % STOP 36111', 1, ?)",
            rows,
        )
        for first in range(base + 1, base + len(customers) + 1, BATCH):
            last = min(first + BATCH, base + len(customers) + 1) - 1
            batch = db.execute_sql(
                "INSERT INTO campaign_batch (campaign_id, state, size, first_id, last_id, "
                "attempts, started_at, finished_at) VALUES (?, 'done', ?, ?, ?, 1, ?, ?)",
                (campaign_id, last - first + 1, first, last, stamp, stamp),
            )
            db.execute_sql(
                "UPDATE campaign_recipient SET batch_id = ? WHERE id BETWEEN ? AND ? "
                "AND state = 'sent'",
                (int(batch.lastrowid), first, last),
            )
    return campaign_id


def reference(
    conn: ShopConnection, customers: list[int], start: datetime
) -> tuple[int, int, Decimal]:
    """(orders, buyers, revenue) of the window, by one hand-written statement."""
    low = start.strftime("%Y-%m-%d %H:%M:%S")
    high = (start + timedelta(days=DAYS)).strftime("%Y-%m-%d %H:%M:%S")
    marks = ", ".join(["%s"] * len(customers))
    rows = conn.query(
        "SELECT o.id_customer, COUNT(DISTINCT o.reference), "
        "SUM(GREATEST(0, o.total_paid_tax_incl / o.conversion_rate - COALESCE(s.refund, 0))) "
        "FROM ps_orders o LEFT JOIN (SELECT id_order, "
        "SUM((amount + shipping_cost_amount) / conversion_rate) AS refund "
        "FROM ps_order_slip GROUP BY id_order) s ON s.id_order = o.id_order "
        f"WHERE o.id_customer IN ({marks}) AND o.valid = 1 AND o.date_add >= %s "
        "AND o.date_add < %s GROUP BY o.id_customer",
        (*customers, low, high),
    )
    return (
        sum(int(r[1]) for r in rows),
        len(rows),
        sum((Decimal(r[2]) for r in rows), Decimal(0)),
    )


def best(reps: int, work):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(reps):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def report_bench(campaigns: int, reps: int) -> None:
    """`build_report` over `campaigns` small sent campaigns (20 customers each, one day
    apart): first computing every campaign's figures from the shop, then from the cache
    (what the dashboard and `isend-tui report` do on every later call)."""
    from isend_tui.results.report import build_report

    ensure_shop()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store.sqlite3")
        start = datetime(2024, 1, 1, 10, 0, tzinfo=PARIS)
        for i in range(campaigns):
            people = sorted(rng.sample(range(1, 1_000_001), 20))
            build(store, people, start + timedelta(days=i % 500, minutes=i), 0)
        now = datetime(2025, 6, 16, 12, 0, tzinfo=PARIS)
        dsn = ShopDsn.from_url(URL)
        started = time.perf_counter()
        report = build_report(store, days=DAYS, dsn=dsn, now=now)
        first = time.perf_counter() - started
        cached, _r = best(reps, lambda: build_report(store, days=DAYS, dsn=dsn, now=now))
        offline, _o = best(reps, lambda: build_report(store, days=DAYS, dsn=None, now=now))
        store.close()
    print(
        f"report over {len(report.campaigns)} campaigns, {len(report.days)} days: first "
        f"{first:.2f} s (every campaign computed from the shop), then {cached * 1000:.0f} ms "
        f"(cached, frozen), {offline * 1000:.0f} ms offline (best of {reps})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--holdout", type=int, default=10)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--day", type=date.fromisoformat, default=date(2025, 6, 1))
    parser.add_argument("--plan", choices=("auto", "by_date", "by_customer"), default="auto")
    parser.add_argument(
        "--report", type=int, default=0, metavar="N", help="time build_report over N campaigns"
    )
    args = parser.parse_args()
    if args.report:
        report_bench(args.report, args.reps)
        return
    if args.plan != "auto":
        order_reads.choose_plan = lambda *_a: args.plan  # type: ignore[assignment]
    ensure_shop()
    sent_at = datetime(args.day.year, args.day.month, args.day.day, 10, 0, tzinfo=PARIS)
    with open_shop(URL) as conn:
        top = int(conn.scalar("SELECT MAX(id_customer) FROM ps_customer"))
        customers = sorted(random.Random(7).sample(range(1, top + 1), args.recipients))
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "store.sqlite3")
            started = time.perf_counter()
            campaign_id = build(store, customers, sent_at, args.holdout)
            print(f"store: campaign of {len(customers):,} built in "
                  f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
            now = sent_at + timedelta(days=DAYS + 1)
            for _ in range(args.reps):
                tool_s, figures = best(
                    1, lambda: attribute(store, conn, campaign_id, days=DAYS, now=now)
                )
                ref_s, (orders, buyers, revenue) = best(
                    1, lambda: reference(conn, customers, sent_at)
                )
                print(f"tool {tool_s:.2f} s   reference {ref_s:.2f} s", flush=True)
            tool_s, figures = best(
                args.reps, lambda: attribute(store, conn, campaign_id, days=DAYS, now=now)
            )
            ref_s, (orders, buyers, revenue) = best(
                args.reps, lambda: reference(conn, customers, sent_at)
            )
            store.close()
    h = figures.holdout
    assert h is not None or args.holdout == 0
    tool_orders = figures.treated.orders + (h.orders if h else 0)
    tool_buyers = figures.treated.buyers + (h.buyers if h else 0)
    tool_revenue = figures.treated.revenue + (h.revenue if h else Decimal(0))
    assert (tool_orders, tool_buyers) == (orders, buyers), (tool_orders, tool_buyers, orders)
    assert abs(tool_revenue - revenue) < Decimal("0.01"), (tool_revenue, revenue)
    incremental = figures.incremental()
    print(
        f"best of {args.reps}: tool {tool_s:.2f} s, reference {ref_s:.2f} s "
        f"(ratio {tool_s / ref_s:.2f}); {figures.sms:,} SMS, "
        f"{figures.treated.orders:,} orders, {figures.treated.buyers:,} buyers, "
        f"revenue {figures.treated.revenue:.2f} {figures.currency}; hold-out "
        f"{h.recipients if h else 0:,} recipients, {h.orders if h else 0:,} orders; "
        f"incremental {incremental.difference if incremental else 0:.2f} "
        f"[{incremental.low if incremental else 0:.2f}, "
        f"{incremental.high if incremental else 0:.2f}]"
    )


if __name__ == "__main__":
    main()
