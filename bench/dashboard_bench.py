"""How fast the Tableau de bord opens with 500 campaigns.

    .venv/bin/python bench/dashboard_bench.py [--campaigns 500] [--notifications 30000]

A store holds --campaigns sent campaigns of the last 30 days (each with 1,000 accepted
recipients and a cached attributed revenue, as `isend-tui report` leaves them) and
--notifications notifications of the last 30 days. The app runs headless and the time is
measured from the dashboard's switch (its figures asked for) to the figures on screen
(charts and table filled), best of 5. Reference, same run: État des campagnes' own
measure of its 500 rows (read and shown).

Target: the dashboard opens in < 300 ms with 500 campaigns.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _fill(campaigns: int, notifications: int) -> None:
    from isend_tui.context import open_context
    from isend_tui.results import cache
    from isend_tui.results.figures import Attribution, Group

    ctx = open_context()
    now = datetime.now(UTC)
    with ctx.store.write():
        db = ctx.store.db
        for i in range(campaigns):
            at = (now - timedelta(hours=i)).isoformat(timespec="seconds")
            cursor = db.execute_sql(
                "INSERT INTO campaign (kind, label, state, segment, recipients, sent, "
                "created_at, updated_at, finished_at) VALUES ('send', ?, 'sent', '{}', 1000, "
                "1000, ?, ?, ?)",
                (f"Campagne {i}", at, at, at),
            )
            campaign_id = int(cursor.lastrowid or 0)
            first = campaign_id * 1000
            cursor = db.execute_sql(
                "INSERT INTO campaign_batch (campaign_id, state, size, first_id, last_id, "
                "started_at, finished_at) VALUES (?, 'done', 1000, ?, ?, ?, ?)",
                (campaign_id, first, first + 999, at, at),
            )
            batch = int(cursor.lastrowid or 0)
            db.connection().executemany(
                "INSERT INTO campaign_recipient (id, campaign_id, number, text, parts, state, "
                "batch_id, code, delivery) VALUES (?, ?, ?, 'x', 1, 'sent', ?, '0', ?)",
                (
                    (first + k, campaign_id, f"336{first + k:08d}", batch,
                     "delivered" if k % 10 else None)
                    for k in range(1000)
                ),
            )  # fmt: skip
        db.connection().executemany(
            "INSERT INTO notification (created_at, event, occurrence, idempotency_key, number, "
            "message, state, code, sent_at, updated_at) VALUES (?, 'client.order_state.shipped',"
            " ?, ?, '33612345678', 'Colis', 'sent', '0', ?, ?)",
            (
                (t, f"o:{n}", f"k:{n}", t, t)
                for n in range(notifications)
                for t in [(now - timedelta(minutes=n * 1.4)).isoformat(timespec="seconds")]
            ),
        )
    for campaign_id in range(1, campaigns + 1):
        cache._save(
            ctx.store,
            Attribution(
                campaign_id=campaign_id,
                currency="EUR",
                window_days=5,
                window_start=now,
                window_end=now,
                computed_at=now,
                delivery_known=True,
                sms=1000,
                cost=None,
                treated=Group(recipients=1000, buyers=20, orders=22, revenue=Decimal("812.4")),
            ),
        )
    ctx.close()


async def _open(mode: str) -> float:
    from isend_tui.app import ISendApp
    from isend_tui.context import open_context
    from isend_tui.ui.screens.dashboard import DashboardScreen

    ctx = open_context()
    app = ISendApp(ctx, start_mode="settings", watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(0.3)
        started = time.perf_counter()
        await app.switch_mode(mode)
        screen = app.screen
        while True:
            await pilot.pause(0.005)
            if isinstance(screen, DashboardScreen) and screen.loads:
                break
            if not isinstance(screen, DashboardScreen) and screen._shown is not None:  # type: ignore[attr-defined]
                break
        elapsed = (time.perf_counter() - started) * 1000
        await pilot.pause()
    ctx.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--campaigns", type=int, default=500)
    parser.add_argument("--notifications", type=int, default=30_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ISEND_TUI_HOME"] = tmp
        _fill(args.campaigns, args.notifications)
        board = min(asyncio.run(_open("dashboard")) for _ in range(5))
        history = min(asyncio.run(_open("campaign_history")) for _ in range(5))
    print(f"{args.campaigns} campaigns, {args.notifications:,} notifications (best of 5)")
    print(f"Tableau de bord opened in       {board:7.1f} ms (target < 300 ms)")
    print(f"reference: État des campagnes   {history:7.1f} ms")


if __name__ == "__main__":
    main()
