"""The watcher when things go wrong: the gateway fails, the shop database goes away, a
second watcher starts, the process is told to stop."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import test_watcher_support
from test_watcher_support import ADMIN_GATEWAY, WatchEnv

from isend_tui.gateway.sandbox.faults import FaultKind
from isend_tui.notifications.errors import WatcherLocked
from isend_tui.notifications.lock import WatcherLock
from isend_tui.notifications.log import list_notifications
from isend_tui.notifications.models import Notification
from isend_tui.notifications.sender import MAX_ATTEMPTS, RETRY_BASE_S

MYSQL = [pytest.param("mysql", marks=pytest.mark.mariadb)]

env_factory = test_watcher_support.env_factory  # the shared fixture


def _one_order(env: WatchEnv) -> int:
    customer, _a = env.customer_with_mobile()
    return env.shop.order(customer)


# --------------------------------------------------------------------------- gateway


def test_nothing_sent_is_retried_with_backoff_then_sent_once(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.rules("admin.order_validated")
    watcher = env.watcher()
    watcher.poll_once()
    _one_order(env)
    env.sandbox.faults.fail_next(FaultKind.UNAVAILABLE, 1)
    report = watcher.poll_once()
    assert report.gateway_error and "indisponible" in report.gateway_error
    assert report.retried == 1
    assert env.sms() == []
    (row,) = env.log()
    assert (row.state, row.attempts) == ("retry", 1)
    assert watcher.poll_once().sent == 0  # not before the backoff
    env.clock.advance(RETRY_BASE_S + 1)
    assert watcher.poll_once().sent == 1
    watcher.poll_once()
    assert len(env.sms()) == 1
    assert env.log()[0].state == "sent"


def test_a_request_that_may_have_been_processed_is_never_resent(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.rules("admin.order_validated")
    watcher = env.watcher()
    watcher.poll_once()
    _one_order(env)
    env.sandbox.faults.fail_next(FaultKind.SERVER_ERROR, 1)  # processed, then HTTP 500
    report = watcher.poll_once()
    assert report.uncertain == 1
    (row,) = list_notifications(env.store)
    assert (row.state, row.code) == ("uncertain", "uncertain")
    assert "rapport de campagne" in row.detail
    for _i in range(3):
        env.clock.advance(3600)
        watcher.poll_once()
    assert len(env.sms()) == 1  # the gateway got it once; it was not resent
    (row,) = list_notifications(env.store)  # the report lists its tracker: settled as sent
    assert row.state == "sent" and "rapport iSendPro" in row.detail


def test_a_gateway_that_stays_down_is_given_up_after_bounded_attempts(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.rules("admin.order_validated")
    watcher = env.watcher()
    watcher.poll_once()
    _one_order(env)
    env.sandbox.faults.configure(unavailable_rate=1.0)
    for _i in range(MAX_ATTEMPTS + 3):
        watcher.poll_once()
        env.clock.advance(RETRY_BASE_S * 2**MAX_ATTEMPTS)
    (row,) = list_notifications(env.store)
    assert (row.state, row.code) == ("not_sent", "gateway_error")
    assert row.detail.startswith(f"Abandon après {MAX_ATTEMPTS} essais")
    env.sandbox.faults.reset()
    watcher.poll_once()
    assert env.sms() == []


def test_no_keyid_is_a_failure_where_nothing_was_sent(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.rules("admin.order_validated")
    env.settings = replace(env.settings, keyid="")
    watcher = env.watcher()
    watcher.poll_once()
    _one_order(env)
    report = watcher.poll_once()
    assert report.gateway_error and "keyid" in report.gateway_error
    assert env.log()[0].state == "retry"


def test_a_crash_while_sending_leaves_an_uncertain_notification(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.rules("admin.order_validated")
    watcher = env.watcher()
    watcher.poll_once()
    _one_order(env)
    # what a SIGKILL between the claim and the reply leaves behind
    watcher._send_due = lambda report, deadline: None  # type: ignore[method-assign]
    watcher.poll_once()
    Notification.update(state="sending").execute()
    watcher.close()
    restarted = env.watcher()
    report = restarted.poll_once()
    assert report.recovered_uncertain == 1
    assert [(n.state, n.code) for n in env.log()] == [("uncertain", "uncertain")]
    assert env.sms() == []  # not resent silently


# --------------------------------------------------------------------------- shop down


class TcpProxy:
    """Forwards localhost:port to a server; `cut()` drops every connection and refuses new
    ones until `restore()` (what a network failure or a database restart looks like)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            if not self.open.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.open.clear()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def restore(self) -> None:
        self.open.set()

    def close(self) -> None:
        self._closed = True
        self.cut()
        self.listener.close()


