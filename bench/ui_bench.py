"""UI responsiveness: the campaign history's open time and the event loop during a send.

    .venv/bin/python bench/ui_bench.py [--campaigns 500] [--recipients 20000]

1. État des campagnes with `--campaigns` campaigns in the store, and État des
   notifications with 600 notifications (it shows the last 500): time from the switch to
   the screen until its table holds every row, at the first visit (the app builds both
   screens in idle time after start-up) and at later visits forced to refill the whole
   table; next to the reference in the same run: the store query alone, without any UI.
2. The event loop while a campaign of `--recipients` recipients is sent by the App's runner
   (the real path: prepared draft, runner.send, dispatch through /smsmulti) to the sandbox
   served in a separate process: a 10 ms timer records how late each tick fires; the worst
   lateness is the longest the UI was blocked. Reference in the same run: the same timer
   with the app idle.
Targets: histories open < 300 ms; UI never blocked more than 100 ms during a send.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARIS = ZoneInfo("Europe/Paris")
TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)


def clock() -> datetime:
    return TUESDAY_10AM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_sandbox(state: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "isend_tui",
            "sandbox",
            "--port",
            str(port),
            "--credit",
            "1000000",
            "--state",
            str(state),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return proc, url
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("sandbox did not start")


class LoopProbe:
    """A repeating 10 ms timer on the app's loop; lateness = how long the loop was busy."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.ticks = 0
        self._last = 0.0

    def start(self, app) -> None:  # type: ignore[no-untyped-def]
        self._last = time.perf_counter()
        app.set_interval(0.01, self._tick)

    def reset(self) -> None:
        self.worst, self.ticks, self._last = 0.0, 0, time.perf_counter()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - 0.01)
        self._last = now
        self.ticks += 1


def log_notifications(ctx, count: int) -> None:  # type: ignore[no-untyped-def]
    """Notifications as the watcher logs them: sent order-shipped SMS."""
    from datetime import UTC, timedelta

    from isend_tui.notifications.models import Notification

    now = datetime.now(UTC)
    rows = []
    for i in range(count):
        at = (now - timedelta(seconds=count - i)).isoformat(timespec="seconds")
        rows.append(
            {
                "created_at": at,
                "updated_at": at,
                "event": "client.order_state.shipped",
                "occurrence": f"order_history:{i}",
                "idempotency_key": f"bench|{i}",
                "recipient": "customer:1",
                "number": f"336{i:08d}",
                "message": f"Cher Jean Dupont, votre commande XKB{i:06d} a été expédiée.",
                "sender": "MaBoutique",
                "state": "sent",
                "code": "0",
            }
        )
    with ctx.store.write():
        for start in range(0, len(rows), 200):
            Notification.insert_many(rows[start : start + 200]).execute()


