"""The watcher: polls the shop for events and sends the notifications of the rules.

Used two ways, with the same class:

    # headless (isend-tui watch, under systemd): blocking, until SIGTERM/SIGINT
    stop = threading.Event()
    Watcher.from_context(ctx).run(stop, on_report=print)

    # in the TUI: the App runs the same blocking `run` in a thread worker; `on_report` is
    # called from that thread after every poll (use App.call_from_thread to show it), and
    # setting `stop` ends the loop after the current send.

    # tests and --once: drive it poll by poll
    with Watcher(store, settings, dsn, client_factory, clock) as w:
        report = w.poll_once()

The watcher is synchronous and belongs to one thread at a time. One poll:
1. Detect (detect.py): the shop rows after the id cursors (cursors.py), tracking numbers
   (tracking.py) and guest conversions from snapshots.
2. Queue (outbox.py): one row per (rule, occurrence, recipient) with a UNIQUE key, then the
   rows, cursors and snapshots in ONE transaction; a crash before it detects the same
   occurrences again, after it the rows are sent on restart.
3. Send (sender.py): each row claimed 'sending' before the gateway call; one found
   'sending' at start (a crash) becomes 'uncertain', never resent silently.
4. Settle (settle.py), every SETTLE_EVERY_S while some are uncertain: from iSendPro's
   report by tracker, sent or queued again, never resent on a doubt.

Other engines add a step to each poll (`steps`, the automations: isend_tui/automations/
runner.py): after step 2 with the poll's shop connection, and their rows are ruled at
send time by the step's `gate` (sender.py).

After each poll the watcher runs its `chores` (callables given by the layer that builds it,
health/chores.py: the heartbeat, the STOP loop's pushes and daily import, the admin's
alerts); what they say goes to PollReport.notes, and a chore that fails is logged.

If the shop database goes away, the poll reports it (PollReport.shop_error), the
connection is dropped and re-opened on a later poll with a growing pause; queued
notifications keep being sent meanwhile. Only one watcher per data directory (lock.py).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from isend_tui.errors import UserError
from isend_tui.formatting import count, counted
from isend_tui.gateway import GatewayError, IsendClient
from isend_tui.i18n import _
from isend_tui.notifications.clock import Clock, utc_now
from isend_tui.notifications.detect import Detector
from isend_tui.notifications.lock import WatcherLock
from isend_tui.notifications.log import State
from isend_tui.notifications.models import Notification
from isend_tui.notifications.outbox import Outbox
from isend_tui.notifications.sender import (
    ClientFactory,
    Hold,
    NotificationSender,
    SendTally,
)
from isend_tui.notifications.settle import AUTO_DAYS, SETTLE_EVERY_S, Settled, uncertain_ids
from isend_tui.shop.connection import ShopAbort, ShopConnection
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.errors import ShopError
from isend_tui.shop.info import open_shop

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.context import AppContext
    from isend_tui.store import Store

log = logging.getLogger(__name__)

SEND_BUDGET_S = 1.0
"""Time spent sending in one poll before detecting again."""
MAX_SHOP_PAUSE_S = 30.0
WATCH_READ_TIMEOUT_S = 60.0
"""A watcher read waiting longer than this on the shop means the server went silent."""

Chore = Callable[[datetime, "Settings"], list[str]]
"""Work done after each poll, given the time and the current settings; returns what is
worth telling (health/chores.py)."""


class PollStep(Protocol):
    """Work another engine adds to every poll (see the module doc)."""

    def poll(self, conn: ShopConnection) -> int:
        """Detect and queue with the poll's connection; how many occurrences were recorded."""
        ...

    def gate(self, row: Notification) -> Hold | None:
        """Just before sending one of the rows it queued: None sends it (sender.Gate)."""
        ...

    def use_settings(self, settings: Settings) -> None:
        """The watcher's new settings (window, caps, sender…), from the next poll on."""
        ...


