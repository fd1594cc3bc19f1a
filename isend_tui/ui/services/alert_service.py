"""The admin's alerts while the TUI is open: a small check every minute, off the loop.

`AlertService(app, ctx)` belongs to the App. Every CHECK_EVERY_S (the first one after
FIRST_CHECK_S: the start stays quick) it runs a round of health checks in a thread worker
(health/checks.py: the credit read at most every few minutes, shared with the watcher
through the store; failure rates; the watcher's silence). The round itself sends the
admin's SMS for the alerts it fires (once per crossing, whichever process sees it first).
Every alert open that this app has not shown yet (one fired here, by the watcher thread
or by a headless watcher) is shown as an error toast; while any is open the header of
every section says how many (the app's title), and `open` holds them for the screens.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from textual.signal import Signal

from isend_tui.formatting import counted
from isend_tui.health.checks import check_health
from isend_tui.i18n import _

if TYPE_CHECKING:
    import httpx
    from textual.app import App
    from textual.timer import Timer
    from textual.worker import Worker

    from isend_tui.context import AppContext
    from isend_tui.gateway.client import IsendClient
    from isend_tui.health.alerts import Alert
    from isend_tui.health.report import HealthReport

log = logging.getLogger(__name__)

FIRST_CHECK_S = 60.0
CHECK_EVERY_S = 60.0
TOAST_S = 30.0


class AlertService:
    def __init__(
        self,
        app: App[Any],
        ctx: AppContext,
        *,
        gateway_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.app = app
        self.ctx = ctx
        self.gateway_transport = gateway_transport
        self.open: list[Alert] = []
        self.checked: Signal[HealthReport] = Signal(app, "alerts-checked")
        self._shown: set[tuple[str, str, str]] = set()
        self._timer: Timer | None = None
        self._worker: Worker[None] | None = None
        self._title = app.title

    def start(self) -> None:
        if self._timer is None:
            self._timer = self.app.set_timer(FIRST_CHECK_S, self._first)

    def _first(self) -> None:
        self.check_now()
        self._timer = self.app.set_interval(CHECK_EVERY_S, self.check_now)

    def check_now(self) -> None:
        """Run a round now (in a thread worker; while one runs, no other starts)."""
        if self._worker is not None and not self._worker.is_finished:
            return
        self._worker = self.app.run_worker(
            self._check,
            thread=True,
            group="alerts",
            exclusive=False,
            exit_on_error=False,
            description=_("Alertes"),
        )

    def _client(self) -> IsendClient:
        from isend_tui.gateway.client import IsendClient

        settings = self.ctx.settings
        return IsendClient(settings.keyid, settings.gateway_url, transport=self.gateway_transport)

    def _check(self) -> None:
        settings = self.ctx.settings
        factory = self._client if settings.keyid else None
        report = check_health(self.ctx.store, settings, factory, datetime.now(UTC))
        self.app.call_from_thread(self._show, report)

    def _show(self, report: HealthReport) -> None:
        self.open = list(report.open)
        self.app.title = self._title
        if self.open:
            alerts = counted(len(self.open), _("⚠ {n} alerte ouverte"), _("⚠ {n} alertes ouvertes"))
            self.app.title = f"{self._title} — {alerts} (isend-tui health)"
        for alert in report.open:
            key = (alert.kind, alert.subject, alert.since)
            if key in self._shown:
                continue
            self._shown.add(key)
            self.app.notify(alert.message, title=_("Alerte"), severity="error", timeout=TOAST_S)
        self.checked.publish(report)
