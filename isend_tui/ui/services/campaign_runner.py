"""Campaign jobs owned by the App, so a send keeps running while the user moves around.

The runner starts the engine's coroutines as App workers, keeps each campaign's log lines
in memory (the engine also stores them), and publishes every progress line and every end
on Signals that screens subscribe to: the marketing screen's log panel and the campaign
history both follow a send live, and show it again when the user comes back.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.signal import Signal

from isend_tui.campaigns.events import CampaignProgress, EventKind, Level
from isend_tui.campaigns.run import StopRequest
from isend_tui.errors import UserError
from isend_tui.i18n import _

if TYPE_CHECKING:
    from textual.app import App
    from textual.worker import Worker

    from isend_tui.context import AppContext
    from isend_tui.gateway.client import IsendClient

LOG_LINES = 2000


class CampaignRunner:
    """`app` runs the jobs as its workers and owns the Signals; `gateway_client()` gives
    the App's one client, built from the current settings."""

    def __init__(
        self,
        app: App[Any],
        ctx: AppContext,
        *,
        clock: Callable[[], datetime],
        gateway_client: Callable[[], IsendClient],
    ) -> None:
        self.app = app
        self.ctx = ctx
        self.clock = clock
        self.gateway_client = gateway_client
        self.progress: Signal[CampaignProgress] = Signal(app, "campaign-progress")
        self.ended: Signal[int] = Signal(app, "campaign-ended")
        self.logs: dict[int, deque[CampaignProgress]] = {}
        self.running: set[int] = set()
        self.last_campaign: int | None = None
        self._stops: dict[int, StopRequest] = {}
        self._workers: dict[int, Worker[None]] = {}

    # ------------------------------------------------------------------ log

    def record(self, event: CampaignProgress) -> None:
        """Keep and publish one line. Call on the event loop (use call_from_thread)."""
        self.logs.setdefault(event.campaign_id, deque(maxlen=LOG_LINES)).append(event)
        self.last_campaign = event.campaign_id
        self.progress.publish(event)

    def record_from_thread(self, event: CampaignProgress) -> None:
        self.app.call_from_thread(self.record, event)

    def log_of(self, campaign_id: int) -> list[CampaignProgress]:
        return list(self.logs.get(campaign_id, ()))

    def is_running(self, campaign_id: int) -> bool:
        return campaign_id in self.running

    # ------------------------------------------------------------------ jobs

    def _start(
        self,
        campaign_id: int,
        job: Callable[[], Awaitable[Any]],
        describe: Callable[[Any], str],
    ) -> None:
        if campaign_id in self.running:
            self.app.notify(
                _("La campagne {id} est déjà en cours.").format(id=campaign_id), timeout=5
            )
            return
        self.running.add(campaign_id)

        async def run() -> None:
            try:
                result = await job()
            except UserError as exc:
                self.record(
                    CampaignProgress(campaign_id, EventKind.ERROR, exc.message, Level.ERROR)
                )
                self.app.notify(exc.message, severity="error", timeout=12)
            else:
                message = describe(result)
                if message:
                    self.app.notify(message, timeout=10)
            finally:
                self.running.discard(campaign_id)
                self._stops.pop(campaign_id, None)
                self._workers.pop(campaign_id, None)
                self.ended.publish(campaign_id)

        self._workers[campaign_id] = self.app.run_worker(
            run(),
            group="campaigns",
            name=f"campaign-{campaign_id}",
            description=_("Campagne {id}").format(id=campaign_id),
            exit_on_error=False,
        )

    def _start_engine(
        self, campaign_id: int, fn: Callable[..., Awaitable[Any]], describe: Callable[[Any], str]
    ) -> None:
        """Run one of the engine's entry points (same arguments: dispatch, resume, export)."""
        ctx = self.ctx
        stop = self._stops.setdefault(campaign_id, StopRequest())

        async def job() -> Any:
            client = self.gateway_client()
            return await fn(
                ctx.store,
                client,
                campaign_id,
                ctx.settings,
                self.record,
                clock=self.clock,
                stop=stop,
            )

        self._start(campaign_id, job, describe)

    async def stop_all(self) -> None:
        """Ask every running send to stop after the batches in flight, and wait for them:
        their outcome is recorded, what is left is offered for resuming at the next start
        (quitting never leaves a batch uncertain)."""
        reason = _(
            "Arrêté à la fermeture de l'application : les lots en cours sont terminés, le "
            "reste sera proposé à la reprise au prochain démarrage."
        )
        for stop in self._stops.values():
            stop.request(reason)
        for worker in list(self._workers.values()):
            with contextlib.suppress(Exception):  # its failure is reported by the App
                await worker.wait()

    def send(self, campaign_id: int) -> None:
        from isend_tui.campaigns.service import dispatch

        self._start_engine(campaign_id, dispatch, _describe_dispatch)

    def resume(self, campaign_id: int) -> None:
        from isend_tui.campaigns.service import resume

        self._start_engine(campaign_id, resume, _describe_dispatch)

    def export(self, campaign_id: int) -> None:
        from isend_tui.campaigns.service import export_directory

        self._start_engine(campaign_id, export_directory, _describe_export)

    def resolve(self, campaign_id: int, batch_id: int, decision: str) -> None:
        """Settle an uncertain batch as the merchant chose; what must still go out (resend,
        or numbers the gateway's report does not list) is then sent by a resume."""
        from isend_tui.campaigns.service import resolve_batch, resume

        ctx = self.ctx

        async def job() -> Any:
            client = self.gateway_client()
            resolution = await resolve_batch(
                ctx.store, client, batch_id, decision, clock=self.clock, on_event=self.record
            )
            if resolution.to_send:
                return await resume(
                    ctx.store, client, campaign_id, ctx.settings, self.record, clock=self.clock
                )
            return None

        self._start(
            campaign_id,
            job,
            lambda result: (
                _describe_dispatch(result)
                if result is not None
                else _("Lot {id} traité.").format(id=batch_id)
            ),
        )


def _describe_dispatch(result: Any) -> str:
    if result.uncertain:
        return _(
            "Campagne {id} : {sent} envoyés, {uncertain} incertains à vérifier (État des "
            "campagnes)."
        ).format(id=result.campaign_id, sent=result.sent, uncertain=result.uncertain)
    return _("Campagne {id} : {state}, {sent} SMS envoyés.").format(
        id=result.campaign_id, state=result.state.label(), sent=result.sent
    )


def _describe_export(result: Any) -> str:
    return _("Répertoire exporté : {added} contacts ajoutés, {failed} échecs.").format(
        added=result.added, failed=len(result.failures)
    )