async def main(args: argparse.Namespace) -> None:
    home = Path(tempfile.mkdtemp(prefix="isend-ui-bench-"))
    os.environ["ISEND_TUI_HOME"] = str(home)
    from isend_tui.app import ISendApp
    from isend_tui.campaigns.model import CampaignRequest, Contact
    from isend_tui.campaigns.service import create_and_prepare, list_campaigns
    from isend_tui.context import open_context
    from isend_tui.gateway.sandbox.account import DEMO_KEYID
    from isend_tui.notifications.log import list_notifications

    sandbox, url = start_sandbox(home / "sandbox.sqlite3")
    try:
        ctx = open_context()
        ctx.save_settings(
            dataclasses.replace(
                ctx.settings,
                keyid=DEMO_KEYID,
                gateway_url=url,
                batch_size=500,
                max_in_flight=4,
                cap_per_day=0,  # 500 campaigns to the same few people
                cap_per_30_days=0,
            )
        )
        # 1. a store with N campaigns (3 recipients each, prepared drafts)
        people = [Contact(f"3361234{i:04d}", "Alice", "Martin") for i in range(3)]
        for i in range(args.campaigns):
            create_and_prepare(
                ctx.store,
                people,
                CampaignRequest(message="Promo", label=f"Campagne {i}"),
                settings=ctx.settings,
                clock=clock,
            )
        t = time.perf_counter()
        list_campaigns(ctx.store, limit=500)
        query_ms = (time.perf_counter() - t) * 1000
        log_notifications(ctx, 600)
        t = time.perf_counter()
        list_notifications(ctx.store, 500)
        notifications_query_ms = (time.perf_counter() - t) * 1000

        big = [
            Contact(f"336{i:08d}", f"Prénom{i}", f"Nom{i}", f"c{i}@example.com")
            for i in range(args.recipients)
        ]
        campaign_id = create_and_prepare(
            ctx.store,
            big,
            CampaignRequest(message="Bonjour {client_surname}, -20% ce week-end", label="Gros"),
            settings=ctx.settings,
            clock=clock,
        )
        app = ISendApp(ctx, start_mode="settings", clock=clock)
        probe = LoopProbe()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.warmed_up.wait()  # what the app builds in idle time after start-up
            await app.workers.wait_for_complete()
            # History open time: switch, then wait for the table to be filled.
            opens = []
            for attempt in range(7):
                await app.switch_mode("settings")
                await pilot.pause()
                history = app.get_screen_stack("campaign_history") if attempt else []
                for screen in history:
                    screen._shown = None  # type: ignore[attr-defined]  # refill, as a first open
                t = time.perf_counter()
                await app.switch_mode("campaign_history")
                table = app.screen.query_one("#campaigns")
                screen = app.screen
                while getattr(screen, "_shown", None) is None or table.row_count < min(
                    500, args.campaigns
                ):
                    await asyncio.sleep(0.001)
                opens.append((time.perf_counter() - t) * 1000)
                await pilot.pause()
            notification_opens = []
            for attempt in range(7):
                await app.switch_mode("settings")
                await pilot.pause()
                for screen in app.get_screen_stack("notification_history") if attempt else []:
                    screen._dirty = True  # type: ignore[attr-defined]  # refill on resume
                loads = getattr(app.get_screen_stack("notification_history")[0], "load_count", 0)
                t = time.perf_counter()
                await app.switch_mode("notification_history")
                screen = app.screen
                target = loads + 1 if attempt else 1  # the first visit: rows loaded, at last
                while screen.load_count < target:  # type: ignore[attr-defined]
                    await asyncio.sleep(0.001)
                notification_opens.append((time.perf_counter() - t) * 1000)
                assert screen.query_one("#history-table").row_count == 500
                await pilot.pause()
            # Idle reference for the loop probe
            probe.start(app)
            await pilot.pause(0.2)
            probe.reset()
            await asyncio.sleep(2.0)
            idle_worst, idle_ticks = probe.worst, probe.ticks
            # During a send
            probe.reset()
            t = time.perf_counter()
            app.campaigns.send(campaign_id)
            await pilot.pause(0.05)
            while app.campaigns.is_running(campaign_id):
                await asyncio.sleep(0.05)
            send_s = time.perf_counter() - t
            send_worst, send_ticks = probe.worst, probe.ticks
        ctx.close()
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=10)

    first, refills = opens[0], sorted(opens[1:])
    print(
        f"history with {args.campaigns} campaigns: first open {first:.0f} ms; re-open with a "
        f"full refill: median {refills[len(refills) // 2]:.0f} ms, max {refills[-1]:.0f} ms "
        f"(reference: the store query alone {query_ms:.1f} ms)"
    )
    first, refills = notification_opens[0], sorted(notification_opens[1:])
    print(
        f"notification history with 600 notifications: first open {first:.0f} ms; re-open "
        f"with a full refill: median {refills[len(refills) // 2]:.0f} ms, max {refills[-1]:.0f}"
        f" ms (reference: the store query alone {notifications_query_ms:.1f} ms)"
    )
    print(f"event loop idle: worst lateness {idle_worst * 1000:.1f} ms over {idle_ticks} ticks")
    print(
        f"event loop during a send of {args.recipients} SMS ({send_s:.1f} s, "
        f"{args.recipients / send_s:.0f} SMS/s): worst lateness {send_worst * 1000:.1f} ms "
        f"over {send_ticks} ticks"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--campaigns", type=int, default=500)
    parser.add_argument("--recipients", type=int, default=20000)
    asyncio.run(main(parser.parse_args()))
