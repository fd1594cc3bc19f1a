"""After a crash or an unknown outcome: batches left in flight, and the merchant's decision
on each uncertain batch.

A batch left 'in_flight' by a crash may or may not have gone out: `recover_interrupted`
(run under the campaign's lock before any send) makes it 'uncertain', and nothing of it is
resent silently. `resolve_batch` / `resolve_campaign` apply what the merchant chose: mark
it sent, resend it (back to pending: `resume` sends it), or check the gateway's campaign
report (report_match.py: each recipient found is sent, each surely absent goes back to
pending, and one that cannot be matched with certainty stays uncertain, never resent).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from isend_tui.campaigns import batch_store
from isend_tui.campaigns import campaign_store as db
from isend_tui.campaigns.campaign_store import Campaign
from isend_tui.campaigns.errors import CampaignStateError
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
from isend_tui.campaigns.model import BatchState, CampaignKind, CampaignState, Decision
from isend_tui.campaigns.report_match import ReportMatch, Verdict
from isend_tui.campaigns.window import (
    SCHEDULE_FORMAT,
    Clock,
    paris_now,
    scheduled_moment,
    to_paris,
)
from isend_tui.formatting import counted
from isend_tui.gateway.client import IsendClient
from isend_tui.i18n import _
from isend_tui.store import Store

# --------------------------------------------------------------------------- after a crash


def recover_interrupted(store: Store, campaign: Campaign, at: str) -> list[CampaignProgress]:
    """Batches left in_flight by a crash: uncertain (an export's are simply retried, adding
    a contact to a directory twice is harmless). Call under the campaign's lock."""
    events: list[CampaignProgress] = []
    with store.write():
        batches = batch_store.in_flight_batches(store, campaign.id)
        for batch_id, size in batches:
            if campaign.kind == CampaignKind.EXPORT:
                batch_store.release_batch(store, batch_id, reason="interrupted", at=at)
                continue
            batch_store.mark_uncertain(
                store,
                campaign.id,
                batch_id,
                detail=_("envoi interrompu : issue inconnue"),
                error=_("envoi interrompu (arrêt du programme)"),
                at=at,
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
        batch_store.stray_in_flight_uncertain(store, campaign.id)
        if batches:
            db.sync_counters(store, campaign.id, at)
        record_events(store, events)
    return events


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
    # 'check': the numbers the report could not settle with certainty (still uncertain)
    still_uncertain: tuple[str, ...] = field(default=())


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
    them) or 'check' (the gateway's campaign report for the batch's time: each recipient
    found is sent, each surely absent goes back to pending, the others stay uncertain).
    Needs `client` for 'check'."""
    choice = _decision(decision)
    found = await asyncio.to_thread(batch_store.batch_state, store, batch_id)
    if found is None:
        raise CampaignStateError(
            _("Lot {batch} introuvable : « campaign show ID » liste les lots incertains.").format(
                batch=batch_id
            )
        )
    campaign_id, state = found
    if state != BatchState.UNCERTAIN:
        raise CampaignStateError(
            _("Le lot {batch} n'est pas incertain (état : {state}) : rien à décider.").format(
                batch=batch_id, state=state.value
            )
        )
    resolutions = await _resolve(
        store, client, campaign_id, [batch_id], choice, clock, emitter(on_event)
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
    ids = list(await asyncio.to_thread(batch_store.uncertain_batch_ids, store, campaign_id))
    if not ids:
        return []
    return await _resolve(store, client, campaign_id, ids, choice, clock, emitter(on_event))


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
        report = ReportMatch()
        if choice == Decision.CHECK:
            if client is None:
                raise CampaignStateError(_("Vérification impossible sans accès à iSendPro."))
            report = await _read_report(store, client, batch_ids, clock)
        settle = _Settlement(store, campaign_id, choice, report, clock)
        resolutions = await asyncio.to_thread(settle.apply, batch_ids)
    for resolution in resolutions:
        for event in resolution.events:
            emit(event)
    return resolutions


# -- the gateway's report


async def _read_report(
    store: Store, client: IsendClient, batch_ids: list[int], clock: Clock
) -> ReportMatch:
    """The gateway's report over the batches' time span, two minutes wider each side."""
    first, last = await asyncio.to_thread(batch_store.batches_span, store, batch_ids)
    start = to_paris(datetime.fromisoformat(first)) - timedelta(minutes=2)
    end = to_paris(datetime.fromisoformat(last)) if last else to_paris(clock())
    return ReportMatch.of(await client.campaign_report(start, end + timedelta(minutes=2)))


# -- applying the decision (blocking, one transaction)

_BATCH_AFTER = {
    Decision.MARK_SENT: BatchState.RESOLVED_SENT,
    Decision.RESEND: BatchState.RESOLVED_RESEND,
    Decision.CHECK: BatchState.RESOLVED_CHECKED,
}


def _detail(choice: Decision) -> str | None:
    """What a recipient settled as sent says about it."""
    if choice == Decision.MARK_SENT:
        return _("marqué envoyé par l'utilisateur")
    if choice == Decision.CHECK:
        return _("trouvé dans le rapport iSendPro")
    return None


_SHOWN_NUMBERS = 20


def _doubt_line(batch_id: int, numbers: list[str], why: str, campaign_id: int) -> str:
    shown = ", ".join(numbers[:_SHOWN_NUMBERS])
    if len(numbers) > _SHOWN_NUMBERS:
        shown += counted(len(numbers) - _SHOWN_NUMBERS, _(" et {n} autre"), _(" et {n} autres"))
    uncertain = counted(
        len(numbers),
        _("{n} destinataire reste incertain"),
        _("{n} destinataires restent incertains"),
    )
    return _(
        "Lot {batch} : {uncertain} ({why}) : {numbers}. Rien ne leur est renvoyé : choisissez "
        "(campaign resolve {id} --batch {batch} --as sent|resend)."
    ).format(batch=batch_id, uncertain=uncertain, why=why, numbers=shown, id=campaign_id)


def _resolved_line(choice: Decision, batch_id: int, sent: int, pending: int) -> str:
    if choice == Decision.MARK_SENT:
        text = _("Lot {batch} marqué envoyé : {sent} SMS.")
    elif choice == Decision.RESEND:
        text = _("Lot {batch} à renvoyer : {pending} SMS remis en attente (campaign resume).")
    else:
        return _("Lot {batch} vérifié dans le rapport iSendPro : {found} ; {missing}.").format(
            batch=batch_id,
            found=counted(sent, _("{n} trouvé, envoyé"), _("{n} trouvés, envoyés")),
            missing=counted(
                pending, _("{n} absent, remis en attente"), _("{n} absents, remis en attente")
            ),
        )
    return text.format(batch=batch_id, sent=sent, pending=pending)


@dataclass
class _Settlement:
    store: Store
    campaign_id: int
    choice: Decision
    report: ReportMatch
    clock: Clock

    def apply(self, batch_ids: list[int]) -> list[Resolution]:
        """Every batch still uncertain settled, then the campaign's state, in one commit."""
        store = self.store
        at = stamp(to_paris(self.clock()))
        done: list[tuple[int, int, int, tuple[str, ...], list[CampaignProgress]]] = []
        with store.write():
            for batch_id in batch_ids:
                found = batch_store.batch_state(store, batch_id)
                if found is None or found[1] != BatchState.UNCERTAIN:
                    continue  # settled meanwhile
                done.append(self._settle_batch(batch_id, at))
            state = self._settle_campaign(at)
            record_events(store, [event for *_rest, events in done for event in events])
        return [
            Resolution(
                batch_id,
                self.campaign_id,
                self.choice.value,
                sent,
                pending,
                state,
                tuple(events),
                doubtful,
            )
            for batch_id, sent, pending, doubtful, events in done
        ]

    def _split(self, batch_id: int) -> tuple[list[int], list[int], list[str]]:
        """The batch's uncertain recipients: (settled as sent, to send again, the numbers
        of those left uncertain)."""
        sent: list[int] = []
        pending: list[int] = []
        doubtful: list[str] = []
        for rid, number in batch_store.uncertain_recipients(self.store, batch_id):
            if self.choice == Decision.MARK_SENT:
                sent.append(rid)
            elif self.choice == Decision.RESEND:
                pending.append(rid)
            else:
                verdict = self.report.verdict(self.campaign_id, rid, number)
                if verdict == Verdict.SENT:
                    sent.append(rid)
                elif verdict == Verdict.ABSENT:
                    pending.append(rid)
                else:
                    doubtful.append(number)
        return sent, pending, doubtful

    def _settle_batch(
        self, batch_id: int, at: str
    ) -> tuple[int, int, int, tuple[str, ...], list[CampaignProgress]]:
        sent, pending, doubtful = self._split(batch_id)
        batch_store.mark_sent(self.store, sent, _detail(self.choice))
        batch_store.back_to_pending(self.store, pending)
        if not doubtful:
            batch_store.set_batch_state(self.store, batch_id, _BATCH_AFTER[self.choice])
        event = CampaignProgress(
            self.campaign_id,
            EventKind.RESOLVED,
            _resolved_line(self.choice, batch_id, len(sent), len(pending)),
            at=at,
            data={
                "batch_id": batch_id,
                "decision": self.choice.value,
                "sent": len(sent),
                "pending": len(pending),
                "uncertain": len(doubtful),
            },
        )
        events = [event]
        if doubtful:
            events.append(
                CampaignProgress(
                    self.campaign_id,
                    EventKind.UNCERTAIN,
                    _doubt_line(batch_id, doubtful, self.report.doubt(), self.campaign_id),
                    Level.WARNING,
                    at,
                    {"batch_id": batch_id, "size": len(doubtful)},
                )
            )
        return batch_id, len(sent), len(pending), tuple(doubtful), events

    def _settle_campaign(self, at: str) -> CampaignState:
        """Nothing left pending or uncertain: the campaign is sent (or scheduled, when its
        date is still ahead)."""
        counts = db.sync_counters(self.store, self.campaign_id, at)
        state, scheduled_for = db.campaign_state(self.store, self.campaign_id)
        if counts.pending or counts.uncertain or counts.in_flight:
            return state
        scheduled = scheduled_moment(scheduled_for)
        now = to_paris(self.clock())
        future = (scheduled is not None and scheduled > now) or batch_store.sends_later(
            self.store, self.campaign_id, now.strftime(SCHEDULE_FORMAT)
        )
        state = CampaignState.SCHEDULED if future else CampaignState.SENT
        db.close_settled(self.store, self.campaign_id, state, at)
        return state
