"""The notification watcher while the TUI is open: the same Watcher as `isend-tui watch`.

`WatcherService(app, ctx)` belongs to the App. It runs `Watcher.run()` (blocking, with its own
asyncio loop) in a background thread while a shop is configured, publishes every poll
report on `reports` and every change of state on `status_changed` (both Signals, published
on the event loop through `App.call_from_thread`), and keeps a one-line `status` the
screens show: running, stopped, running in another process, or error with the reason.

Decisions:
- A plain daemon thread, not a Textual worker: the watcher lives as long as the app, and a
  never-ending worker would make `App.workers.wait_for_complete()` (what screens and tests
  use to wait for their short jobs) wait forever. Stopping is a `threading.Event`; the
  current send always finishes (no SMS left half-recorded). On exit the App awaits
  `shutdown()`, which sets the event and joins the thread off the event loop, with a
  bound: a shop that hangs cannot keep the window open, and the thread being a daemon
  cannot keep the process alive.
- Another process holds the watcher lock (a headless `isend-tui watch`): not an error. The
  merchant is told once, the status line says so, and the history keeps reading the store
  that process writes to.
- Settings saved: same shop, the running watcher takes the new settings at its next poll
  (`Watcher.update_settings`); another shop (or none), it is stopped and started again
  once the old thread has released the lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from textual.signal import Signal

from isend_tui.errors import UserError
from isend_tui.formatting import clock_time, count, plural
from isend_tui.i18n import _
from isend_tui.notifications import PollReport, Watcher
from isend_tui.notifications.errors import WatcherLocked
from isend_tui.notifications.watcher import Chore

if TYPE_CHECKING:
    import httpx
    from textual.app import App

    from isend_tui.context import AppContext
    from isend_tui.gateway.client import IsendClient
    from isend_tui.shop.dsn import ShopDsn

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_S = 5.0
"""How long the app waits on exit for the current poll to finish."""

WatcherFactory = Callable[["AppContext", "ShopDsn"], Watcher]


class WatcherState(StrEnum):
    STARTING = "starting"
    RUNNING = "running"
    STOPPED = "stopped"
    ELSEWHERE = "elsewhere"
    ERROR = "error"


@dataclass(frozen=True)
class WatcherStatus:
    """What the status line says about the watcher."""

    state: WatcherState
    reason: str = ""
    last_poll: datetime | None = None
    last_report: PollReport | None = None
    sent: int = 0
    """SMS sent by this app's watcher since it started."""
    not_delivered: int = 0
    """Refused, not sent or uncertain since it started."""

    @property
    def running(self) -> bool:
        return self.state in (WatcherState.STARTING, WatcherState.RUNNING)

    def line(self) -> str:
        if self.state is WatcherState.STARTING:
            return "… " + _("Watcher : démarrage…")
        if self.state is WatcherState.STOPPED:
            return "✗ " + _("Watcher arrêté : {reason}").format(reason=self.reason)
        if self.state is WatcherState.ELSEWHERE:
            return "• " + self.reason
        if self.state is WatcherState.ERROR:
            return "✗ " + _("Watcher en erreur : {reason}").format(reason=self.reason)
        text = "✓ " + _("Watcher en marche")
        if self.last_poll is not None:
            text += " · " + _("dernier passage {time}").format(time=clock_time(self.last_poll))
        sent = plural(
            self.sent,
            _("{sent} SMS envoyé depuis l'ouverture"),
            _("{sent} SMS envoyés depuis l'ouverture"),
        )
        text += " · " + sent.format(sent=count(self.sent))
        if self.not_delivered:
            lost = plural(self.not_delivered, _("{n} non envoyé"), _("{n} non envoyés"))
            text += " · " + lost.format(n=count(self.not_delivered))
        report = self.last_report
        if report is not None and report.shop_error:
            text += "\n✗ " + _("boutique injoignable : {error}").format(error=report.shop_error)
        if report is not None and report.gateway_error:
            text += "\n✗ " + _("passerelle : {error}").format(error=report.gateway_error)
        return text


def elsewhere_message(pid: int | None) -> str:
    if pid:
        return _("Le watcher tourne déjà dans un autre processus (PID {pid}).").format(pid=pid)
    return _("Le watcher tourne déjà dans un autre processus.")