@dataclass
class PollReport:
    """What one poll did (shown by the TUI, logged by the headless watcher)."""

    started_at: datetime
    duration_ms: float = 0.0
    detect_ms: float = 0.0
    occurrences: int = 0
    automations: int = 0
    """Occurrences the automations recorded (each one sent, queued or not sent)."""
    queued: int = 0
    not_sent: int = 0
    sent: int = 0
    refused: int = 0
    retried: int = 0
    uncertain: int = 0
    recovered_uncertain: int = 0
    """Notifications found 'sending' at start (a crash): now 'uncertain'."""
    waiting: int = 0
    settled: Settled | None = None
    """What settling the uncertain notifications did, when it ran in this poll."""
    shop_error: str | None = None
    gateway_error: str | None = None
    more: bool = False
    """Work is left (a full batch, or the send budget ran out): poll again at once."""
    notes: list[str] = field(default_factory=list)
    """What the chores had to say (a blacklist import, an alert fired)."""

    def summary(self) -> str:
        uncertain = self.uncertain + self.recovered_uncertain
        text = _(
            "{events}, {queued} à envoyer, {sent}, {refused}, {not_sent}, {uncertain} en {ms} ms"
        ).format(
            events=counted(self.occurrences, _("{n} événement"), _("{n} événements")),
            queued=count(self.queued),
            sent=counted(self.sent, _("{n} envoyé"), _("{n} envoyés")),
            refused=counted(self.refused, _("{n} refusé"), _("{n} refusés")),
            not_sent=counted(self.not_sent, _("{n} non envoyé"), _("{n} non envoyés")),
            uncertain=counted(uncertain, _("{n} incertain"), _("{n} incertains")),
            ms=round(self.duration_ms, 1),
        )
        if self.automations:
            text += " — " + counted(
                self.automations,
                _("{n} occurrence d'automatisation enregistrée"),
                _("{n} occurrences d'automatisations enregistrées"),
            )
        if self.settled is not None and (self.settled.sent or self.settled.resent):
            text += " — " + _("incertaines réglées : {line}").format(line=self.settled.line())
        if self.shop_error:
            text += " — " + _("boutique injoignable : {error}").format(error=self.shop_error)
        if self.gateway_error:
            text += " — " + _("passerelle : {error}").format(error=self.gateway_error)
        return text

    def add_sends(self, tally: SendTally) -> None:
        self.sent += tally.sent
        self.refused += tally.refused
        self.not_sent += tally.not_sent
        self.retried += tally.retried
        self.uncertain += tally.uncertain
        if tally.gateway_error is not None:
            self.gateway_error = tally.gateway_error
        if tally.more is not None:
            self.more = tally.more


