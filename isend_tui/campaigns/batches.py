"""The batch engine: one campaign's pending recipients sent (or exported) batch by batch.

The order of every step is what makes a crash harmless:

1. claim: in one write transaction, the next `batch_size` pending recipients (same
   encoding) become 'in_flight' in a new campaign_batch row; COMMIT;
2. the HTTP request (one text per number, a tracker per recipient);
3. in one write transaction, the per-number results, the batch 'done', the counters and
   the progress line; COMMIT.

A crash between 1 and 3 leaves the batch 'in_flight': the next `dispatch`/`resume` (under
the campaign's lock, so nobody else is sending it) turns it and its recipients into
'uncertain' (recovery.py). They are never resent silently. Failures where nothing was sent
(connection refused, HTTP 503) are retried with exponential backoff a bounded number of
times; after that, or on a refusal of the whole request (keyid, credit, sender), the
campaign stops ('failed', or 'partly_failed' once something went out) with the reason and
its pending recipients left for `resume`. An unknown outcome (timeout, 5xx after
processing, dropped connection) makes the batch uncertain; several in a row stop the
campaign too. Up to `max_in_flight` requests are in flight at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from isend_tui.campaigns import batch_store, send_times, suppression
from isend_tui.campaigns import campaign_store as db
from isend_tui.campaigns.batch_store import Batch
from isend_tui.campaigns.campaign_store import Campaign, Counts
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    Level,
    OnEvent,
    record_events,
    stamp,
)
from isend_tui.campaigns.local_hours import LocalGroup
from isend_tui.campaigns.model import CampaignKind, CampaignState, DispatchResult, RecipientState
from isend_tui.campaigns.run import RetryPolicy, Sleep, StopRequest, StoreThread, tracker_of
from isend_tui.campaigns.window import (
    GATEWAY_ZONE,
    SCHEDULE_FORMAT,
    Clock,
    SendingWindow,
    outside_window_error,
    scheduled_moment,
    to_paris,
)
from isend_tui.config import Settings
from isend_tui.formatting import count, counted, plural
from isend_tui.gateway.client import SMSLONG_AUTO, IsendClient
from isend_tui.gateway.codes import BLACKLISTED
from isend_tui.gateway.errors import GatewayError, GatewayUnavailable, NetworkUnreachable
from isend_tui.gateway.models import NumberResult
from isend_tui.i18n import _
from isend_tui.store import Store


def send_progress(store: Store, campaign_id: int) -> tuple[int, int]:
    """(recipients whose outcome is known or doubtful, recipients to send in all): what a
    send's progress bar shows. Suppressed recipients are never sent and not counted."""
    counts = db.count_by_state(store, campaign_id)
    done = counts.sent + counts.refused + counts.uncertain
    return done, done + counts.pending + counts.in_flight


