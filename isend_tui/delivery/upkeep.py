"""The delivery work of the watch process: the receiver, and a periodic pass that expires
what waited too long and pulls the gateway's report for campaigns still pending.

    upkeep = DeliveryUpkeep(store, settings, receiver=ReceiverServer(...)).start()
    ...
    upkeep.stop()

It runs in its own threads, apart from the notification watcher's loop, so a slow report
download never delays a notification (and a stuck shop never delays a receipt).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from isend_tui.delivery.expiry import expire_overdue
from isend_tui.delivery.receiver import ReceiverServer
from isend_tui.store import Store

log = logging.getLogger(__name__)

EXPIRE_EVERY_S = 60.0
PULL_EVERY_S = 1800.0
"""How often the report is fetched for campaigns still waiting for receipts."""


@dataclass
class UpkeepReport:
    expired: int = 0
    pulled: int = 0
    errors: list[str] = field(default_factory=list)


class DeliveryUpkeep:
    def __init__(
        self,
        store: Store,
        expiry_hours: Callable[[], int],
        *,
        receiver: ReceiverServer | None = None,
        pull: Callable[[], int] | None = None,
        expire_every: float = EXPIRE_EVERY_S,
        pull_every: float = PULL_EVERY_S,
    ) -> None:
        self.store = store
        self.receiver = receiver
        self._expiry_hours = expiry_hours
        self._pull = pull
        self._expire_every = expire_every
        self._pull_every = pull_every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last = UpkeepReport()
        self._last_stats: dict[str, int] = {}

    def start(self) -> DeliveryUpkeep:
        if self.receiver is not None:
            self.receiver.start()
        self._thread = threading.Thread(target=self._run, name="delivery-upkeep", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self.receiver is not None:
            self.receiver.stop()

    def run_once(self, *, pull: bool = True) -> UpkeepReport:
        report = UpkeepReport()
        try:
            report.expired = expire_overdue(
                self.store, hours=self._expiry_hours(), now=datetime.now(UTC)
            )
        except Exception as exc:
            log.exception("expiring receipts failed")
            report.errors.append(type(exc).__name__)
        if pull and self._pull is not None:
            try:
                report.pulled = self._pull()
            except Exception as exc:
                log.exception("pulling the campaign report failed")
                report.errors.append(type(exc).__name__)
        if report.expired or report.pulled:
            log.info("receipts: %d expired, %d from the report", report.expired, report.pulled)
        if self.receiver is not None:
            stats = self.receiver.stats.as_dict()
            if stats != self._last_stats:  # forged or broken requests are visible in the log
                log.info("receipt receiver: %s", stats)
                self._last_stats = stats
        self.last = report
        return report

    def _run(self) -> None:
        next_pull = 0.0
        waited = 0.0
        try:
            while not self._stop.is_set():
                pull = waited >= next_pull
                if pull:
                    next_pull = waited + self._pull_every
                self.run_once(pull=pull)
                self._stop.wait(self._expire_every)
                waited += self._expire_every
        finally:
            if not self.store.db.is_closed():
                self.store.db.close()