class Watcher:
    """Polls one shop and sends the notifications of the store's rules. See module doc."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        shop_dsn: ShopDsn,
        client_factory: ClientFactory | None = None,
        clock: Clock | None = None,
        *,
        lock_path: Path | None = None,
        since: date | None = None,
        shop_connect: Callable[[ShopDsn], ShopConnection] | None = None,
        steps: Sequence[PollStep] = (),
        chores: Sequence[Chore] = (),
    ) -> None:
        self.store = store
        self._chores = tuple(chores)
        self.settings = settings
        self.shop_dsn = shop_dsn
        self._clock = clock or utc_now
        self._lock = WatcherLock(lock_path) if lock_path is not None else None
        self._abort = ShopAbort()  # cuts a poll stuck on a silent shop (SIGTERM)
        self._shop_connect = shop_connect or (lambda dsn: open_shop(dsn, abort=self._abort))
        self._conn: ShopConnection | None = None
        self._stop: threading.Event | None = None
        self._started = False
        self._recovered = 0
        self._shop_failures = 0
        self._pending_settings: Settings | None = None
        self._next_settle: datetime | None = None
        self._detector = Detector(
            store, self._clock, since=since, tracking_days=settings.tracking_days
        )
        self._outbox = Outbox(store, settings, self._clock)
        self._steps = tuple(steps)
        self._sender = NotificationSender(
            store,
            settings,
            self._clock,
            client_factory or self._default_client,
            gate=self._gate if self._steps else None,
        )

    @classmethod
    def from_context(
        cls,
        ctx: AppContext,
        *,
        shop_dsn: ShopDsn | None = None,
        client_factory: ClientFactory | None = None,
        since: date | None = None,
        steps: Sequence[PollStep] = (),
        chores: Sequence[Chore] = (),
    ) -> Watcher:
        from isend_tui.config import shop_dsn as resolve_dsn

        dsn = shop_dsn or resolve_dsn(None, ctx.settings)
        return cls(
            ctx.store,
            ctx.settings,
            dsn,
            client_factory,
            lock_path=ctx.paths.watcher_lock,
            since=since,
            steps=steps,
            chores=chores,
        )

    def _default_client(self) -> IsendClient:
        return IsendClient(self.settings.keyid, self.settings.gateway_url)

    def update_settings(self, settings: Settings) -> None:
        """Use new settings (admin phone, sender, keyid…) from the next poll on.

        Safe to call from another thread (the TUI's): the polling thread applies them.
        """
        self._pending_settings = settings

    def _apply_pending_settings(self) -> None:
        settings, self._pending_settings = self._pending_settings, None
        if settings is None:
            return
        self.settings = self._outbox.settings = settings
        self._detector.use_tracking_days(settings.tracking_days)
        self._sender.use_settings(settings)
        for step in self._steps:
            step.use_settings(settings)

    # -- life cycle

    def start(self) -> None:
        """Take the lock and recover from a crash (idempotent)."""
        if self._started:
            return
        if self._lock is not None:
            self._lock.acquire()
        self._recovered = self._sender.recover_interrupted()
        if self._recovered:
            log.warning("%d notification(s) left 'sending' by a crash: uncertain", self._recovered)
        self._started = True

    def close(self) -> None:
        """Close the shop connection and the gateway client, release the lock."""
        self._drop_connection()
        self._sender.close()
        if self._lock is not None:
            self._lock.release()
        self._started = False

    def __enter__(self) -> Watcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- loop

    def run(
        self,
        stop: threading.Event,
        on_report: Callable[[PollReport], None] | None = None,
        *,
        interval: float | None = None,
    ) -> None:
        """Poll until `stop` is set (blocking). The current send always finishes."""
        self._stop = stop
        self.start()
        try:
            while not stop.is_set():
                report = self.poll_once()
                if on_report is not None:
                    try:
                        on_report(report)
                    except Exception:
                        log.exception("on_report callback failed")
                if report.more and not report.shop_error and not report.gateway_error:
                    continue
                pause = interval if interval is not None else self.settings.watch_interval
                if report.shop_error:
                    pause = min(MAX_SHOP_PAUSE_S, pause * (2 ** min(self._shop_failures, 4)))
                stop.wait(max(0.05, pause))
        finally:
            self.close()
            self._stop = None

    def poll_once(self) -> PollReport:
        """Detect, queue, then send what is due. Never raises for shop or gateway trouble."""
        self.start()
        self._apply_pending_settings()
        started = time.perf_counter()
        report = PollReport(started_at=self._clock())
        if self._recovered:
            report.recovered_uncertain, self._recovered = self._recovered, 0
        try:
            conn = self._connection()
            self._queue(conn, report)
            report.not_sent += self._outbox.recheck_waiting(conn)
            for step in self._steps:
                report.automations += step.poll(conn)
            self._shop_failures = 0
        except ShopError as exc:  # the shop went away, or a schema problem: retry later
            self._shop_failures += 1
            report.shop_error = exc.message
            log.warning("shop poll failed (%s); will retry", exc.message)
            self._drop_connection()
        except Exception as exc:  # a dropped driver connection, or a bug: logged, retried
            self._shop_failures += 1
            report.shop_error = f"{type(exc).__name__}: {exc}"
            log.exception("shop poll failed; will retry")
            self._drop_connection()
        report.detect_ms = (time.perf_counter() - started) * 1000
        self._settle_due(report)
        self._send_due(report, time.perf_counter() + SEND_BUDGET_S)
        self._run_chores(report)
        report.duration_ms = (time.perf_counter() - started) * 1000
        if (
            report.occurrences
            or report.automations
            or report.sent
            or report.not_sent
            or report.uncertain
        ):
            log.info("poll: %s", report.summary())
        return report

    def _queue(self, conn: ShopConnection, report: PollReport) -> None:
        """Steps 1 and 2: detect, then commit the rows with the cursors that found them."""
        detection = self._detector.detect(conn)
        rows = self._outbox.rows_for(conn, detection.occurrences)
        self._outbox.commit(detection, rows)
        self._detector.committed(detection)
        report.occurrences = len(detection.occurrences)
        report.queued = sum(1 for r in rows if r["state"] == State.QUEUED)
        report.not_sent = sum(1 for r in rows if r["state"] == State.NOT_SENT)
        report.waiting = sum(1 for r in rows if r["state"] == State.WAITING)
        report.more = detection.more

    def _gate(self, row: Notification) -> Hold | None:
        """The step that rules an automation row (the first one: there is one today)."""
        return self._steps[0].gate(row)

    def _settle_due(self, report: PollReport) -> None:
        """Step 4: settle the recent uncertain notifications from the gateway's report."""
        now = self._clock()
        if self._next_settle is not None and now < self._next_settle:
            return
        self._next_settle = now + timedelta(seconds=SETTLE_EVERY_S)
        ids = uncertain_ids(self.store, since=now - timedelta(days=AUTO_DAYS))
        if not ids:
            return
        try:
            report.settled = self._sender.settle(ids)
        except (GatewayError, UserError) as exc:
            log.warning("settling %d uncertain notification(s) failed: %s", len(ids), exc)
            return
        if report.settled.sent or report.settled.resent:
            report.more = True  # the ones queued again leave in this poll or the next
        log.info("uncertain notifications: %s", report.settled.line())

    def _run_chores(self, report: PollReport) -> None:
        for chore in self._chores:
            try:
                report.notes += chore(self._clock(), self.settings)
            except Exception:  # a chore never stops the notifications
                log.exception("watcher chore failed; will retry")

    def _send_due(self, report: PollReport, deadline: float) -> None:
        """Step 3: send what is due until `deadline` (time.perf_counter)."""
        report.add_sends(self._sender.send_due(deadline, self._stop))

    def poll_until_idle(self, max_polls: int = 10_000) -> list[PollReport]:
        """Poll until nothing is left to do now (for --once and tests)."""
        reports = []
        for _i in range(max_polls):
            report = self.poll_once()
            reports.append(report)
            if not report.more or report.shop_error or report.gateway_error:
                break
        return reports

    # -- shop connection

    def abort_shop_wait(self) -> None:
        """Cut the shop connection now (a signal handler calls this with the stop event
        set): a poll stuck on a silent server ends at once instead of at its timeout."""
        self._abort.abort()
        conn = self._conn
        if conn is not None:
            conn.abort()

    def _connection(self) -> ShopConnection:
        if self._conn is None:
            # The watcher's statements are bounded by its cursors: a read that takes more
            # than a minute is a server gone silent, not a slow answer.
            dsn = dataclasses.replace(
                self.shop_dsn, read_timeout=min(self.shop_dsn.read_timeout, WATCH_READ_TIMEOUT_S)
            )
            self._conn = self._shop_connect(dsn)
            log.info("shop connected: %s", self.shop_dsn)
        return self._conn

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
