"""How fast the Tableau de bord opens with 500 campaigns.

    .venv/bin/python bench/dashboard_bench.py [--campaigns 500] [--notifications 30000]
        [--batches 1]

A store holds --campaigns sent campaigns of the last 30 days (each with 1,000 accepted
recipients with delivery states and a cached attributed revenue, as `isend-tui report`
leaves them; --batches: their recipients in that many batches, 20 minutes apart) and
--notifications notifications of the last 30 days. The app runs headless
at 100x32 from Paramétrage; once its idle-time preparations are over (ui/perf/warm_up.py),
F10's switch is timed until the figures read for this visit are on screen (summary and
table drawn), then until the four charts are drawn too; best of --runs, each in a new
app. "Cold": the same with the dashboard left out of the warm-up (its first mount in the
timing, as before it was prebuilt). Also `read_board` alone, the figures the screen's
worker reads (best of --runs). Reference, same run: État des campagnes, its 500 rows
read and shown (its first visit, forced to refill: the warm-up built it too).

Target: the dashboard opens in < 300 ms with 500 campaigns.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _fill(campaigns: int, notifications: int, batches: int) -> None:
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
            size = 1000 // batches
            for b in range(batches):  # a batch every 20 minutes (some after midnight)
                first = campaign_id * 1000 + b * size
                left = (now - timedelta(hours=i) + timedelta(minutes=20 * b)).isoformat(
                    timespec="seconds"
                )
                cursor = db.execute_sql(
                    "INSERT INTO campaign_batch (campaign_id, state, size, first_id, last_id, "
                    "started_at, finished_at) VALUES (?, 'done', ?, ?, ?, ?, ?)",
                    (campaign_id, size, first, first + size - 1, left, left),
                )
                batch = int(cursor.lastrowid or 0)
                db.connection().executemany(
                    "INSERT INTO campaign_recipient (id, campaign_id, number, text, parts, "
                    "state, batch_id, code, delivery) VALUES (?, ?, ?, 'x', 1, 'sent', ?, '0', ?)",
                    (
                        (first + k, campaign_id, f"336{first + k:08d}", batch,
                         "delivered" if k % 10 else None)
                        for k in range(size)
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


class _Moment:
    """When a condition first held and the screen was then drawn (Textual runs
    call_after_refresh callbacks once its next frame is out). Checked before every message
    the app handles (run_test's message hook) and every 2 ms: never later than the message
    after the one that made it true."""

    def __init__(self, condition: Callable[[], bool]) -> None:
        self.condition = condition
        self.asked = False
        self.at = 0.0
        self.done = asyncio.Event()

    def check(self, app: Any) -> None:
        if not self.asked and self.condition():
            self.asked = True
            app.screen.call_after_refresh(self._drawn)

    def _drawn(self) -> None:
        self.at = time.perf_counter()
        self.done.set()


async def _open(mode: str) -> tuple[float, float]:
    """(figures on screen, charts too) in ms, from the switch to a screen (its first visit
    in a new app, once the app's idle-time preparations are over)."""
    from isend_tui.app import ISendApp
    from isend_tui.context import open_context
    from isend_tui.ui.screens.dashboard import DashboardScreen

    ctx = open_context()
    app = ISendApp(ctx, start_mode="settings", watch=False)
    moments: list[_Moment] = []
    async with app.run_test(size=(100, 32), message_hook=lambda _m: _check(app, moments)) as pilot:
        await pilot.pause()
        await app.warmed_up.wait()  # what the app builds in idle time after start-up
        await app.workers.wait_for_complete()
        await pilot.pause()
        built = app._screen_stacks.get(mode)
        before = built[0].loads if built and isinstance(built[0], DashboardScreen) else 0
        if built and not isinstance(built[0], DashboardScreen):
            built[0]._shown = None  # refill, as a first open

        def loaded() -> bool:  # the figures read for this visit, not an earlier one's
            screen = app.screen
            if isinstance(screen, DashboardScreen):
                return screen.loads > before
            return screen.is_current and getattr(screen, "_shown", None) is not None

        def charted() -> bool:
            screen = app.screen
            if isinstance(screen, DashboardScreen):
                return loaded() and getattr(screen, "charts_drawn", True)
            return loaded()

        figures, charts = _Moment(loaded), _Moment(charted)
        started = time.perf_counter()
        moments += [figures, charts]
        await app.switch_mode(mode)
        while not charts.done.is_set():
            _check(app, moments)
            await asyncio.sleep(0.002)  # not pilot.pause: it would force frames of its own
        await pilot.pause()
    ctx.close()
    return (figures.at - started) * 1000, (charts.at - started) * 1000


def _check(app: Any, moments: list[_Moment]) -> None:
    for moment in moments:
        moment.check(app)


def _best(mode: str, runs: int) -> tuple[float, float]:
    found = [asyncio.run(_open(mode)) for _ in range(runs)]
    return min(f for f, _c in found), min(c for _f, c in found)


def _read_board(runs: int) -> float:
    """`read_board` alone (the figures the screen's worker reads), best of `runs`, in ms."""
    from isend_tui.context import open_context
    from isend_tui.dashboard.board import read_board

    ctx = open_context()
    now = datetime.now(UTC)
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        read_board(ctx.store, ctx.settings, now)
        found.append((time.perf_counter() - started) * 1000)
    ctx.close()
    return min(found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--campaigns", type=int, default=500)
    parser.add_argument("--notifications", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batches", type=int, default=1, help="batches per campaign")
    args = parser.parse_args()
    from isend_tui.ui.perf import warm_up

    prebuilt = warm_up.PREBUILT_MODES
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ISEND_TUI_HOME"] = tmp
        _fill(args.campaigns, args.notifications, args.batches)
        board = _read_board(args.runs)
        figures, charts = _best("dashboard", args.runs)
        history, _same = _best("campaign_history", args.runs)
        warm_up.PREBUILT_MODES = tuple(m for m in prebuilt if m != "dashboard")
        cold_figures, cold_charts = _best("dashboard", args.runs)
        warm_up.PREBUILT_MODES = prebuilt
    print(
        f"{args.campaigns} campaigns of {args.batches} batch(es), {args.notifications:,} "
        f"notifications (best of {args.runs})"
    )
    print(f"read_board alone (the worker's read) {board:7.1f} ms")
    print(f"Tableau de bord: figures on screen  {figures:7.1f} ms (target < 300 ms)")
    print(f"Tableau de bord: charts drawn too   {charts:7.1f} ms")
    print(f"cold, not prebuilt: figures         {cold_figures:7.1f} ms")
    print(f"cold, not prebuilt: charts drawn    {cold_charts:7.1f} ms")
    print(f"reference: État des campagnes       {history:7.1f} ms (500 rows read and shown)")


if __name__ == "__main__":
    main()
