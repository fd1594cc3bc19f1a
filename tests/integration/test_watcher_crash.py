"""Crash test: the watcher process is SIGKILLed at random moments while 5,000 state changes
arrive; after the last restart every event has exactly one notification, the gateway got
no SMS twice, and what may or may not have left is reported as uncertain."""

from __future__ import annotations

import collections
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import test_watcher_support
from test_watcher_support import WatchEnv

from isend_tui.notifications.models import Notification
from isend_tui.notifications.sender import MAX_ATTEMPTS, RETRY_BASE_S

EVENTS = int(os.environ.get("ISEND_CRASH_EVENTS", "5000"))

CHILD = r"""
import signal, sys, threading
from pathlib import Path
from isend_tui.config import Settings
from isend_tui.gateway import IsendClient
from isend_tui.notifications.watcher import Watcher
from isend_tui.shop.dsn import ShopDsn
from isend_tui.store import open_store

store_path, lock_path, dsn_url, keyid, url = sys.argv[1:6]
store = open_store(Path(store_path))
settings = Settings(keyid=keyid, gateway_url=url, sender="MaBoutique")
watcher = Watcher(
    store, settings, ShopDsn.from_url(dsn_url), lambda: IsendClient(keyid, url),
    lock_path=Path(lock_path),
)
watcher.start()
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: stop.set())
print("ready", flush=True)
watcher.run(stop, interval=0.05)
"""

env_factory = test_watcher_support.env_factory  # the shared fixture


def _bulk_orders(env: WatchEnv, n: int) -> list[int]:
    """n orders of one customer in state Payment accepted (cloned in SQL: fast)."""
    shop = env.shop
    customer, _address = env.customer_with_mobile()
    first = shop.order(customer, state="PS_OS_PAYMENT")
    cols = [
        r[0]
        for r in shop.w.query(
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
            "DATABASE() AND TABLE_NAME = %s ORDER BY ORDINAL_POSITION",
            (shop.prefix + "orders",),
        )
    ]
    exprs = {
        "id_order": f"{first} + s.seq",
        "reference": "CONCAT('CR', LPAD(s.seq, 7, '0'))",
    }
    select = ", ".join(exprs.get(c, f"p.`{c}`") for c in cols)
    shop.w.execute(
        f"INSERT INTO {shop.t('orders')} ({', '.join(f'`{c}`' for c in cols)}) "
        f"SELECT {select} FROM seq_1_to_{n - 1} s JOIN {shop.t('orders')} p "
        "ON p.id_order = %s",
        (first,),
    )
    return [first + k for k in range(n)]


def _start(env: WatchEnv, store_path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(store_path),
            str(env.tmp_path / "watcher.lock"),
            env.dsn.url(with_password=True),
            env.settings.keyid,
            env.sandbox.url,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"  # blocks until the lock is held
    return proc


@pytest.mark.mariadb
@pytest.mark.slow
def test_sigkill_at_random_moments_loses_and_doubles_nothing(env_factory: Any) -> None:
    env: WatchEnv = env_factory("mysql")
    env.rules("client.order_state.shipped")
    env.sandbox.account.set_credit(EVENTS)  # 1 EUR per SMS: never short of credit
    orders = _bulk_orders(env, EVENTS)
    first_poll = env.watcher()
    first_poll.poll_until_idle()  # cursors start here: the 5,000 changes come after
    first_poll.close()
    store_path = env.store.path

    writer = type(env.shop)(env.dsn, version="8")
    done = threading.Event()

    def produce() -> None:
        try:
            for order in orders:
                writer.change_state(order, "PS_OS_SHIPPING")
        finally:
            done.set()

    producer = threading.Thread(target=produce, daemon=True)
    rng = random.Random(20261125)
    kills = 0
    proc = _start(env, store_path)
    producer.start()
    try:
        while not done.is_set() or kills < 10:
            done.wait(rng.uniform(0.2, 1.2))  # a random moment (not a synchronisation)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            if done.is_set() and kills >= 10:
                break
            proc = _start(env, store_path)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        producer.join()
        writer.close()

    started = time.perf_counter()
    final = env.watcher()
    retried = 0
    for _round in range(MAX_ATTEMPTS + 2):
        final.poll_until_idle(max_polls=100_000)
        pending = Notification.select().where(Notification.state.in_(["queued", "retry"]))
        if not pending.count():
            break
        retried += 1  # a failure where nothing was sent: due again after the backoff
        env.clock.advance(RETRY_BASE_S * 2**MAX_ATTEMPTS)
    drain_s = time.perf_counter() - started

    rows = list(Notification.select())
    per_occurrence = collections.Counter(r.occurrence for r in rows)
    history = {
        int(r[0])
        for r in env.shop.w.query(
            f"SELECT id_order_history FROM {env.shop.t('order_history')} WHERE id_order_state = "
            "%s AND id_order > %s",
            (env.shop.state_id("PS_OS_SHIPPING"), orders[0] - 1),
        )
    }
    assert len(history) == EVENTS
    expected = {f"order_history:{h}" for h in history}
    missed = expected - set(per_occurrence)
    assert not missed, f"{len(missed)} events without a notification"
    assert all(n == 1 for n in per_occurrence.values())

    sms = env.sms()
    refs = collections.Counter(re.search(r"CR\d{7}|[A-Z]{9}", r["text"]).group(0) for r in sms)  # type: ignore[union-attr]
    duplicated = {ref: n for ref, n in refs.items() if n > 1}
    assert not duplicated, f"sent twice: {duplicated}"

    states = collections.Counter(r.state for r in rows)
    details = {r.detail for r in rows if r.state not in ("sent", "uncertain")}
    assert set(states) <= {"sent", "uncertain"}, (states, details)
    sent_texts = {r.message for r in rows if r.state == "sent"}
    gateway_texts = {r["text"] for r in sms}
    assert sent_texts <= gateway_texts  # every "sent" really reached the gateway
    uncertain = [r for r in rows if r.state == "uncertain"]
    not_logged = gateway_texts - sent_texts - {r.message for r in uncertain}
    assert not not_logged  # nothing reached the gateway without a record
    print(
        f"\n{EVENTS} events, {kills} SIGKILLs: {states['sent']} sent, {len(uncertain)} uncertain "
        f"(of which {len({r.message for r in uncertain} & gateway_texts)} did reach the "
        f"gateway), 0 missed, 0 duplicated; final drain {drain_s:.1f} s, {retried} backoff(s)"
    )
