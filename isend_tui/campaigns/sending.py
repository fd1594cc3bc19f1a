"""Sending a prepared campaign: the merchant's confirmation, the checks a send needs
(sending window, credit), the send itself and its resumption, and the test SMS.

Safe to call again after any crash: batches a crash left in flight become uncertain
(recovery.py) before anything else is sent, and the batch engine (batches.py) goes on with
the recipients still pending.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from isend_tui.campaigns import campaign_store as db
from isend_tui.campaigns.batches import Dispatcher, send_progress
from isend_tui.campaigns.campaign_store import Campaign
from isend_tui.campaigns.cap_recheck import recheck_caps
from isend_tui.campaigns.errors import (
    CampaignNotFound,
    CampaignStateError,
    CreditTooLow,
    NoAdminPhone,
    SendNotStarted,
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
from isend_tui.campaigns.model import CampaignKind, CampaignState, DispatchResult
from isend_tui.campaigns.plan import price_per_part
from isend_tui.campaigns.recovery import recover_interrupted
from isend_tui.campaigns.run import RetryPolicy, Sleep, StopRequest, StoreThread, check_prepared
from isend_tui.campaigns.window import (
    SCHEDULE_FORMAT,
    Clock,
    SendingWindow,
    outside_window_error,
    paris_now,
    preload_holidays,
    scheduled_moment,
    to_paris,
)
from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.gateway.client import SMSLONG_AUTO, IsendClient
from isend_tui.gateway.errors import GatewayError, RequestRejected
from isend_tui.gateway.models import NumberResult
from isend_tui.i18n import _
from isend_tui.sms.phone import parse_admin_phone
from isend_tui.sms.rules import text_for
from isend_tui.store import Store

# --------------------------------------------------------------------------- entry points


def confirm(store: Store, campaign_id: int, *, clock: Clock = paris_now) -> None:
    """Record the merchant's confirmation: a prepared draft becomes 'sending'."""
    at = stamp(to_paris(clock()))
    with store.write():
        campaign = db.load_campaign(store, campaign_id)
        check_prepared(campaign)
        if campaign.state == CampaignState.DRAFT:
            db.mark_confirmed(store, campaign_id, at)


def _check_sendable(campaign: Campaign, allow_draft: bool) -> None:
    check_prepared(campaign)
    if campaign.kind == CampaignKind.EXPORT:
        raise CampaignStateError(
            _("La campagne {id} est un export : utilisez export_directory.").format(id=campaign.id)
        )
    if campaign.state == CampaignState.CANCELLED:
        raise CampaignStateError(
            _("La campagne {id} est annulée : rien à envoyer.").format(id=campaign.id)
        )
    if campaign.state == CampaignState.DRAFT and not allow_draft:
        raise CampaignStateError(
            _(
                "La campagne {id} n'a pas été confirmée : envoyez-la (campaign send) "
                "au lieu de la reprendre."
            ).format(id=campaign.id)
        )


async def _date_envoi(campaign: Campaign, settings: Settings, now: datetime) -> str | None:
    """iSendPro's date_envoi for a campaign scheduled ahead, None to send now; raises
    OutsideSendingWindow when the window is closed at that moment."""
    scheduled = scheduled_moment(campaign.scheduled_for)
    window = SendingWindow.from_settings(settings)
    await asyncio.to_thread(preload_holidays, now, *([scheduled] if scheduled else []))
    if scheduled is not None and scheduled > now:
        if not window.is_open(scheduled):
            raise outside_window_error(scheduled, settings)
        return scheduled.strftime(SCHEDULE_FORMAT)
    if not window.is_open(now):
        raise outside_window_error(now, settings)
    return None


async def _check_credit(client: IsendClient, campaign: Campaign) -> None:
    credit = await client.credit()
    if credit.quantity is not None and campaign.parts_total > credit.quantity:
        estimate = (price_per_part(credit) or Decimal(0)) * campaign.parts_total
        raise CreditTooLow(campaign.parts_total, credit.quantity, credit.euros, estimate)


def _started(campaign: Campaign, date_envoi: str | None, at: str) -> CampaignProgress:
    first = campaign.state == CampaignState.DRAFT
    if not first:
        text = _("Reprise de l'envoi.")
    elif date_envoi and campaign.send_times:
        text = _(
            "Test des heures d'envoi : envois programmés pour le {times} transmis à iSendPro."
        ).format(times=", ".join(campaign.send_times))
    elif date_envoi:
        text = _("Envoi programmé pour le {at} transmis à iSendPro.").format(at=date_envoi)
    else:
        text = _("Envoi en cours.")
    return CampaignProgress(
        campaign.id,
        EventKind.STARTED,
        text,
        at=at,
        data={"date_envoi": date_envoi, "resumed": not first},
    )


def _record_start(store: Store, event: CampaignProgress) -> CampaignProgress:
    """The start recorded, with the recipients already handled and their total (`done`,
    `total`: a resumed campaign starts where it stopped) for the progress."""
    with store.write():
        db.mark_sending(store, event.campaign_id, event.at)
        done, total = send_progress(store, event.campaign_id)
        event = replace(event, data={**event.data, "done": done, "total": total})
        record_events(store, [event])
    return event


