"""Sending a prepared campaign: batches through /smsmulti, crash-safe, resumable.

The order of every step is what makes a crash harmless:

1. claim: in one write transaction, the next `batch_size` pending recipients (same
   encoding) become 'in_flight' in a new campaign_batch row; COMMIT;
2. the HTTP request (one text per number, a tracker per recipient);
3. in one write transaction, the per-number results, the batch 'done', the counters and
   the progress line; COMMIT.

A crash between 1 and 3 leaves the batch 'in_flight': the next `dispatch`/`resume` (under
the campaign's lock, so nobody else is sending it) turns it and its recipients into
'uncertain'. They are never resent silently: `resolve_batch` lets the merchant mark them
sent, resend them, or check the gateway's campaign report. Failures where nothing was sent
(connection refused, HTTP 503) are retried with exponential backoff a bounded number of
times; after that, or on a refusal of the whole request (keyid, credit, sender), the
campaign stops ('failed', or 'partly_failed' once something went out) with the reason and
its pending recipients left for `resume`. An unknown outcome (timeout, 5xx after
processing, dropped connection) makes the batch uncertain; several in a row stop the
campaign too.

Store work runs in one dedicated worker thread, never on the event loop (a UI on the same
loop stays responsive); up to `max_in_flight` requests are in flight at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from isend_tui.campaigns import suppression
from isend_tui.campaigns.errors import (
    CampaignNotFound,
    CampaignStateError,
    CreditTooLow,
)
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    Level,
    OnEvent,
    emitter,
    record_events,
    stamp,
)
from isend_tui.campaigns.locks import campaign_lock
from isend_tui.campaigns.model import (
    BatchState,
    CampaignKind,
    CampaignState,
    Decision,
    DispatchResult,
    ExportResult,
)
from isend_tui.campaigns.prepare import (
    SCHEDULE_FORMAT,
    Clock,
    format_count,
    outside_window_error,
    paris_now,
    price_per_part,
)
from isend_tui.campaigns.window import (
    GATEWAY_ZONE,
    PARIS,
    SendingWindow,
    preload_holidays,
    to_paris,
)
from isend_tui.config import Settings
from isend_tui.gateway.client import SMSLONG_AUTO, IsendClient
from isend_tui.gateway.errors import (
    GatewayError,
    GatewayUnavailable,
    NetworkUnreachable,
)
from isend_tui.gateway.models import NumberResult
from isend_tui.i18n import _
from isend_tui.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]

CODE_BLACKLISTED = "11"


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of a request that certainly sent nothing (connection refused, HTTP 503)."""

    attempts: int = 5
    """Retries after the first try; then the campaign stops."""
    base_delay: float = 1.0
    max_delay: float = 30.0
    unknown_limit: int = 3
    """Consecutive batches with an unknown outcome before the campaign stops."""

    def delay(self, retry: int) -> float:
        return float(min(self.max_delay, self.base_delay * (2 ** (retry - 1))))


IN_BATCH = (
    "id BETWEEN (SELECT first_id FROM campaign_batch WHERE id = ?) "
    "AND (SELECT last_id FROM campaign_batch WHERE id = ?) AND batch_id = ?"
)
"""A batch's recipients by a rowid range (params: the batch id three times)."""


def tracker_of(campaign_id: int, recipient_id: int) -> str:
    """The tracker sent with each SMS: finds it again in reports and delivery callbacks."""
    return f"C{campaign_id}R{recipient_id}"