class Dispatcher:
    """Sends (or exports) the pending recipients of one campaign, batch by batch."""

    def __init__(
        self,
        store: Store,
        client: IsendClient,
        campaign: Campaign,
        settings: Settings,
        on_event: OnEvent,
        clock: Clock,
        retry: RetryPolicy,
        sleep: Sleep,
        date_envoi: str | None,
        stop: StopRequest | None = None,
    ) -> None:
        self.store = store
        self.stop_request = stop
        self.client = client
        self.campaign = campaign
        self.settings = settings
        self.emit = on_event
        self.clock = clock
        self.retry = retry
        self.sleep = sleep
        self.date_envoi = date_envoi
        self.batch_size = max(1, int(settings.batch_size))
        self.max_in_flight = max(1, int(settings.max_in_flight))
        self.window = SendingWindow.from_settings(settings)
        self.thread = StoreThread(store)
        self.stop_reason: str | None = None
        self.unknown_in_a_row = 0
        self.exhausted = False
        self.export = campaign.kind == CampaignKind.EXPORT
        #: recipients handled (sent, refused or uncertain) out of `total`, for the progress
        self.done = 0
        self.total = 0

    def now(self) -> str:
        return stamp(to_paris(self.clock()))

    async def run(self) -> DispatchResult:
        """Every pending recipient, then the campaign's final state and its last line."""
        try:
            self.done, self.total = await self.thread.run(
                send_progress, self.store, self.campaign.id
            )
            await self.run_batches()
            result, finished = await self.thread.run(self.finish)
        finally:
            await self.thread.close()
        self.emit(finished)
        return result

    # -- store steps (worker thread)

    def _claim(self) -> Batch | None:
        with self.store.write():
            return self._scheduled(
                batch_store.claim_batch(self.store, self.campaign.id, self.batch_size, self.now())
            )

    def _scheduled(self, batch: Batch | None) -> Batch | None:
        """A batch just claimed, with the moment it leaves: the campaign's (for an A/B test
        on send times, its variant's moment: send_times.py), or for a local hours group
        (local_hours.py) the group's first allowed slot from that moment on, recorded with
        the batch (the caps and the results count it then)."""
        if batch is None:
            return None
        batch.send_at = self.date_envoi
        now = to_paris(self.clock())
        timed = send_times.moment_of(self.campaign.send_times, batch.variant)
        if timed is not None and timed > now:
            batch.send_at = timed.strftime(SCHEDULE_FORMAT)
        elif timed is not None:
            batch.send_at = None  # its moment has passed (a resume): it leaves now
        if batch.zone is None or self.export:
            if timed is not None:
                batch_store.set_send_at(self.store, batch.id, batch.send_at)
            return batch
        base = scheduled_moment(batch.send_at) or now
        slot = LocalGroup.parse(batch.zone).slot(self.window, base)
        if slot > base:
            batch.send_at = slot.strftime(SCHEDULE_FORMAT)
        batch_store.set_send_at(self.store, batch.id, batch.send_at)
        return batch

    def _record(
        self, batch: Batch, results: Sequence[NumberResult], claim_next: bool
    ) -> tuple[CampaignProgress, Batch | None]:
        """The batch's results and, in the same commit, the next batch's claim."""
        at = self.now()
        not_accepted: list[batch_store.NotAccepted] = []
        blacklisted: list[str] = []
        for rid, number, answer in zip(
            batch.ids, batch.numbers, batch_store.answers(batch.numbers, results), strict=True
        ):
            if answer is None:
                missing = _("absent de la réponse d'iSendPro")
                not_accepted.append(
                    batch_store.NotAccepted(rid, RecipientState.UNCERTAIN, None, missing)
                )
            elif not answer.accepted:
                not_accepted.append(
                    batch_store.NotAccepted(
                        rid, RecipientState.REFUSED, answer.code, answer.message
                    )
                )
                if answer.code == BLACKLISTED and not self.export:
                    blacklisted.append(number)
        with self.store.write():
            batch_store.record_results(self.store, self.campaign.id, batch, not_accepted, at)
            self.done += len(batch.ids)
            if blacklisted:
                suppression.add_gateway_refusals(self.store, blacklisted, clock=self.clock)
            event = self._batch_event(batch, not_accepted, len(blacklisted), at)
            record_events(self.store, [event])
            following = (
                self._scheduled(
                    batch_store.claim_batch(self.store, self.campaign.id, self.batch_size, at)
                )
                if claim_next
                else None
            )
        return event, following

    def _batch_event(
        self, batch: Batch, not_accepted: list[batch_store.NotAccepted], blacklisted: int, at: str
    ) -> CampaignProgress:
        refused = sum(n.state == RecipientState.REFUSED for n in not_accepted)
        missing = len(not_accepted) - refused
        sent = len(batch.ids) - len(not_accepted)
        if self.export:
            text = _("Lot {batch} : {added} au répertoire, {refused}.").format(
                batch=batch.id, added=_contacts_added(sent), refused=_refused(refused)
            )
        else:
            text = _("Lot {batch} : {sent}, {refused}.").format(
                batch=batch.id,
                sent=counted(sent, _("{n} SMS accepté"), _("{n} SMS acceptés")),
                refused=_refused(refused),
            )
        if missing:
            text += " " + plural(
                missing,
                _("{n} numéro absent de la réponse : incertain."),
                _("{n} numéros absents de la réponse : incertains."),
            ).format(n=count(missing))
        if blacklisted:
            text += " " + plural(
                blacklisted,
                _("{n} numéro en liste noire (code 11) ajouté à la liste d'exclusion."),
                _("{n} numéros en liste noire (code 11) ajoutés à la liste d'exclusion."),
            ).format(n=count(blacklisted))
        return CampaignProgress(
            self.campaign.id,
            EventKind.BATCH,
            text,
            Level.WARNING if (missing or refused) else Level.INFO,
            at,
            {
                "batch_id": batch.id,
                "size": len(batch.ids),
                "sent": sent,
                "refused": refused,
                "uncertain": missing,
                "blacklisted": blacklisted,
                "ucs2": batch.ucs2,
                "done": self.done,
                "total": self.total,
            },
        )

    def _mark_uncertain(self, batch: Batch, error: GatewayError) -> CampaignProgress:
        at = self.now()
        with self.store.write():
            n = batch_store.mark_uncertain(
                self.store,
                self.campaign.id,
                batch.id,
                detail=_("issue inconnue : {reason}").format(reason=error.message),
                error=error.message,
                at=at,
                attempts=batch.attempts,
            )
            self.done += n
            event = CampaignProgress(
                self.campaign.id,
                EventKind.UNCERTAIN,
                _(
                    "Lot {batch} ({n} SMS) : issue inconnue ({reason}). Ces SMS ne seront pas "
                    "renvoyés sans votre accord."
                ).format(batch=batch.id, n=n, reason=error.message),
                Level.WARNING,
                at,
                {"batch_id": batch.id, "size": n, "done": self.done, "total": self.total},
            )
            record_events(self.store, [event])
        return event

    def _release(self, batch: Batch, reason: str) -> None:
        """Nothing was sent for this batch: its recipients are pending again."""
        with self.store.write():
            batch_store.release_batch(
                self.store, batch.id, reason=reason, at=self.now(), attempts=batch.attempts
            )

    def _log(self, event: CampaignProgress) -> None:
        with self.store.write():
            record_events(self.store, [event])

    # -- network steps (event loop)

    async def _request(self, batch: Batch) -> list[NumberResult]:
        if self.export:
            assert self.campaign.directory_id is not None
            return await self.client.add_to_directory(
                self.campaign.directory_id, batch.numbers, names=batch.names
            )
        return await self.client.send_multi(
            batch.numbers,
            batch.texts,
            sender=self.campaign.sender or None,
            date_envoi=batch.send_at,
            gmt_zone=GATEWAY_ZONE if batch.send_at else None,
            smslong=SMSLONG_AUTO,
            nostop=False,
            ucs2=batch.ucs2,
            trackers=[tracker_of(self.campaign.id, rid) for rid in batch.ids],
        )

    def _retriable(self, error: GatewayError) -> bool:
        if self.export and not error.nothing_sent:
            return True  # adding a contact again is harmless
        return isinstance(error, NetworkUnreachable | GatewayUnavailable)

    async def _send(self, batch: Batch) -> Batch | None:
        """Send one batch; returns the next batch when it was claimed with the results."""
        retries = 0
        while True:
            try:
                results = await self._request(batch)
            except GatewayError as error:
                can_retry = retries < self.retry.attempts and not self.stop_reason
                if self._retriable(error) and can_retry:
                    retries += 1
                    batch.attempts += 1
                    await self._wait_before_retry(batch, error, retries)
                    continue
                if error.nothing_sent or self.export:
                    await self.thread.run(self._release, batch, error.message)
                    self._stop(error.message)
                    return None
                event = await self.thread.run(self._mark_uncertain, batch, error)
                self.emit(event)
                self.unknown_in_a_row += 1
                if self.unknown_in_a_row >= self.retry.unknown_limit:
                    self._stop(error.message)
                return None
            self.unknown_in_a_row = 0
            claim_next = self._may_claim()
            event, following = await self.thread.run(self._record, batch, results, claim_next)
            if claim_next and following is None:
                self.exhausted = True
            self.emit(event)
            return following

    async def _wait_before_retry(self, batch: Batch, error: GatewayError, retry: int) -> None:
        delay = self.retry.delay(retry)
        event = CampaignProgress(
            self.campaign.id,
            EventKind.RETRY,
            _("Lot {batch} : {reason} Nouvel essai {n}/{max} dans {delay} s.").format(
                batch=batch.id,
                reason=error.message,
                n=retry,
                max=self.retry.attempts,
                delay=f"{delay:g}",
            ),
            Level.WARNING,
            self.now(),
            {"batch_id": batch.id, "retry": retry, "delay": delay},
        )
        await self.thread.run(self._log, event)
        self.emit(event)
        await self.sleep(delay)

    def _stop(self, reason: str) -> None:
        if self.stop_reason is None:
            self.stop_reason = reason

    def _window_closed(self) -> bool:
        if self.date_envoi is not None or self.export:
            return False
        return not self.window.is_open(self.clock())

    def _may_claim(self) -> bool:
        if self.stop_request is not None and self.stop_request.reason is not None:
            self._stop(self.stop_request.reason)
        if self.exhausted or self.stop_reason is not None:
            return False
        if self._window_closed():
            self._stop(outside_window_error(to_paris(self.clock()), self.settings).message)
            return False
        return True

    async def run_batches(self) -> None:
        tasks: set[asyncio.Task[Batch | None]] = set()
        try:
            while True:
                while len(tasks) < self.max_in_flight and self._may_claim():
                    batch = await self.thread.run(self._claim)
                    if batch is None:
                        self.exhausted = True
                        break
                    tasks.add(asyncio.create_task(self._send(batch)))
                if not tasks:
                    return
                done, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    following = task.result()
                    if following is not None:
                        tasks.add(asyncio.create_task(self._send(following)))
        finally:
            if tasks:
                # On an unexpected error or a cancellation, the batches still in the air
                # stay in_flight in the store: a resume reports them uncertain.
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

    # -- the end (worker thread)

    def _outcome(self, counts: Counts) -> tuple[CampaignState, str | None]:
        if self.stop_reason is not None:
            failed = CampaignState.FAILED if counts.sent == 0 else CampaignState.PARTLY_FAILED
            return failed, self.stop_reason
        if counts.pending or counts.uncertain:
            return CampaignState.PARTLY_FAILED, plural(
                counts.uncertain,
                _(
                    "{n} destinataire à l'issue incertaine : choisissez pour chaque lot "
                    "incertain (campaign resolve)."
                ),
                _(
                    "{n} destinataires à l'issue incertaine : choisissez pour chaque lot "
                    "incertain (campaign resolve)."
                ),
            ).format(n=count(counts.uncertain))
        later = batch_store.sends_later(self.store, self.campaign.id, self._minute())
        if self.date_envoi is not None or later:
            return CampaignState.SCHEDULED, None
        return CampaignState.SENT, None

    def _minute(self) -> str:
        return to_paris(self.clock()).strftime(SCHEDULE_FORMAT)

    def _finished_line(self, state: CampaignState, counts: Counts, error: str | None) -> str:
        if self.export:
            text = _("Export terminé : {added}, {refused}.").format(
                added=_contacts_added(counts.sent), refused=_refused(counts.refused)
            )
        else:
            text = _(
                "Fin de l'envoi ({state}) : {sent}, {refused}, {suppressed}, {uncertain}, "
                "{pending} en attente."
            ).format(
                state=state.label(),
                sent=counted(counts.sent, _("{n} envoyé"), _("{n} envoyés")),
                refused=_refused(counts.refused),
                suppressed=counted(counts.suppressed, _("{n} exclu"), _("{n} exclus")),
                uncertain=counted(counts.uncertain, _("{n} incertain"), _("{n} incertains")),
                pending=count(counts.pending),
            )
        if error:
            text += " " + _("Raison : {reason}").format(reason=error)
        if state in (CampaignState.FAILED, CampaignState.PARTLY_FAILED) and counts.pending:
            text += " " + _("Reprise : campaign resume {id}.").format(id=self.campaign.id)
        return text

    def finish(self) -> tuple[DispatchResult, CampaignProgress]:
        store, cid = self.store, self.campaign.id
        at = self.now()
        with store.write():
            counts = db.sync_counters(store, cid, at)
            uncertain_batches = batch_store.uncertain_batch_ids(store, cid)
            state, error = self._outcome(counts)
            finished = at if state != CampaignState.FAILED or counts.pending == 0 else None
            db.record_outcome(store, cid, state, error=error, finished_at=finished, at=at)
            done = state in (CampaignState.SENT, CampaignState.SCHEDULED)
            event = CampaignProgress(
                cid,
                EventKind.FINISHED,
                self._finished_line(state, counts, error),
                Level.INFO if done else Level.ERROR,
                at,
                {
                    "state": state.value,
                    "sent": counts.sent,
                    "refused": counts.refused,
                    "suppressed": counts.suppressed,
                    "uncertain": counts.uncertain,
                    "pending": counts.pending,
                    "uncertain_batches": list(uncertain_batches),
                },
            )
            record_events(store, [event])
        result = DispatchResult(
            campaign_id=cid,
            state=state,
            sent=counts.sent,
            refused=counts.refused,
            suppressed=counts.suppressed,
            uncertain=counts.uncertain,
            pending=counts.pending,
            error=error,
            uncertain_batches=uncertain_batches,
        )
        return result, event


def _refused(n: int) -> str:
    return counted(n, _("{n} refusé"), _("{n} refusés"))


def _contacts_added(n: int) -> str:
    return counted(n, _("{n} contact ajouté"), _("{n} contacts ajoutés"))