def _stopped_before_start(
    store: Store, campaign_id: int, error: GatewayError, clock: Clock
) -> None:
    """The credit could not be read (iSendPro unavailable, a timeout) after the merchant
    confirmed: the campaign is kept confirmed and stopped, so that a resume sends it."""
    confirm(store, campaign_id, clock=clock)
    at = stamp(to_paris(clock()))
    with store.write():
        db.record_outcome(
            store, campaign_id, CampaignState.FAILED, error=error.message, finished_at=None, at=at
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
    stop: StopRequest | None = None,
    sleep: Sleep = asyncio.sleep,
    allow_draft: bool = True,
) -> DispatchResult:
    """Send (or go on sending) a prepared campaign. Safe to call again after any crash.

    A draft is checked first (credit, sending window) and then confirmed; any campaign's
    batches left in flight by a crash become uncertain; then every pending recipient is
    sent. Raises OutsideSendingWindow (with `.next_slot`) instead of sending outside the
    window, CreditTooLow when the credit does not cover a draft, CampaignBusy when another
    process is sending it, SendNotStarted when the credit of a draft cannot be read (the
    campaign is then kept, confirmed, for a resume).
    """
    emit = emitter(on_event)
    thread = StoreThread(store)
    try:
        with campaign_lock(store, campaign_id):
            campaign = await thread.run(db.load_campaign, store, campaign_id)
            _check_sendable(campaign, allow_draft)
            now = to_paris(clock())
            for event in await thread.run(recover_interrupted, store, campaign, stamp(now)):
                emit(event)
            date_envoi = await _date_envoi(campaign, settings, now)
            capped = await thread.run(recheck_caps, store, campaign, settings, now)
            if capped is not None:
                emit(capped)
            if campaign.state == CampaignState.DRAFT:
                try:
                    await _check_credit(client, campaign)
                except GatewayError as exc:
                    if isinstance(exc, RequestRejected):
                        raise  # a refusal (keyid, IP): the merchant must act, nothing kept
                    await thread.run(_stopped_before_start, store, campaign_id, exc, clock)
                    raise SendNotStarted(campaign_id, exc.message) from exc
                await thread.run(functools.partial(confirm, store, campaign_id, clock=clock))
            started = _started(campaign, date_envoi, stamp(now))
            started = await thread.run(_record_start, store, started)
            emit(started)
            retry = retry or RetryPolicy()
            engine = Dispatcher(
                store, client, campaign, settings, emit, clock, retry, sleep, date_envoi, stop
            )
            return await engine.run()
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
    stop: StopRequest | None = None,
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
        stop=stop,
    )


# --------------------------------------------------------------------------- a test SMS


@dataclass(frozen=True)
class TestSend:
    number: str
    text: str
    result: NumberResult


def require_admin_phone(settings: Settings) -> None:
    """A test SMS needs the admin phone of the settings."""
    if not settings.admin_phone.strip():
        raise NoAdminPhone()


async def send_test(
    store: Store,
    client: IsendClient,
    campaign_id: int,
    settings: Settings,
    *,
    recipient_id: int | None = None,
    clock: Clock = paris_now,
    on_event: OnEvent | None = None,
) -> TestSend:
    """« Envoyer un test »: the merged message of one recipient (the first one to send, or
    `recipient_id`) to the admin phone of the settings. Recorded in the campaign's log."""
    require_admin_phone(settings)
    admin = parse_admin_phone(settings.admin_phone)
    row = await asyncio.to_thread(db.message_for_test, store, campaign_id, recipient_id)
    if row is None:
        raise CampaignNotFound(campaign_id)
    sender, number, text = row
    if number is None or not text:
        raise CampaignStateError(_("Aucun destinataire de cette campagne pour composer le test."))
    text, ucs2 = text_for(text, admin.gateway, template_gsm7=False)
    results = await client.send_sms(
        admin.gateway, text, sender=sender or None, smslong=SMSLONG_AUTO, ucs2=ucs2
    )
    result = results[0] if results else NumberResult(admin.gateway, "", "")
    if result.accepted:
        line = _("SMS de test envoyé au {admin} (message de {number}).").format(
            admin=admin.gateway, number=number
        )
    else:
        line = _("SMS de test refusé par iSendPro (code {code} : {message}).").format(
            code=result.code or "?", message=result.message
        )
    event = CampaignProgress(
        campaign_id,
        EventKind.TEST,
        line,
        Level.INFO if result.accepted else Level.WARNING,
        stamp(to_paris(clock())),
        {"admin": admin.gateway, "recipient": number, "code": result.code},
    )

    def log() -> None:
        with store.write():
            record_events(store, [event])

    await asyncio.to_thread(log)
    emitter(on_event)(event)
    if not result.accepted:
        raise UserError(line, field="admin_phone")
    return TestSend(admin.gateway, text, result)
