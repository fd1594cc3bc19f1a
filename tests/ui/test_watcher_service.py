"""The watcher inside the TUI: runs while a shop is configured, says when another process
already runs it, restarts when the settings change, and stops cleanly on exit."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.pilot import settle
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import DataTable, Static

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.notifications import WatcherLock
from isend_tui.ui.services.watcher_service import WatcherState

SIZE = (80, 24)


def status_line(app: ISendApp) -> str:
    return str(app.screen.query_one("#watcher-status", Static).content)


@pytest.fixture
def shop_path(tmp_path: Path) -> Iterator[Path]:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create():
        pass
    assert dsn.path is not None
    yield Path(dsn.path)


def with_shop(ctx: AppContext, sandbox: SandboxThread, shop_path: Path) -> None:
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            shop_kind="sqlite",
            shop_path=str(shop_path),
            watch_interval=0.05,
        )
    )


@pytest.fixture
def lock_holder(ctx: AppContext) -> Iterator[int]:
    """Another process holding the watcher lock of this data directory (its PID)."""
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from isend_tui.notifications import WatcherLock
        lock = WatcherLock(Path({str(ctx.paths.watcher_lock)!r}))
        lock.acquire()
        print("locked", flush=True)
        sys.stdin.read()
        lock.release()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    yield proc.pid
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=10)


async def test_without_a_shop_the_watcher_says_why_it_is_stopped(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.watcher.status.state is WatcherState.STOPPED
        line = status_line(app)
        assert line.startswith("✗ Watcher arrêté") and "aucune boutique" in line


async def test_it_runs_while_the_app_is_open_and_stops_on_exit(
    ctx: AppContext, sandbox: SandboxThread, shop_path: Path
) -> None:
    with_shop(ctx, sandbox, shop_path)
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        service = app.watcher
        await service.wait(lambda: service.status.state is WatcherState.RUNNING)
        await settle(pilot)
        assert status_line(app).startswith("✓ Watcher en marche · dernier passage")
        # It holds the lock: a second watcher on this data directory would be refused.
        assert WatcherLock(ctx.paths.watcher_lock).holder_pid() is not None
        thread = service._thread
        assert thread is not None and thread.is_alive()
    # Closed: the thread has ended and the lock is free again.
    assert not thread.is_alive()
    lock = WatcherLock(ctx.paths.watcher_lock)
    lock.acquire()
    lock.release()


async def test_a_watcher_in_another_process_is_reported_once_and_history_still_shows(
    ctx: AppContext, sandbox: SandboxThread, shop_path: Path, lock_holder: int
) -> None:
    with_shop(ctx, sandbox, shop_path)
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        service = app.watcher
        await service.wait(lambda: service.status.state is WatcherState.ELSEWHERE)
        await settle(pilot)
        expected = f"Le watcher tourne déjà dans un autre processus (PID {lock_holder})."
        assert status_line(app) == "• " + expected
        told = [n.message for n in app._notifications if expected in n.message]
        assert len(told) == 1
        # Saving the settings tries again; still held: not told a second time.
        app.settings_changed()
        await service.wait(lambda: service.status.state is WatcherState.ELSEWHERE)
        await settle(pilot)
        assert len([n for n in app._notifications if expected in n.message]) == 1
        await pilot.press("f6")
        await settle(pilot)
        assert str(app.screen.query_one("#history-status", Static).content) == "• " + expected
        assert app.screen.query_one("#history-table", DataTable) is not None


async def test_saving_a_shop_in_the_settings_starts_it(
    ctx: AppContext, sandbox: SandboxThread, shop_path: Path
) -> None:
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        service = app.watcher
        assert service.status.state is WatcherState.STOPPED
        with_shop(ctx, sandbox, shop_path)
        app.settings_changed()  # what Paramétrage calls after saving
        await service.wait(lambda: service.status.state is WatcherState.RUNNING)
        first = service._watcher
        # Same shop, other settings: the running watcher takes them at its next poll.
        ctx.save_settings(dataclasses.replace(ctx.settings, sender="AutreNom"))
        app.settings_changed()
        assert service._watcher is first
        await service.wait(lambda: first is not None and first.settings.sender == "AutreNom")
        # Another shop: stopped, then started again on it.
        other = shop_path.parent / "other"
        other.mkdir()
        dsn = sqlite_shop_dsn(other)
        with ShopBuilder(dsn).create():
            pass
        ctx.save_settings(dataclasses.replace(ctx.settings, shop_path=str(dsn.path)))
        app.settings_changed()
        await service.wait(
            lambda: (
                service._watcher is not None
                and service._watcher is not first
                and service.status.state is WatcherState.RUNNING
            )
        )
        assert service._watcher is not None
        assert str(service._watcher.shop_dsn.path) == str(dsn.path)
        await settle(pilot)
        assert status_line(app).startswith("✓ Watcher en marche")