@pytest.mark.parametrize("backend", MYSQL)
def test_the_shop_going_down_is_waited_out_without_losing_events(
    env_factory: Any, backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    env: WatchEnv = env_factory(backend)
    proxy = TcpProxy((env.dsn.host, env.dsn.port))
    try:
        env.dsn = replace(env.dsn, host="127.0.0.1", port=proxy.port)
        env.rules("admin.order_validated")
        watcher = env.watcher()
        watcher.poll_once()
        first = _one_order(env)
        assert watcher.poll_once().sent == 1
        # a notification waiting for a retry when the shop goes away
        second = env.shop.order(env.shop.customer())
        env.sandbox.faults.fail_next(FaultKind.UNAVAILABLE, 1)
        assert watcher.poll_once().retried == 1
        proxy.cut()
        during = [env.shop.order(env.shop.customer()) for _i in range(3)]  # shop still writes
        env.clock.advance(RETRY_BASE_S + 1)
        report = watcher.poll_once()
        assert report.shop_error and "ne répond pas" in report.shop_error
        assert report.sent == 1  # queued notifications keep going while the shop is away
        assert watcher.poll_once().shop_error  # still down: no crash, no loss
        assert any("shop poll failed" in r.message for r in caplog.records)
        proxy.restore()
        reports = watcher.poll_until_idle()
        assert reports[-1].shop_error is None
        refs = [
            env.shop.one(f"SELECT reference FROM {env.shop.t('orders')} WHERE id_order = %s", (o,))
            for o in (first, second, *during)
        ]
        assert sorted(t for _n, t in env.texts()) == sorted(
            f"Nouvelle commande {r} validée." for r in refs
        )
    finally:
        proxy.close()


# --------------------------------------------------------------------------- one watcher


def test_a_second_watcher_is_refused_with_the_pid(tmp_path: Path) -> None:
    lock = WatcherLock(tmp_path / "watcher.lock")
    lock.acquire()
    try:
        with pytest.raises(WatcherLocked, match=f"PID {os.getpid()}"):
            WatcherLock(tmp_path / "watcher.lock").acquire()
    finally:
        lock.release()
    again = WatcherLock(tmp_path / "watcher.lock")
    again.acquire()
    again.release()


RUN_CLI = "import sys; from isend_tui.cli import main; sys.exit(main())"


def _cli_env(env: WatchEnv, home: Path) -> dict[str, str]:
    from isend_tui.context import open_context

    variables = dict(os.environ)
    variables.update(
        ISEND_TUI_HOME=str(home),
        ISEND_TUI_KEYID=env.settings.keyid,
        ISEND_TUI_GATEWAY_URL=env.sandbox.url,
        ISEND_TUI_SHOP_DB=env.dsn.url(with_password=True),
    )
    ctx = open_context(home)
    try:
        ctx.save_settings(replace(ctx.settings, admin_phone=env.settings.admin_phone))
    finally:
        ctx.close()
    return variables


@pytest.mark.parametrize("backend", MYSQL)
def test_headless_watch_stops_cleanly_on_sigterm_and_refuses_a_twin(
    env_factory: Any, backend: str, tmp_path: Path
) -> None:
    env: WatchEnv = env_factory(backend)
    home = tmp_path / "home"
    variables = _cli_env(env, home)
    with subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "watch"],
        env=variables,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        first_line = proc.stdout.readline()  # blocks until the watcher holds its lock
        assert "Watcher démarré" in first_line, first_line + proc.stderr.read()
        twin = subprocess.run(
            [sys.executable, "-c", RUN_CLI, "watch", "--once"],
            env=variables,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert twin.returncode == 3
        assert f"PID {proc.pid}" in twin.stderr
        assert len(twin.stderr.strip().splitlines()) == 1
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Watcher arrêté." in out


@pytest.mark.parametrize("backend", MYSQL)
def test_watch_once_sends_and_exits(env_factory: Any, backend: str, tmp_path: Path) -> None:
    env: WatchEnv = env_factory(backend)
    home = tmp_path / "home"
    variables = _cli_env(env, home)
    add = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "notifications", "rules", "add", "admin.order_validated"],
        env=variables,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert add.returncode == 0, add.stderr
    first = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "watch", "--once"],
        env=variables,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert first.returncode == 0, first.stderr
    order = _one_order(env)
    second = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "watch", "--once"],
        env=variables,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 0, second.stderr
    ref = env.shop.one(
        f"SELECT reference FROM {env.shop.t('orders')} WHERE id_order = %s", (order,)
    )
    assert env.texts() == [(ADMIN_GATEWAY, f"Nouvelle commande {ref} validée.")]
