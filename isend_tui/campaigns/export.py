"""Exporting a segment to an iSendPro directory (contacts, no SMS), resumable.

The directory is created once and remembered; contacts are then added in batches by the
sending engine. Adding a contact twice is harmless, so an export's batch left in flight by
a crash is simply retried (recovery.py), never uncertain.
"""

from __future__ import annotations

import asyncio

from isend_tui.campaigns import campaign_store as db
from isend_tui.campaigns.batches import Dispatcher
from isend_tui.campaigns.errors import CampaignStateError
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    OnEvent,
    emitter,
    record_events,
    stamp,
)
from isend_tui.campaigns.locks import campaign_lock
from isend_tui.campaigns.model import CampaignKind, ExportResult
from isend_tui.campaigns.recovery import recover_interrupted
from isend_tui.campaigns.run import RetryPolicy, Sleep, StopRequest, StoreThread, check_prepared
from isend_tui.campaigns.window import Clock, paris_now, to_paris
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.i18n import _
from isend_tui.store import Store


def _record_directory(store: Store, event: CampaignProgress, directory_id: int) -> None:
    with store.write():
        db.set_directory(store, event.campaign_id, directory_id, event.at)
        record_events(store, [event])


async def export_directory(
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
) -> ExportResult:
    """Create the iSendPro directory (once) and add the contacts in chunks, champ1 = the
    contact's name. Resumable: contacts already added are not sent again."""
    emit = emitter(on_event)
    thread = StoreThread(store)
    try:
        with campaign_lock(store, campaign_id):
            campaign = await thread.run(db.load_campaign, store, campaign_id)
            check_prepared(campaign)
            if campaign.kind != CampaignKind.EXPORT:
                raise CampaignStateError(
                    _("La campagne {id} n'est pas un export.").format(id=campaign_id)
                )
            await thread.run(recover_interrupted, store, campaign, stamp(to_paris(clock())))
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
                await thread.run(_record_directory, store, event, directory_id)
                emit(event)
            engine = Dispatcher(
                store,
                client,
                campaign,
                settings,
                emit,
                clock,
                retry or RetryPolicy(),
                sleep,
                None,
                stop,
            )
            result = await engine.run()
            failures = await thread.run(db.refused_numbers, store, campaign_id)
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
