"""The TUI while receipts arrive: does État des campagnes (and its details) stay responsive?

    .venv/bin/python bench/receipts_ui_bench.py [--recipients 100000] [--seconds 20]

- A store holds one campaign of --recipients SMS accepted by iSendPro (state 'sent', as the
  engine leaves them), and the app runs headless on État des campagnes, then on that
  campaign's details (both re-read the figures every RECEIPTS_EVERY_S while some SMS wait).
- A SEPARATE PROCESS records delivery receipts into the same store file, as the receiver of
  `isend-tui watch` does (isend_tui.delivery.record, 200 per transaction, as fast as it can).
- A timer in the app asks to run every 20 ms and notes how late each run is: the event
  loop's longest stall. The reference, in the same run: the same screens for the same time
  with no receipts arriving.
- The three longest stalls of each run are named with their moment: after the timer
  started (the app's idle-time warm-up falls ~0.3 s in) or after the details were pushed;
  and the garbage collector's longest pass (gc.callbacks) during the run.

Target: the event loop never blocked > 100 ms while the receipts arrive.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TICK_S = 0.02


def _store_with_campaign(home: Path, recipients: int) -> int:
    import os

    os.environ["ISEND_TUI_HOME"] = str(home)
    from isend_tui.context import open_context

    ctx = open_context()
    stamp = "2026-12-01T10:00:00+00:00"
    with ctx.store.write():
        db = ctx.store.db
        cursor = db.execute_sql(
            "INSERT INTO campaign (kind, label, state, segment, recipients, sent, created_at, "
            "updated_at, finished_at) VALUES ('send', 'Bench', 'sent', '{}', ?, ?, ?, ?, ?)",
            (recipients, recipients, stamp, stamp, stamp),
        )
        campaign_id = int(cursor.lastrowid or 0)
        cursor = db.execute_sql(
            "INSERT INTO campaign_batch (campaign_id, state, size, first_id, last_id, "
            "started_at, finished_at) VALUES (?, 'done', ?, 1, ?, ?, ?)",
            (campaign_id, recipients, recipients, stamp, stamp),
        )
        batch_id = int(cursor.lastrowid or 0)
        db.connection().executemany(
            "INSERT INTO campaign_recipient (id, campaign_id, number, text, parts, state, "
            "batch_id, code) VALUES (?, ?, ?, 'Bonjour', 1, 'sent', ?, '0')",
            ((i, campaign_id, f"336{i:08d}", batch_id) for i in range(1, recipients + 1)),
        )
    ctx.close()
    return campaign_id


def _record_receipts(home: str, campaign_id: int, recipients: int, done: object) -> None:
    """The receiver's writes, in another process: receipts of every recipient."""
    import os

    os.environ["ISEND_TUI_HOME"] = home
    from isend_tui.campaigns.run import tracker_of
    from isend_tui.context import open_context
    from isend_tui.delivery.receipts import receipt_of
    from isend_tui.delivery.record import record_now

    ctx = open_context()
    for start in range(1, recipients + 1, 200):
        chunk = range(start, min(start + 200, recipients + 1))
        record_now(
            ctx.store,
            [receipt_of({"tracker": tracker_of(campaign_id, rid), "statut": "0"}) for rid in chunk],
        )
    ctx.close()
    done.set()  # type: ignore[attr-defined]


async def _watch_loop(
    home: Path, campaign_id: int, seconds: float, writer: bool, n: int
) -> tuple[list[float], list[float], float]:
    """Each tick's lateness, when each tick ran (s since the timer started) and when the
    details were pushed."""
    import os

    os.environ["ISEND_TUI_HOME"] = str(home)
    from isend_tui.app import ISendApp
    from isend_tui.context import open_context
    from isend_tui.ui.screens import campaign_detail, campaign_history
    from isend_tui.ui.screens.campaign_detail import CampaignDetailScreen

    campaign_history.RECEIPTS_EVERY_S = 1.0  # read often: the worst case for the loop
    campaign_detail.RECEIPTS_EVERY_S = 1.0
    ctx = open_context()
    app = ISendApp(ctx, start_mode="campaign_history", watch=False)
    lags: list[float] = []
    moments: list[float] = []
    passes: list[tuple[float, int]] = []  # the collector's passes: (seconds, generation)
    began = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            passes.append((time.perf_counter() - began[0], info["generation"]))

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        last = [time.perf_counter()]
        first = last[0]

        def tick() -> None:
            now = time.perf_counter()
            lags.append(max(0.0, now - last[0] - TICK_S))
            moments.append(last[0] - first)  # the stall began after the previous tick
            last[0] = now

        app.set_interval(TICK_S, tick)
        gc.callbacks.append(collector)
        process = None
        if writer:
            done = multiprocessing.Event()
            process = multiprocessing.Process(
                target=_record_receipts, args=(str(home), campaign_id, n, done)
            )
            process.start()
        started = time.perf_counter()
        await pilot.pause(seconds / 2)
        pushed = time.perf_counter() - first
        app.push_screen(CampaignDetailScreen(campaign_id))
        await pilot.pause(seconds / 2)
        if process is not None:
            process.join()
            print(f"  receipts recorded in {time.perf_counter() - started:.1f} s by the writer")
    gc.callbacks.remove(collector)
    ctx.close()
    if passes:
        longest, generation = max(passes)
        print(
            f"  collector: {len(passes)} passes, longest {longest * 1000:.1f} ms "
            f"(generation {generation})"
        )
    return lags, moments, pushed


def _show(name: str, run: tuple[list[float], list[float], float]) -> None:
    lags, moments, pushed = run
    ordered = sorted(lags)
    p99 = ordered[int(len(ordered) * 0.99)] if ordered else 0.0
    print(
        f"{name:<28} ticks {len(lags):>5}  median lag {statistics.median(lags) * 1000:6.1f} ms  "
        f"p99 {p99 * 1000:6.1f} ms  max {max(lags) * 1000:6.1f} ms"
    )
    # Where the longest were: after the timer started (the warm-up runs ~0.3 s in), or
    # after the details were pushed.
    worst = sorted(zip(lags, moments, strict=True), reverse=True)[:3]
    where = ", ".join(
        f"{lag * 1000:.0f} ms at "
        + (f"push+{at - pushed:.2f} s" if at >= pushed else f"start+{at:.2f} s")
        for lag, at in worst
    )
    print(f"{'':<28} longest: {where}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        campaign_id = _store_with_campaign(home, args.recipients)
        reference = asyncio.run(_watch_loop(home, campaign_id, args.seconds, False, 0))
        measured = asyncio.run(_watch_loop(home, campaign_id, args.seconds, True, args.recipients))
    print(f"{args.recipients:,} receipts, screens open {args.seconds:g} s each run")
    _show("reference (no receipts)", reference)
    _show("receipts arriving", measured)
    worst = max(measured[0]) * 1000
    print(f"longest stall while receipts arrive: {worst:.0f} ms (target <= 100 ms)")


if __name__ == "__main__":
    main()