class StoreThread:
    """Runs blocking store work in one dedicated thread, awaited from the event loop."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="campaign-store")

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    def _close_connection(self) -> None:
        if not self.store.db.is_closed():
            self.store.db.close()

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.run(self._close_connection)
        self._executor.shutdown(wait=False)


# --------------------------------------------------------------------------- rows


@dataclass
class _Campaign:
    id: int
    kind: CampaignKind
    label: str
    state: CampaignState
    sender: str
    scheduled_for: str | None
    directory_name: str | None
    directory_id: int | None
    parts_total: int
    prepared: bool


def load_campaign(store: Store, campaign_id: int) -> _Campaign:
    row = store.db.execute_sql(
        "SELECT id, kind, label, state, sender, scheduled_for, directory_name, directory_id, "
        "parts_total, prepared_at FROM campaign WHERE id = ?",
        (campaign_id,),
    ).fetchone()
    if row is None:
        raise CampaignNotFound(campaign_id)
    return _Campaign(
        id=int(row[0]),
        kind=CampaignKind(row[1]),
        label=str(row[2]),
        state=CampaignState(row[3]),
        sender=str(row[4] or ""),
        scheduled_for=row[5],
        directory_name=row[6],
        directory_id=int(row[7]) if row[7] is not None else None,
        parts_total=int(row[8]),
        prepared=row[9] is not None,
    )


@dataclass
class _Batch:
    id: int
    ucs2: bool
    ids: list[int]
    numbers: list[str]
    texts: list[str]
    names: list[str]
    attempts: int = 1


@dataclass
class _Counts:
    pending: int = 0
    in_flight: int = 0
    sent: int = 0
    refused: int = 0
    suppressed: int = 0
    uncertain: int = 0


def _counts(store: Store, campaign_id: int) -> _Counts:
    counts = _Counts()
    for state, n in store.db.execute_sql(
        "SELECT state, count(*) FROM campaign_recipient WHERE campaign_id = ? GROUP BY state",
        (campaign_id,),
    ).fetchall():
        setattr(counts, str(state), int(n))
    return counts


def _sync_counters(store: Store, campaign_id: int, at: str) -> _Counts:
    counts = _counts(store, campaign_id)
    store.db.execute_sql(
        "UPDATE campaign SET sent = ?, refused = ?, suppressed = ?, uncertain = ?, "
        "updated_at = ? WHERE id = ?",
        (counts.sent, counts.refused, counts.suppressed, counts.uncertain, at, campaign_id),
    )
    return counts


def recover_interrupted(store: Store, campaign: _Campaign, at: str) -> list[CampaignProgress]:
    """Batches left in_flight by a crash: uncertain (an export's are simply retried, adding
    a contact to a directory twice is harmless). Call under the campaign's lock."""
    events: list[CampaignProgress] = []
    with store.write():
        batches = store.db.execute_sql(
            "SELECT id, size FROM campaign_batch WHERE campaign_id = ? AND state = 'in_flight'",
            (campaign.id,),
        ).fetchall()
        for batch_id, size in batches:
            if campaign.kind == CampaignKind.EXPORT:
                store.db.execute_sql(
                    "UPDATE campaign_recipient SET state = 'pending', batch_id = NULL "
                    f"WHERE {IN_BATCH} AND state = 'in_flight'",
                    (batch_id, batch_id, batch_id),
                )
                store.db.execute_sql(
                    "UPDATE campaign_batch SET state = 'failed', finished_at = ?, error = ? "
                    "WHERE id = ?",
                    (at, "interrupted", batch_id),
                )
                continue
            store.db.execute_sql(
                "UPDATE campaign_recipient SET state = 'uncertain', detail = ? "
                f"WHERE {IN_BATCH} AND state = 'in_flight'",
                (_("envoi interrompu : issue inconnue"), batch_id, batch_id, batch_id),
            )
            store.db.execute_sql(
                "UPDATE campaign_batch SET state = 'uncertain', finished_at = ?, error = ? "
                "WHERE id = ?",
                (at, _("envoi interrompu (arrêt du programme)"), batch_id),
            )
            events.append(
                CampaignProgress(
                    campaign.id,
                    EventKind.UNCERTAIN,
                    _(
                        "Lot {batch} ({n} SMS) interrompu pendant l'envoi : issue inconnue. Il ne "
                        "sera pas renvoyé sans votre accord (campaign resolve)."
                    ).format(batch=batch_id, n=size),
                    Level.WARNING,
                    at,
                    {"batch_id": batch_id, "size": size},
                )
            )
        # In-flight rows without an in-flight batch cannot exist (claimed atomically);
        # should one appear, it is uncertain all the same.
        store.db.execute_sql(
            "UPDATE campaign_recipient SET state = 'uncertain' "
            "WHERE campaign_id = ? AND state = 'in_flight'",
            (campaign.id,),
        )
        if batches:
            _sync_counters(store, campaign.id, at)
        record_events(store, events)
    return events


# --------------------------------------------------------------------------- the engine


