"""What the per-campaign and per-batch delivery counters cost the writers, and what they
save the readers.

    .venv/bin/python bench/delivery_counters_bench.py [--recipients 200000] [--campaigns 500]

The counters (``campaign_delivery``; ``batch_delivery``, the SMS per day) are kept by
triggers on ``campaign_recipient`` (store/tables/delivery_counts.py, batch_counts.py).
Writes, in a fresh store, timed for --recipients rows of one campaign: the recipients
inserted pending (as a preparation does), claimed in flight, accepted ('sent', as a
batch's answer), then each given a delivery receipt's state (one UPDATE per row, as the
receiver does). Reference, same run: the same writes on a store whose counter triggers
were dropped; "campaign" keeps only campaign_delivery's, so the last column is what the
per-batch counters add. Reads: the delivery counts of --campaigns campaigns of 1,000
accepted recipients each, from the counters, next to the GROUP BY over their recipient
rows they replace (`recount_campaigns`). Best of 3.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TRIGGERS = ("added", "changed", "moved", "removed", "dropped")
CAMPAIGN = tuple(f"campaign_delivery_{name}" for name in TRIGGERS)
BATCH = tuple(f"batch_delivery_{name}" for name in TRIGGERS)


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _writes(recipients: int, dropped: tuple[str, ...]) -> list[float]:
    from isend_tui.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store.sqlite3")
        db = store.db
        for name in dropped:
            db.execute_sql(f"DROP TRIGGER {name}")
        with store.write():
            campaign = db.execute_sql(
                "INSERT INTO campaign (label, state, segment, recipients, created_at, "
                "updated_at) VALUES ('bench', 'sending', '{}', ?, 'x', 'x')",
                (recipients,),
            ).lastrowid
        rows = [(campaign, f"336{i:08d}") for i in range(recipients)]
        steps = [
            lambda: db.connection().executemany(
                "INSERT INTO campaign_recipient (campaign_id, number, text, parts, state) "
                "VALUES (?, ?, 'Bonjour', 1, 'pending')",
                rows,
            ),
            lambda: db.execute_sql(
                "UPDATE campaign_recipient SET state = 'in_flight', batch_id = 1 "
                "WHERE campaign_id = ?",
                (campaign,),
            ),
            lambda: db.execute_sql(
                "UPDATE campaign_recipient SET state = 'sent', code = '0' WHERE campaign_id = ?",
                (campaign,),
            ),
            lambda: db.connection().executemany(
                "UPDATE campaign_recipient SET delivery = 'delivered' WHERE id = ?",
                ((i,) for i in range(1, recipients + 1)),
            ),
        ]
        times = []
        for step in steps:
            with store.write():
                times.append(_timed(step))
        store.close()
    return times


def _reads(campaigns: int) -> tuple[float, float]:
    from isend_tui.delivery.queries import campaigns_counts, recount_campaigns
    from isend_tui.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store.sqlite3")
        db = store.db
        with store.write():
            for c in range(1, campaigns + 1):
                db.execute_sql(
                    "INSERT INTO campaign (id, label, state, segment, recipients, created_at, "
                    "updated_at) VALUES (?, 'bench', 'sent', '{}', 1000, 'x', 'x')",
                    (c,),
                )
                db.connection().executemany(
                    "INSERT INTO campaign_recipient (campaign_id, number, text, parts, state, "
                    "delivery) VALUES (?, ?, 'x', 1, 'sent', ?)",
                    (
                        (c, f"336{k:08d}", "delivered" if k % 10 else None)
                        for k in range(1000)
                    ),
                )  # fmt: skip
        ids = list(range(1, campaigns + 1))
        assert campaigns_counts(store, ids) == recount_campaigns(store, ids)
        counters = min(_timed(lambda: campaigns_counts(store, ids)) for _ in range(3))
        grouped = min(_timed(lambda: recount_campaigns(store, ids)) for _ in range(3))
        store.close()
    return counters, grouped


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=200_000)
    parser.add_argument("--campaigns", type=int, default=500)
    args = parser.parse_args()
    modes = {"none": CAMPAIGN + BATCH, "campaign": BATCH, "both": ()}
    runs: dict[str, list[list[float]]] = {mode: [] for mode in modes}
    for _round in range(3):
        for mode, dropped in modes.items():
            runs[mode].append(_writes(args.recipients, dropped))
    best = {k: [min(step) for step in zip(*v, strict=True)] for k, v in runs.items()}
    print(f"writes, {args.recipients:,} recipients of one campaign (best of 3), ms:")
    names = ("inserted pending", "claimed in flight", "accepted (sent)", "receipts (per row)")
    print(
        f"{'':22s} {'both':>9s} {'campaign':>9s} {'reference':>9s} {'per row':>9s} {'of batch':>9s}"
    )
    for i, name in enumerate(names):
        both, campaign, none = best["both"][i], best["campaign"][i], best["none"][i]
        per_row = (both - none) * 1000 / args.recipients
        batch = (both - campaign) * 1000 / args.recipients
        print(
            f"{name:22s} {both:9.0f} {campaign:9.0f} {none:9.0f} {per_row:+8.2f} µs "
            f"{batch:+8.2f} µs"
        )
    counters, grouped = _reads(args.campaigns)
    print(f"reads, counts of {args.campaigns} campaigns of 1,000 accepted SMS (best of 3):")
    print(f"counters {counters:.1f} ms, reference GROUP BY over their rows {grouped:.1f} ms")


if __name__ == "__main__":
    main()
