"""Frequency caps: `capped_numbers` for 100,000 numbers on a store holding many campaigns.

    .venv/bin/python bench/caps_bench.py [--campaigns 40] [--recipients 100000] [--reps 3]

- The store: a new local store (in $TMPDIR) holding --campaigns send campaigns of
  --recipients each, one every 36 hours over the 60 days before the moment checked (so
  about 20 fall within its 30 days), every recipient sent in batches of
  500, the rows and batches written as the engine writes them. The numbers are one pool of
  --recipients shared by every campaign (each campaign reaches all of them).
- Measured, best of --reps: `capped_numbers(store, None, ...)` (every number of the store)
  and `capped_numbers(store, pool, ...)` (the 100,000 numbers of a preparation).
- The references, in the same run, on the same file: "plain read" is a bare
  `SELECT number FROM campaign_recipient WHERE campaign_id = ?` of the same campaigns' rows
  (the floor of reading them); "one join" reads the same rows in one statement joining
  batches and recipients (SQLite plans it as a scan of every recipient row); the tool
  reads batch by batch through each batch's rowid range.

Target: under 2 s for 100,000 numbers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers  # noqa: E402
from isend_tui.campaigns.window import PARIS  # noqa: E402
from isend_tui.store import Store, open_store  # noqa: E402

AT = datetime(2025, 6, 18, 10, 0, tzinfo=PARIS)
BATCH = 500


def build(
    store: Store, campaigns: int, recipients: int, pool: list[str] | None = None
) -> list[int]:
    """The campaigns, oldest first, each to every number of `pool` (default: `recipients`
    made-up numbers); returns the ids of those within reach of AT."""
    db = store.db
    near: list[int] = []
    pool = pool or [f"336{i:08d}" for i in range(recipients)]
    recipients = len(pool)
    for c in range(campaigns):
        when = AT - timedelta(hours=36 * (campaigns - c))
        stamp = when.isoformat(timespec="seconds")
        with store.write():
            cursor = db.execute_sql(
                "INSERT INTO campaign (kind, label, state, segment, scheduled_for, recipients, "
                "sent, created_at, prepared_at, confirmed_at, updated_at, finished_at) "
                "VALUES ('send', ?, 'sent', '{}', NULL, ?, ?, ?, ?, ?, ?, ?)",
                (f"C{c}", recipients, recipients, *(stamp,) * 5),
            )
            campaign_id = int(cursor.lastrowid)
            if abs(when - AT) < timedelta(days=30):
                near.append(campaign_id)
            (start,) = db.execute_sql(
                "SELECT coalesce(max(id), 0) + 1 FROM campaign_recipient"
            ).fetchone()
            db.connection().executemany(
                "INSERT INTO campaign_recipient (id, campaign_id, number, text, parts, state) "
                "VALUES (?, ?, ?, 'Soldes -20 % STOP 36111', 1, 'sent')",
                [(start + i, campaign_id, n) for i, n in enumerate(pool)],
            )
            for first in range(start, start + recipients, BATCH):
                last = min(first + BATCH, start + recipients) - 1
                batch = db.execute_sql(
                    "INSERT INTO campaign_batch (campaign_id, state, size, first_id, last_id, "
                    "attempts, started_at, finished_at) VALUES (?, 'done', ?, ?, ?, 1, ?, ?)",
                    (campaign_id, last - first + 1, first, last, stamp, stamp),
                )
                db.execute_sql(
                    "UPDATE campaign_recipient SET batch_id = ? WHERE id BETWEEN ? AND ?",
                    (int(batch.lastrowid), first, last),
                )
    return near


def best(reps: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(reps):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--campaigns", type=int, default=40)
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="isend-bench-caps-"))
    store = open_store(folder / "store.sqlite3")
    start = time.perf_counter()
    near = build(store, args.campaigns, args.recipients)
    total = store.db.execute_sql("SELECT count(*) FROM campaign_recipient").fetchone()[0]
    print(
        f"store: {args.campaigns} campaigns, {total:,} recipient rows, {len(near)} within "
        f"30 days of the moment checked (built in {time.perf_counter() - start:.1f} s)"
    )
    rule = CapRule()
    pool = [f"336{i:08d}" for i in range(args.recipients)]

    def plain() -> int:
        rows = 0
        for campaign_id in near:
            rows += len(
                store.db.execute_sql(
                    "SELECT number FROM campaign_recipient WHERE campaign_id = ?", (campaign_id,)
                ).fetchall()
            )
        return rows

    planner_sql = (
        "SELECT r.number, b.id, b.started_at, c.scheduled_for FROM campaign_batch b "
        "JOIN campaign c ON c.id = b.campaign_id JOIN campaign_recipient r "
        "ON r.id BETWEEN b.first_id AND b.last_id AND r.batch_id = b.id "
        "WHERE c.kind = ? AND c.id != ? AND ((b.started_at >= ? AND b.started_at < ?) "
        "OR (c.scheduled_for >= ? AND c.scheduled_for < ?)) AND r.state IN (?, ?, ?)"
    )
    low, high = (AT - timedelta(days=31)).date().isoformat(), (AT + timedelta(days=31)).date()

    def planner() -> int:
        params = ("send", -1, low, str(high), low, str(high), "sent", "in_flight", "uncertain")
        return len(store.db.execute_sql(planner_sql, params).fetchall())

    lines = []
    for name, work in [
        ("capped_numbers(None)", lambda: capped_numbers(store, None, rule, AT)),
        ("capped_numbers(100,000 numbers)", lambda: capped_numbers(store, pool, rule, AT)),
        ("reference: plain read of the same rows", plain),
        ("reference: one join", planner),
    ]:
        seconds, result = best(args.reps, work)
        size = len(result) if isinstance(result, frozenset) else result
        lines.append(f"| {name} | {seconds * 1000:,.0f} ms | {size:,} |")
    print(f"| what | best of {args.reps} | numbers / rows |")
    print("|---|---|---|")
    print("\n".join(lines))
    store.close()


if __name__ == "__main__":
    main()