class _Stop(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Dispatcher:
    def __init__(
        self,
        store: Store,
        client: IsendClient,
        campaign: _Campaign,
        settings: Settings,
        on_event: OnEvent,
        clock: Clock,
        retry: RetryPolicy,
        sleep: Sleep,
        date_envoi: str | None,
    ) -> None:
        self.store = store
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

    def now(self) -> str:
        return stamp(to_paris(self.clock()))

    # -- store steps (worker thread)

    def _claim(self) -> _Batch | None:
        with self.store.write():
            return self._claim_in_transaction()

    def _claim_in_transaction(self) -> _Batch | None:
        store, cid = self.store, self.campaign.id
        rows = store.db.execute_sql(
            "SELECT id, number, text, ucs2, firstname, lastname FROM campaign_recipient "
            "WHERE campaign_id = ? AND state = 'pending' ORDER BY ucs2, id LIMIT ?",
            (cid, self.batch_size),
        ).fetchall()
        if not rows:
            return None
        ucs2 = int(rows[0][3])
        rows = [r for r in rows if int(r[3]) == ucs2]
        cursor = store.db.execute_sql(
            "INSERT INTO campaign_batch (campaign_id, state, size, ucs2, first_id, last_id, "
            "attempts, started_at) VALUES (?, 'in_flight', ?, ?, ?, ?, 1, ?)",
            (cid, len(rows), ucs2, rows[0][0], rows[-1][0], self.now()),
        )
        batch_id = int(cursor.lastrowid)
        updated = store.db.execute_sql(
            "UPDATE campaign_recipient SET state = 'in_flight', batch_id = ? "
            "WHERE campaign_id = ? AND state = 'pending' AND ucs2 = ? AND id BETWEEN ? AND ?",
            (batch_id, cid, ucs2, rows[0][0], rows[-1][0]),
        ).rowcount
        if updated != len(rows):  # pragma: no cover - guarded by the claim's ordering
            raise RuntimeError("claimed rows do not match the batch")
        return _Batch(
            id=batch_id,
            ucs2=bool(ucs2),
            ids=[int(r[0]) for r in rows],
            numbers=[str(r[1]) for r in rows],
            texts=[str(r[2]) for r in rows],
            names=[f"{r[4] or ''} {r[5] or ''}".strip() for r in rows],
        )

    def _record(
        self, batch: _Batch, results: Sequence[NumberResult], claim_next: bool
    ) -> tuple[CampaignProgress, _Batch | None]:
        """The batch's results and, in the same commit, the next batch's claim."""
        store, cid = self.store, self.campaign.id
        at = self.now()
        by_number = {number: i for i, number in enumerate(batch.numbers)}
        aligned = len(results) == len(batch.numbers)
        answers: list[NumberResult | None] = [None] * len(batch.numbers)
        for position, result in enumerate(results):
            index = by_number.get(result.tel)
            if index is None and aligned:
                index = position
            if index is not None and answers[index] is None:
                answers[index] = result
        sent = refused = missing = 0
        changes: list[tuple[str, str | None, str | None, int]] = []
        blacklisted: list[str] = []
        for index, answer in enumerate(answers):
            rid = batch.ids[index]
            if answer is None:
                missing += 1
                changes.append(("uncertain", None, _("absent de la réponse d'iSendPro"), rid))
            elif answer.accepted:
                sent += 1
            else:
                refused += 1
                changes.append(("refused", answer.code, answer.message, rid))
                if answer.code == CODE_BLACKLISTED and not self.export:
                    blacklisted.append(batch.numbers[index])
        with store.write():
            # Every row as accepted in one statement, then the exceptions row by row.
            store.db.execute_sql(
                "UPDATE campaign_recipient SET state = 'sent', code = '0' "
                "WHERE id BETWEEN ? AND ? AND batch_id = ? AND state = 'in_flight'",
                (batch.ids[0], batch.ids[-1], batch.id),
            )
            if changes:
                store.db.connection().executemany(
                    "UPDATE campaign_recipient SET state = ?, code = ?, detail = ? WHERE id = ?",
                    changes,
                )
            if blacklisted:
                suppression.add_gateway_refusals(store, blacklisted, clock=self.clock)
            state = BatchState.UNCERTAIN if missing else BatchState.DONE
            store.db.execute_sql(
                "UPDATE campaign_batch SET state = ?, attempts = ?, finished_at = ? WHERE id = ?",
                (state.value, batch.attempts, at, batch.id),
            )
            store.db.execute_sql(
                "UPDATE campaign SET sent = sent + ?, refused = refused + ?, "
                "uncertain = uncertain + ?, updated_at = ? WHERE id = ?",
                (sent, refused, missing, at, cid),
            )
            if self.export:
                text = _(
                    "Lot {batch} : {sent} contact(s) ajouté(s) au répertoire, {refused} refusé(s)."
                ).format(batch=batch.id, sent=sent, refused=refused)
            else:
                text = _("Lot {batch} : {sent} SMS acceptés, {refused} refusés.").format(
                    batch=batch.id, sent=sent, refused=refused
                )
            if missing:
                text += " " + _("{n} numéro(s) absents de la réponse : incertains.").format(
                    n=missing
                )
            if blacklisted:
                text += " " + _(
                    "{n} numéro(s) en liste noire (code 11) ajoutés à la liste d'exclusion."
                ).format(n=len(blacklisted))
            event = CampaignProgress(
                cid,
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
                    "blacklisted": len(blacklisted),
                    "ucs2": batch.ucs2,
                },
            )
            record_events(store, [event])
            following = self._claim_in_transaction() if claim_next else None
        return event, following

    def _mark_uncertain(self, batch: _Batch, error: GatewayError) -> CampaignProgress:
        store, cid = self.store, self.campaign.id
        at = self.now()
        with store.write():
            n = store.db.execute_sql(
                "UPDATE campaign_recipient SET state = 'uncertain', detail = ? "
                "WHERE id BETWEEN ? AND ? AND batch_id = ? AND state = 'in_flight'",
                (
                    _("issue inconnue : {reason}").format(reason=error.message),
                    batch.ids[0],
                    batch.ids[-1],
                    batch.id,
                ),
            ).rowcount
            store.db.execute_sql(
                "UPDATE campaign_batch SET state = 'uncertain', attempts = ?, finished_at = ?, "
                "error = ? WHERE id = ?",
                (batch.attempts, at, error.message, batch.id),
            )
            store.db.execute_sql(
                "UPDATE campaign SET uncertain = uncertain + ?, updated_at = ? WHERE id = ?",
                (n, at, cid),
            )
            event = CampaignProgress(
                cid,
                EventKind.UNCERTAIN,
                _(
                    "Lot {batch} ({n} SMS) : issue inconnue ({reason}). Ces SMS ne seront pas "
                    "renvoyés sans votre accord."
                ).format(batch=batch.id, n=n, reason=error.message),
                Level.WARNING,
                at,
                {"batch_id": batch.id, "size": n},
            )
            record_events(store, [event])
        return event

    def _release(self, batch: _Batch, reason: str) -> None:
        """Nothing was sent for this batch: its recipients are pending again."""
        store = self.store
        at = self.now()
        with store.write():
            store.db.execute_sql(
                "UPDATE campaign_recipient SET state = 'pending', batch_id = NULL "
                "WHERE id BETWEEN ? AND ? AND batch_id = ? AND state = 'in_flight'",
                (batch.ids[0], batch.ids[-1], batch.id),
            )
            store.db.execute_sql(
                "UPDATE campaign_batch SET state = 'failed', attempts = ?, finished_at = ?, "
                "error = ? WHERE id = ?",
                (batch.attempts, at, reason, batch.id),
            )

    def _log(self, event: CampaignProgress) -> None:
        with self.store.write():
            record_events(self.store, [event])

    # -- network steps (event loop)

    async def _request(self, batch: _Batch) -> list[NumberResult]:
        if self.export:
            assert self.campaign.directory_id is not None
            return await self.client.add_to_directory(
                self.campaign.directory_id, batch.numbers, names=batch.names
            )
        return await self.client.send_multi(
            batch.numbers,
            batch.texts,
            sender=self.campaign.sender or None,
            date_envoi=self.date_envoi,
            gmt_zone=GATEWAY_ZONE if self.date_envoi else None,
            smslong=SMSLONG_AUTO,
            nostop=False,
            ucs2=batch.ucs2,
            trackers=[tracker_of(self.campaign.id, rid) for rid in batch.ids],
        )

    def _retriable(self, error: GatewayError) -> bool:
        if self.export and not error.nothing_sent:
            return True  # adding a contact again is harmless
        return isinstance(error, NetworkUnreachable | GatewayUnavailable)

    async def _send(self, batch: _Batch) -> _Batch | None:
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
                    delay = self.retry.delay(retries)
                    event = CampaignProgress(
                        self.campaign.id,
                        EventKind.RETRY,
                        _("Lot {batch} : {reason} Nouvel essai {n}/{max} dans {delay} s.").format(
                            batch=batch.id,
                            reason=error.message,
                            n=retries,
                            max=self.retry.attempts,
                            delay=f"{delay:g}",
                        ),
                        Level.WARNING,
                        self.now(),
                        {"batch_id": batch.id, "retry": retries, "delay": delay},
                    )
                    await self.thread.run(self._log, event)
                    self.emit(event)
                    await self.sleep(delay)
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

    def _stop(self, reason: str) -> None:
        if self.stop_reason is None:
            self.stop_reason = reason

    def _window_closed(self) -> bool:
        if self.date_envoi is not None or self.export:
            return False
        return not self.window.is_open(self.clock())

    def _may_claim(self) -> bool:
        if self.exhausted or self.stop_reason is not None:
            return False
        if self._window_closed():
            self._stop(outside_window_error(to_paris(self.clock()), self.settings).message)
            return False
        return True

    async def run_batches(self) -> None:
        tasks: set[asyncio.Task[_Batch | None]] = set()
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

    def finish(self) -> tuple[DispatchResult, CampaignProgress]:
        store, cid = self.store, self.campaign.id
        at = self.now()
        with store.write():
            counts = _sync_counters(store, cid, at)
            uncertain_batches = tuple(
                int(r[0])
                for r in store.db.execute_sql(
                    "SELECT id FROM campaign_batch WHERE campaign_id = ? AND state = 'uncertain' "
                    "ORDER BY id",
                    (cid,),
                ).fetchall()
            )
            error = self.stop_reason
            if error is not None:
                state = CampaignState.FAILED if counts.sent == 0 else CampaignState.PARTLY_FAILED
            elif counts.pending or counts.uncertain:
                state = CampaignState.PARTLY_FAILED
                error = _(
                    "{n} destinataire(s) à l'issue incertaine : choisissez pour chaque lot "
                    "incertain (campaign resolve)."
                ).format(n=counts.uncertain)
            elif self.date_envoi is not None:
                state = CampaignState.SCHEDULED
            else:
                state = CampaignState.SENT
            finished = at if state != CampaignState.FAILED or counts.pending == 0 else None
            store.db.execute_sql(
                "UPDATE campaign SET state = ?, error = ?, finished_at = ?, updated_at = ? "
                "WHERE id = ?",
                (state.value, error, finished, at, cid),
            )
            if self.export:
                text = _(
                    "Export terminé : {sent} contact(s) ajouté(s), {refused} refusé(s)."
                ).format(sent=format_count(counts.sent), refused=format_count(counts.refused))
            else:
                text = _(
                    "Fin de l'envoi ({state}) : {sent} envoyé(s), {refused} refusé(s), "
                    "{suppressed} exclu(s), {uncertain} incertain(s), {pending} en attente."
                ).format(
                    state=state.label(),
                    sent=format_count(counts.sent),
                    refused=format_count(counts.refused),
                    suppressed=format_count(counts.suppressed),
                    uncertain=format_count(counts.uncertain),
                    pending=format_count(counts.pending),
                )
            if error:
                text += " " + _("Raison : {reason}").format(reason=error)
            if state in (CampaignState.FAILED, CampaignState.PARTLY_FAILED) and counts.pending:
                text += " " + _("Reprise : campaign resume {id}.").format(id=cid)
            level = (
                Level.INFO
                if state in (CampaignState.SENT, CampaignState.SCHEDULED)
                else (Level.ERROR)
            )
            event = CampaignProgress(
                cid,
                EventKind.FINISHED,
                text,
                level,
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


# --------------------------------------------------------------------------- entry points


def _scheduled_moment(campaign: _Campaign) -> datetime | None:
    if not campaign.scheduled_for:
        return None
    return datetime.strptime(campaign.scheduled_for, SCHEDULE_FORMAT).replace(tzinfo=PARIS)


def confirm(store: Store, campaign_id: int, *, clock: Clock = paris_now) -> None:
    """Record the merchant's confirmation: a prepared draft becomes 'sending'."""
    at = stamp(to_paris(clock()))
    with store.write():
        campaign = load_campaign(store, campaign_id)
        _check_prepared(campaign)
        if campaign.state == CampaignState.DRAFT:
            store.db.execute_sql(
                "UPDATE campaign SET state = 'sending', confirmed_at = ?, updated_at = ? "
                "WHERE id = ?",
                (at, at, campaign_id),
            )


def _check_prepared(campaign: _Campaign) -> None:
    if not campaign.prepared:
        raise CampaignStateError(
            _(
                "La préparation de la campagne {id} a été interrompue : rien n'a été envoyé. "
                "Créez la campagne à nouveau."
            ).format(id=campaign.id)
        )


async def dispatch(
    store: Store,
    client: IsendClient,
    campaign_id: int,
    settings: Settings,
    on_event: OnEvent | None = None,
    *,
    clock: Clock = paris_now,
    retry: RetryPolicy | None = None,
    sleep: Sleep = asyncio.sleep,
    allow_draft: bool = True,
) -> DispatchResult:
    """Send (or go on sending) a prepared campaign. Safe to call again after any crash.

    A draft is checked first (credit, sending window) and then confirmed; any campaign's
    batches left in flight by a crash become uncertain; then every pending recipient is
    sent. Raises OutsideSendingWindow (with `.next_slot`) instead of sending outside the
    window, CreditTooLow when the credit does not cover a draft, CampaignBusy when another
    process is sending it.
    """
    emit = emitter(on_event)
    retry = retry or RetryPolicy()
    thread = StoreThread(store)
    try:
        with campaign_lock(store, campaign_id):
            campaign = await thread.run(load_campaign, store, campaign_id)
            _check_prepared(campaign)
            if campaign.kind == CampaignKind.EXPORT:
                raise CampaignStateError(
                    _("La campagne {id} est un export : utilisez export_directory.").format(
                        id=campaign_id
                    )
                )
            if campaign.state == CampaignState.CANCELLED:
                raise CampaignStateError(
                    _("La campagne {id} est annulée : rien à envoyer.").format(id=campaign_id)
                )
            if campaign.state == CampaignState.DRAFT and not allow_draft:
                raise CampaignStateError(
                    _(
                        "La campagne {id} n'a pas été confirmée : envoyez-la (campaign send) "
                        "au lieu de la reprendre."
                    ).format(id=campaign_id)
                )
            now = to_paris(clock())
            for event in await thread.run(recover_interrupted, store, campaign, stamp(now)):
                emit(event)
            scheduled = _scheduled_moment(campaign)
            date_envoi = None
            window = SendingWindow.from_settings(settings)
            await asyncio.to_thread(preload_holidays, now, *([scheduled] if scheduled else []))
            if scheduled is not None and scheduled > now:
                if not window.is_open(scheduled):
                    raise outside_window_error(scheduled, settings)
                date_envoi = scheduled.strftime(SCHEDULE_FORMAT)
            elif not window.is_open(now):
                raise outside_window_error(now, settings)
            if campaign.state == CampaignState.DRAFT:
                credit = await client.credit()
                if credit.quantity is not None and campaign.parts_total > credit.quantity:
                    price = price_per_part(credit)
                    estimate = (price or Decimal(0)) * campaign.parts_total
                    raise CreditTooLow(
                        campaign.parts_total, credit.quantity, credit.euros, estimate
                    )
                await thread.run(functools.partial(confirm, store, campaign_id, clock=clock))
            started = CampaignProgress(
                campaign_id,
                EventKind.STARTED,
                (
                    _("Envoi programmé pour le {at} transmis à iSendPro.").format(at=date_envoi)
                    if date_envoi
                    else _("Envoi en cours.")
                )
                if campaign.state == CampaignState.DRAFT
                else _("Reprise de l'envoi."),
                at=stamp(now),
                data={"date_envoi": date_envoi, "resumed": campaign.state != CampaignState.DRAFT},
            )

            def start(event: CampaignProgress = started) -> None:
                with store.write():
                    store.db.execute_sql(
                        "UPDATE campaign SET state = 'sending', error = NULL, updated_at = ? "
                        "WHERE id = ?",
                        (event.at, campaign_id),
                    )
                    record_events(store, [event])

            await thread.run(start)
            emit(started)
            engine = _Dispatcher(
                store, client, campaign, settings, emit, clock, retry, sleep, date_envoi
            )
            try:
                await engine.run_batches()
                result, finished = await engine.thread.run(engine.finish)
            finally:
                await engine.thread.close()
            emit(finished)
            return result
    finally:
        await thread.close()


async def resume(
    store: Store,
    client: IsendClient,
    campaign_id: int,
    settings: Settings,
    on_event: OnEvent | None = None,
    *,
    clock: Clock = paris_now,
    retry: RetryPolicy | None = None,
    sleep: Sleep = asyncio.sleep,
) -> DispatchResult:
    """Continue an interrupted or stopped campaign (pending recipients are sent; batches
    left in flight become uncertain). Refuses a draft that was never confirmed."""
    return await dispatch(
        store,
        client,
        campaign_id,
        settings,
        on_event,
        clock=clock,
        retry=retry,
        sleep=sleep,
        allow_draft=False,
    )


# --------------------------------------------------------------------------- export


async def export_directory(
    store: Store,
    client: IsendClient,
    campaign_id: int,
    settings: Settings,
    on_event: OnEvent | None = None,
    *,
    clock: Clock = paris_now,
    retry: RetryPolicy | None = None,
    sleep: Sleep = asyncio.sleep,
) -> ExportResult:
    """Create the iSendPro directory (once) and add the contacts in chunks, champ1 = the
    contact's name. Resumable: contacts already added are not sent again."""
    emit = emitter(on_event)
    retry = retry or RetryPolicy()
    thread = StoreThread(store)
    try:
        with campaign_lock(store, campaign_id):
            campaign = await thread.run(load_campaign, store, campaign_id)
            _check_prepared(campaign)
            if campaign.kind != CampaignKind.EXPORT:
                raise CampaignStateError(
                    _("La campagne {id} n'est pas un export.").format(id=campaign_id)
                )
            now = stamp(to_paris(clock()))
            await thread.run(recover_interrupted, store, campaign, now)
            if campaign.directory_id is None:
                name = campaign.directory_name or campaign.label
                directory_id = await client.create_directory(name)
                campaign.directory_id = directory_id
                event = CampaignProgress(
                    campaign_id,
                    EventKind.EXPORT,
                    _("Répertoire iSendPro « {name} » créé (n° {id}).").format(
                        name=name, id=directory_id
                    ),
                    at=stamp(to_paris(clock())),
                    data={"directory_id": directory_id},
                )

                def save(event: CampaignProgress = event, directory_id: int = directory_id) -> None:
                    with store.write():
                        store.db.execute_sql(
                            "UPDATE campaign SET directory_id = ?, state = 'sending', "
                            "confirmed_at = coalesce(confirmed_at, ?), updated_at = ? WHERE id = ?",
                            (directory_id, event.at, event.at, campaign_id),
                        )
                        record_events(store, [event])

                await thread.run(save)
                emit(event)
            engine = _Dispatcher(store, client, campaign, settings, emit, clock, retry, sleep, None)
            try:
                await engine.run_batches()
                result, finished = await engine.thread.run(engine.finish)
            finally:
                await engine.thread.close()
            emit(finished)
            failures = await thread.run(_export_failures, store, campaign_id)
            return ExportResult(
                campaign_id=campaign_id,
                directory_id=campaign.directory_id,
                added=result.sent,
                failures=failures,
                state=result.state,
                error=result.error,
            )
    finally:
        await thread.close()


def _export_failures(store: Store, campaign_id: int) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (str(r[0]), str(r[1] or ""), str(r[2] or ""))
        for r in store.db.execute_sql(
            "SELECT number, code, detail FROM campaign_recipient "
            "WHERE campaign_id = ? AND state = 'refused' ORDER BY id",
            (campaign_id,),
        ).fetchall()
    )