class WatcherService:
    """Runs the notification watcher in a background thread while the app is open."""

    def __init__(
        self,
        app: App[Any],
        ctx: AppContext,
        *,
        gateway_transport: httpx.AsyncBaseTransport | None = None,
        factory: WatcherFactory | None = None,
    ) -> None:
        self.app = app  # owns the Signals; the thread reaches the event loop through it
        self.ctx = ctx
        self.gateway_transport = gateway_transport
        self.reports: Signal[PollReport] = Signal(app, "watcher-report")
        self.status_changed: Signal[WatcherStatus] = Signal(app, "watcher-status")
        self.status = WatcherStatus(WatcherState.STOPPED, _("pas encore démarré."))
        self._factory = factory or self._default_watcher
        self._thread: threading.Thread | None = None
        self._stop: threading.Event | None = None
        self._watcher: Watcher | None = None
        self._dsn: ShopDsn | None = None
        self._restart = False
        self._closing = False
        self._told_elsewhere = False
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []

    # ------------------------------------------------------------------ life cycle

    @property
    def alive(self) -> bool:
        """A watcher thread exists (it may be finishing its last poll)."""
        return self._thread is not None

    def start(self) -> None:
        """Start the watcher for the configured shop (no shop: say so and stay stopped)."""
        if self._closing or self.alive:
            return
        ctx = self.ctx
        dsn = ctx.settings.shop_dsn()
        if dsn is None:
            self._set_status(
                WatcherStatus(
                    WatcherState.STOPPED,
                    _("aucune boutique configurée (renseignez-la dans Paramétrage, F2)."),
                )
            )
            return
        try:
            watcher = self._factory(ctx, dsn)
        except UserError as exc:
            self._set_status(WatcherStatus(WatcherState.ERROR, exc.message))
            return
        stop = threading.Event()
        self._watcher, self._stop, self._dsn = watcher, stop, dsn
        thread = threading.Thread(
            target=self._run, args=(watcher, stop), name="isend-watcher", daemon=True
        )
        self._thread = thread
        self._set_status(WatcherStatus(WatcherState.STARTING))
        thread.start()

    def settings_changed(self) -> None:
        """The settings were saved: pass them on, or restart on another shop."""
        settings = self.ctx.settings
        dsn = settings.shop_dsn()
        watcher, stop = self._watcher, self._stop
        if watcher is not None and stop is not None and not stop.is_set():
            if dsn == self._dsn:
                watcher.update_settings(settings)
                return
            self._restart = True
            stop.set()
            self._set_status(WatcherStatus(WatcherState.STARTING))
            return
        if self.alive:  # stopping already: start again once it has ended
            self._restart = True
            return
        self.start()

    async def shutdown(self, timeout: float = SHUTDOWN_WAIT_S) -> None:
        """Stop the watcher and wait (off the event loop) for its current poll to end."""
        self._closing = True
        self._restart = False
        stop, thread = self._stop, self._thread
        if stop is not None:
            stop.set()
        if thread is not None and thread.is_alive():
            await asyncio.to_thread(thread.join, timeout)
        for _predicate, future in self._waiters:
            if not future.done():
                future.cancel()
        self._waiters.clear()

    # ------------------------------------------------------------------ the thread

    def _default_watcher(self, ctx: AppContext, dsn: ShopDsn) -> Watcher:
        from isend_tui.gateway.client import IsendClient

        transport = self.gateway_transport
        made: list[Watcher] = []

        def client() -> IsendClient:
            settings = made[0].settings  # the latest ones (update_settings)
            return IsendClient(settings.keyid, settings.gateway_url, transport=transport)

        from isend_tui.automations.runner import AutomationRunner
        from isend_tui.health.chores import watcher_chores
        from isend_tui.results.upkeep import results_chores

        chores: list[Chore] = [*watcher_chores(ctx.store, transport)]
        watcher = Watcher(
            ctx.store,
            ctx.settings,
            dsn,
            client,
            lock_path=ctx.paths.watcher_lock,
            steps=[AutomationRunner.from_context(ctx)],
            chores=[*chores, *results_chores(ctx.store, transport)],
        )
        made.append(watcher)
        return watcher

    def _run(self, watcher: Watcher, stop: threading.Event) -> None:
        """The thread's body: poll until stopped, then report how it ended."""
        state, reason = WatcherState.STOPPED, _("arrêté.")
        try:
            watcher.run(
                stop, on_report=lambda report: self._to_app(self._reported, watcher, report)
            )
        except WatcherLocked as exc:
            state, reason = WatcherState.ELSEWHERE, elsewhere_message(exc.pid)
        except UserError as exc:
            state, reason = WatcherState.ERROR, exc.message
        except Exception as exc:
            log.exception("the watcher stopped on an unexpected error")
            state = WatcherState.ERROR
            reason = _("erreur inattendue ({error}), détails dans le journal.").format(
                error=type(exc).__name__
            )
        self._to_app(self._ended, watcher, state, reason)

    def _to_app(self, callback: Callable[..., None], *args: Any) -> None:
        """Run `callback` on the event loop (from the watcher thread)."""
        if self._closing:
            return
        with contextlib.suppress(RuntimeError):  # the app has already gone
            self.app.call_from_thread(callback, *args)

    # ------------------------------------------------------------------ on the event loop

    def _reported(self, watcher: Watcher, report: PollReport) -> None:
        if watcher is not self._watcher:
            return
        previous = self.status
        self._set_status(
            WatcherStatus(
                WatcherState.RUNNING,
                last_poll=report.started_at,
                last_report=report,
                sent=previous.sent + report.sent,
                not_delivered=previous.not_delivered
                + report.refused
                + report.not_sent
                + report.uncertain
                + report.recovered_uncertain,
            )
        )
        self.reports.publish(report)
        self._check_waiters()

    def _ended(self, watcher: Watcher, state: WatcherState, reason: str) -> None:
        if watcher is not self._watcher:
            return
        self._watcher, self._stop, self._thread, self._dsn = None, None, None, None
        if state is WatcherState.ELSEWHERE and not self._told_elsewhere:
            self._told_elsewhere = True
            self.app.notify(
                reason + " " + _("L'historique affiche ce qu'il envoie."),
                title=_("Notifications"),
                timeout=10,
            )
        if self._restart:
            self._restart = False
            self._set_status(WatcherStatus(state, reason))
            self.start()
            return
        self._set_status(WatcherStatus(state, reason))

    def _set_status(self, status: WatcherStatus) -> None:
        if status.state is not WatcherState.RUNNING:
            status = replace(status, sent=self.status.sent, not_delivered=self.status.not_delivered)
        self.status = status
        self.status_changed.publish(status)
        self._check_waiters()

    # ------------------------------------------------------------------ waiting (tests, tools)

    async def wait(self, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        """Return once `predicate()` holds; it is checked at every report and status change."""
        if predicate():
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.append(entry)
        try:
            await asyncio.wait_for(future, timeout)
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(entry)

    def _check_waiters(self) -> None:
        for predicate, future in list(self._waiters):
            if not future.done() and predicate():
                future.set_result(None)
