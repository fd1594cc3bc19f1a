"""Crash test of the automations: the watcher process (with the automations step) is
SIGKILLed at random moments while abandoned carts keep coming due; after the last restart
every cart has exactly one record, the gateway got no SMS twice, and what may or may not
have left is uncertain."""

from __future__ import annotations

import collections
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import test_watcher_support
from test_watcher_support import WatchEnv

from isend_tui.automations.flow_settings import edit_flow, mark_started
from isend_tui.automations.flows import Flow
from isend_tui.automations.runner import AutomationRunner
from isend_tui.notifications.models import Notification

CARTS = int(os.environ.get("ISEND_AUTOMATION_CRASH_CARTS", "400"))

CHILD = r"""
import signal, sys, threading
from pathlib import Path
from isend_tui.automations.runner import AutomationRunner
from isend_tui.campaigns.window import SendingWindow
from isend_tui.config import Settings
from isend_tui.gateway import IsendClient
from isend_tui.notifications.watcher import Watcher
from isend_tui.shop.dsn import ShopDsn
from isend_tui.store import open_store

SendingWindow.is_open = lambda self, when, calendar=None: True  # any day, any hour
store_path, lock_path, dsn_url, keyid, url = sys.argv[1:6]
store = open_store(Path(store_path))
settings = Settings(keyid=keyid, gateway_url=url, sender="MaBoutique", cap_per_day=0,
                    cap_per_30_days=0)
watcher = Watcher(
    store, settings, ShopDsn.from_url(dsn_url), lambda: IsendClient(keyid, url),
    lock_path=Path(lock_path), steps=[AutomationRunner(store, settings)],
)
watcher.start()
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: stop.set())
print("ready", flush=True)
watcher.run(stop, interval=0.05)
"""

env_factory = test_watcher_support.env_factory


def _start(env: WatchEnv, store_path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(store_path), str(env.tmp_path / "watcher.lock"),
         env.dsn.url(with_password=True), env.settings.keyid, env.sandbox.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.mariadb
@pytest.mark.slow
def test_sigkill_while_carts_come_due_loses_and_doubles_nothing(
    env_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    env: WatchEnv = env_factory("mysql", cap_per_day=0, cap_per_30_days=0)
    env.sandbox.account.set_credit(CARTS)
    now = dt.datetime.now(dt.UTC)
    edit_flow(env.store, Flow.ABANDONED_CART, now, enabled=True, delays="1",
              text="{client_surname}, votre panier vous attend.")  # fmt: skip
    mark_started(env.store, Flow.ABANDONED_CART, now - dt.timedelta(minutes=30))
    product = env.shop.product("Théière")
    customers = [
        env.customer_with_mobile(f"06 20 {k // 100:02d} {k % 100:02d} 00", firstname=f"C{k}",
                                 newsletter=1)[0]
        for k in range(CARTS)
    ]  # fmt: skip
    # Written now, they come due one after the other over the next seconds (idle 1 h).
    paris = ZoneInfo("Europe/Paris")
    first_due = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=3)
    for k, who in enumerate(customers):
        changed = first_due - dt.timedelta(hours=1) + dt.timedelta(milliseconds=20 * k)
        env.shop.cart(who, [(product, 1)], date_upd=changed.astimezone(paris).strftime(
            "%Y-%m-%d %H:%M:%S"))  # fmt: skip
    last_due = first_due + dt.timedelta(milliseconds=20 * CARTS + 1000)
    done = threading.Event()

    def wait_due() -> None:
        while dt.datetime.now(dt.UTC) < last_due:
            done.wait(0.2)
        done.set()

    due_waiter = threading.Thread(target=wait_due, daemon=True)
    rng = random.Random(20261203)
    kills = 0
    store_path = env.store.path
    proc = _start(env, store_path)
    due_waiter.start()
    try:
        while not done.is_set() or kills < 8:
            done.wait(rng.uniform(0.2, 1.0))  # a random moment (not a synchronisation)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            if done.is_set() and kills >= 8:
                break
            proc = _start(env, store_path)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        due_waiter.join()

    from isend_tui.campaigns.window import SendingWindow

    monkeypatch.setattr(SendingWindow, "is_open", lambda self, when, calendar=None: True)
    env.clock.now = dt.datetime.now(dt.UTC)
    final = env.watcher(steps=[AutomationRunner(env.store, env.settings, env.clock)])
    final.poll_until_idle(max_polls=100_000)

    rows = list(Notification.select().where(Notification.flow == Flow.ABANDONED_CART.value))
    per_cart = collections.Counter(r.occurrence for r in rows)
    assert len(per_cart) == CARTS, f"{CARTS - len(per_cart)} carts without a record"
    assert all(n == 1 for n in per_cart.values())
    texts = collections.Counter(r["text"] for r in env.sms())
    assert not {t: n for t, n in texts.items() if n > 1}, "sent twice"
    states = collections.Counter(r.state for r in rows)
    assert set(states) <= {"sent", "uncertain"}, states
    sent = {r.message for r in rows if r.state == "sent"}
    assert sent <= set(texts)  # every "sent" reached the gateway
    unknown = set(texts) - sent - {r.message for r in rows if r.state == "uncertain"}
    assert not unknown  # nothing reached the gateway without a record
    print(f"\n{CARTS} carts, {kills} SIGKILLs: {states['sent']} sent, "
          f"{states['uncertain']} uncertain, 0 missed, 0 duplicated")  # fmt: skip