# --------------------------------------------------------------------------- uncertain batches


@dataclass(frozen=True)
class Resolution:
    batch_id: int
    campaign_id: int
    decision: str
    marked_sent: int
    to_send: int
    campaign_state: CampaignState
    events: tuple[CampaignProgress, ...] = field(default=())


def _report_value(row: dict[str, str], *names: str) -> str:
    lowered = {key.strip().lower(): value for key, value in row.items()}
    for name in names:
        if name in lowered:
            return str(lowered[name]).strip()
    return ""


def _digits(number: str) -> str:
    value = "".join(ch for ch in number if ch.isdigit())
    if value.startswith("00"):
        value = value[2:]
    if value.startswith("0"):
        value = "33" + value[1:]
    return value


def _decision(decision: str) -> Decision:
    try:
        return Decision(decision)
    except ValueError:
        raise CampaignStateError(
            _("Décision inconnue « {value} » : mark_sent, resend ou check.").format(value=decision)
        ) from None


async def resolve_batch(
    store: Store,
    client: IsendClient | None,
    batch_id: int,
    decision: str,
    *,
    clock: Clock = paris_now,
    on_event: OnEvent | None = None,
) -> Resolution:
    """Settle an uncertain batch: 'mark_sent', 'resend' (back to pending: `resume` sends
    them) or 'check' (the gateway's campaign report for the batch's time: each number found
    is sent, the others go back to pending). Needs `client` for 'check'."""
    choice = _decision(decision)
    row = await asyncio.to_thread(
        lambda: store.db.execute_sql(
            "SELECT campaign_id, state FROM campaign_batch WHERE id = ?", (batch_id,)
        ).fetchone()
    )
    if row is None:
        raise CampaignStateError(
            _("Lot {batch} introuvable : « campaign show ID » liste les lots incertains.").format(
                batch=batch_id
            )
        )
    if row[1] != BatchState.UNCERTAIN.value:
        raise CampaignStateError(
            _("Le lot {batch} n'est pas incertain (état : {state}) : rien à décider.").format(
                batch=batch_id, state=row[1]
            )
        )
    resolutions = await _resolve(
        store, client, int(row[0]), [batch_id], choice, clock, emitter(on_event)
    )
    return resolutions[0]


async def resolve_campaign(
    store: Store,
    client: IsendClient | None,
    campaign_id: int,
    decision: str,
    *,
    clock: Clock = paris_now,
    on_event: OnEvent | None = None,
) -> list[Resolution]:
    """The same decision for every uncertain batch of the campaign ('check' reads one
    report covering them all)."""
    choice = _decision(decision)
    ids = await asyncio.to_thread(
        lambda: [
            int(r[0])
            for r in store.db.execute_sql(
                "SELECT id FROM campaign_batch WHERE campaign_id = ? AND state = 'uncertain' "
                "ORDER BY id",
                (campaign_id,),
            ).fetchall()
        ]
    )
    if not ids:
        return []
    return await _resolve(store, client, campaign_id, ids, choice, clock, emitter(on_event))


async def _reported(
    store: Store, client: IsendClient, batch_ids: list[int], clock: Clock
) -> tuple[set[str], bool]:
    """Trackers ("T…") and numbers ("N…") found in the gateway's report over the batches'
    time span, and whether the report has trackers."""

    def span() -> tuple[str, str | None]:
        marks = ",".join("?" * len(batch_ids))
        row = store.db.execute_sql(
            f"SELECT min(started_at), max(coalesce(finished_at, started_at)) "
            f"FROM campaign_batch WHERE id IN ({marks})",
            batch_ids,
        ).fetchone()
        return str(row[0]), row[1]

    first, last = await asyncio.to_thread(span)
    start = to_paris(datetime.fromisoformat(first)) - timedelta(minutes=2)
    end = to_paris(datetime.fromisoformat(last)) if last else to_paris(clock())
    report = await client.campaign_report(start, end + timedelta(minutes=2))
    found: set[str] = set()
    for item in report:
        tracker = _report_value(item, "tracker")
        if tracker:
            found.add("T" + tracker)
        number = _report_value(item, "tel", "num", "numero", "number", "mobile")
        if number:
            found.add("N" + _digits(number))
    return found, any(item.startswith("T") for item in found)


_BATCH_AFTER = {
    Decision.MARK_SENT: BatchState.RESOLVED_SENT,
    Decision.RESEND: BatchState.RESOLVED_RESEND,
    Decision.CHECK: BatchState.RESOLVED_CHECKED,
}


async def _resolve(
    store: Store,
    client: IsendClient | None,
    campaign_id: int,
    batch_ids: list[int],
    choice: Decision,
    clock: Clock,
    emit: OnEvent,
) -> list[Resolution]:
    with campaign_lock(store, campaign_id):
        found: set[str] = set()
        has_trackers = False
        if choice == Decision.CHECK:
            if client is None:
                raise CampaignStateError(_("Vérification impossible sans accès à iSendPro."))
            found, has_trackers = await _reported(store, client, batch_ids, clock)

        def apply_one(batch_id: int, at: str) -> tuple[int, int, CampaignProgress]:
            rows = store.db.execute_sql(
                "SELECT id, number FROM campaign_recipient "
                f"WHERE {IN_BATCH} AND state = 'uncertain'",
                (batch_id, batch_id, batch_id),
            ).fetchall()
            sent_ids: list[int] = []
            pending_ids: list[int] = []
            for rid, number in rows:
                if choice == Decision.MARK_SENT:
                    sent_ids.append(int(rid))
                elif choice == Decision.RESEND:
                    pending_ids.append(int(rid))
                else:
                    key = (
                        "T" + tracker_of(campaign_id, int(rid))
                        if has_trackers
                        else "N" + _digits(str(number))
                    )
                    (sent_ids if key in found else pending_ids).append(int(rid))
            detail = {
                Decision.MARK_SENT: _("marqué envoyé par l'utilisateur"),
                Decision.CHECK: _("trouvé dans le rapport iSendPro"),
                Decision.RESEND: None,
            }[choice]
            connection = store.db.connection()
            connection.executemany(
                "UPDATE campaign_recipient SET state = 'sent', detail = ? WHERE id = ?",
                [(detail, rid) for rid in sent_ids],
            )
            connection.executemany(
                "UPDATE campaign_recipient SET state = 'pending', batch_id = NULL, "
                "detail = NULL WHERE id = ?",
                [(rid,) for rid in pending_ids],
            )
            store.db.execute_sql(
                "UPDATE campaign_batch SET state = ? WHERE id = ?",
                (_BATCH_AFTER[choice].value, batch_id),
            )
            text = {
                Decision.MARK_SENT: _("Lot {batch} marqué envoyé : {sent} SMS."),
                Decision.RESEND: _(
                    "Lot {batch} à renvoyer : {pending} SMS remis en attente (campaign resume)."
                ),
                Decision.CHECK: _(
                    "Lot {batch} vérifié dans le rapport iSendPro : {sent} trouvé(s), "
                    "envoyés ; {pending} absent(s), remis en attente."
                ),
            }[choice].format(batch=batch_id, sent=len(sent_ids), pending=len(pending_ids))
            event = CampaignProgress(
                campaign_id,
                EventKind.RESOLVED,
                text,
                at=at,
                data={
                    "batch_id": batch_id,
                    "decision": choice.value,
                    "sent": len(sent_ids),
                    "pending": len(pending_ids),
                },
            )
            return len(sent_ids), len(pending_ids), event

        def apply() -> list[Resolution]:
            at = stamp(to_paris(clock()))
            done: list[tuple[int, int, int, CampaignProgress]] = []
            with store.write():
                for batch_id in batch_ids:
                    state = store.db.execute_sql(
                        "SELECT state FROM campaign_batch WHERE id = ?", (batch_id,)
                    ).fetchone()
                    if state is None or state[0] != BatchState.UNCERTAIN.value:
                        continue
                    done.append((batch_id, *apply_one(batch_id, at)))
                counts = _sync_counters(store, campaign_id, at)
                state_row = store.db.execute_sql(
                    "SELECT state, scheduled_for FROM campaign WHERE id = ?", (campaign_id,)
                ).fetchone()
                campaign_state = CampaignState(state_row[0])
                if not counts.pending and not counts.uncertain and not counts.in_flight:
                    scheduled = state_row[1]
                    future = bool(scheduled) and datetime.strptime(
                        scheduled, SCHEDULE_FORMAT
                    ).replace(tzinfo=PARIS) > to_paris(clock())
                    campaign_state = CampaignState.SCHEDULED if future else CampaignState.SENT
                    store.db.execute_sql(
                        "UPDATE campaign SET state = ?, error = NULL, finished_at = ? WHERE id = ?",
                        (campaign_state.value, at, campaign_id),
                    )
                record_events(store, [event for *_rest, event in done])
            return [
                Resolution(
                    batch_id,
                    campaign_id,
                    choice.value,
                    sent,
                    pending,
                    campaign_state,
                    (event,),
                )
                for batch_id, sent, pending, event in done
            ]

        resolutions = await asyncio.to_thread(apply)
    for resolution in resolutions:
        for event in resolution.events:
            emit(event)
    return resolutions
