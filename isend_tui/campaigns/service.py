"""The campaign API for the UI and the CLI, in one place.

A send, step by step (blocking calls belong in a thread worker, async ones on the loop):

    campaign_id = prepare_from_shop(store, conn, segment, request, settings=s)  # blocking
    credit = await client.credit()
    plan = plan_campaign(store, campaign_id, settings=s, credit=credit)          # blocking
    # show plan.lines; plan.can_send False: credit too low (plan.credit_ok), outside the
    # window (plan.next_slot to offer a schedule) or nobody to send to
    await send_test(store, client, campaign_id, s)                # optional, admin phone
    result = await dispatch(store, client, campaign_id, s, on_event)   # or discard_draft()

After a crash: `interrupted_campaigns(store)` then `resume(...)`; uncertain batches:
`resolve_batch(store, client, batch_id, "mark_sent" | "resend" | "check")`. Exports:
`prepare_from_shop(..., CampaignRequest(kind=EXPORT, directory_name=...))` then
`export_directory(...)`.

`on_event` receives CampaignProgress lines. `prepare`/`plan` call it from the thread they
run in (a Textual screen uses call_from_thread); `dispatch` calls it on the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from isend_tui.campaigns.dispatch import (
    RetryPolicy,
    confirm,
    dispatch,
    export_directory,
    resolve_batch,
    resolve_campaign,
    resume,
)
from isend_tui.campaigns.errors import (
    CampaignBusy,
    CampaignError,
    CampaignNotFound,
    CampaignStateError,
    CreditTooLow,
    MessageRefused,
    NothingToSend,
    OutsideSendingWindow,
    ScheduleRefused,
)
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    Level,
    OnEvent,
    campaign_events,
    emitter,
    record_events,
    stamp,
)
from isend_tui.campaigns.merge import VARIABLES, MessageCheck, check_message
from isend_tui.campaigns.model import (
    CampaignKind,
    CampaignPlan,
    CampaignRequest,
    CampaignState,
    Contact,
    Decision,
    DispatchResult,
    ExportResult,
    InterruptedCampaign,
)
from isend_tui.campaigns.prepare import (
    Clock,
    check_schedule,
    close_interrupted_preparations,
    create_and_prepare,
    discard_draft,
    paris_now,
    parse_schedule,
    plan_campaign,
    schedule_draft,
    validate_request,
)
from isend_tui.campaigns.queries import (
    campaign_detail,
    campaign_recipients,
    campaign_results_csv,
    count_campaign_recipients,
    interrupted_campaigns,
    list_campaigns,
    uncertain_batches,
)
from isend_tui.campaigns.suppression import suppressed_numbers
from isend_tui.campaigns.window import SendingWindow, is_open, next_slot, to_paris
from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.gateway.models import NumberResult
from isend_tui.i18n import _
from isend_tui.sms.encoding import is_gsm7
from isend_tui.sms.phone import parse_admin_phone
from isend_tui.sms.transliterate import to_gsm7
from isend_tui.store import Store

if TYPE_CHECKING:
    from isend_tui.gateway.client import IsendClient
    from isend_tui.segments.counting import RecipientCount
    from isend_tui.shop.connection import ShopConnection

__all__ = [
    "VARIABLES",
    "CampaignBusy",
    "CampaignError",
    "CampaignKind",
    "CampaignNotFound",
    "CampaignPlan",
    "CampaignProgress",
    "CampaignRequest",
    "CampaignState",
    "CampaignStateError",
    "Contact",
    "CreditTooLow",
    "Decision",
    "DispatchResult",
    "EventKind",
    "ExportResult",
    "InterruptedCampaign",
    "Level",
    "MessageCheck",
    "MessageRefused",
    "NothingToSend",
    "OutsideSendingWindow",
    "RetryPolicy",
    "ScheduleRefused",
    "SendingWindow",
    "TestSend",
    "campaign_detail",
    "campaign_events",
    "campaign_recipients",
    "campaign_results_csv",
    "check_message",
    "check_schedule",
    "close_interrupted_preparations",
    "confirm",
    "count_campaign_recipients",
    "create_and_prepare",
    "discard_draft",
    "dispatch",
    "export_directory",
    "interrupted_campaigns",
    "is_open",
    "list_campaigns",
    "next_slot",
    "parse_schedule",
    "plan_campaign",
    "prepare_from_shop",
    "resolve_batch",
    "resolve_campaign",
    "resume",
    "schedule_draft",
    "send_test",
    "uncertain_batches",
    "validate_request",
]


def _excluded_breakdown(counted: RecipientCount) -> dict[str, int]:
    """Customers of the segment who get no SMS, by reason code (suppressed numbers are
    materialised as recipients in state 'suppressed' and counted there)."""
    return {
        reason: count
        for reason, count in (
            ("no_number", counted.no_number),
            ("invalid_number", counted.invalid_number),
            ("landline", counted.landline),
            ("duplicate_number", counted.duplicate_number),
        )
        if count
    }


def prepare_from_shop(
    store: Store,
    conn: ShopConnection,
    segment: Any,
    request: CampaignRequest,
    *,
    settings: Settings,
    clock: Clock = paris_now,
    on_event: OnEvent | None = None,
) -> int:
    """Validate, then materialise the segment's recipients (suppressed ones included, in
    state 'suppressed'). Blocking. `segment` is an isend_tui.segments.model.Segment."""
    from isend_tui.segments.counting import count_recipients, iter_recipients
    from isend_tui.segments.segment_file import segment_to_dict
    from isend_tui.shop.info import today as shop_today

    validate_request(request, settings, clock=clock)
    suppressed = suppressed_numbers(store)
    today = shop_today(conn)
    counted = count_recipients(conn, segment, today=today, suppressed=suppressed)
    total = counted.recipients + counted.suppressed
    if not request.segment:
        from dataclasses import replace

        request = replace(request, segment=segment_to_dict(segment))
    recipients = iter_recipients(
        conn, segment, today=today, suppressed=suppressed, include_suppressed=True
    )
    return create_and_prepare(
        store,
        recipients,
        request,
        settings=settings,
        clock=clock,
        expected_total=total,
        excluded=_excluded_breakdown(counted),
        on_event=on_event,
    )


@dataclass(frozen=True)
class TestSend:
    number: str
    text: str
    result: NumberResult


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
    import asyncio

    from isend_tui.gateway.client import SMSLONG_AUTO

    if not settings.admin_phone.strip():
        raise UserError(
            _(
                "Aucun numéro d'administrateur pour recevoir le test : renseignez-le dans "
                "Paramétrage (numéro de l'administrateur)."
            ),
            field="admin_phone",
        )
    admin = parse_admin_phone(settings.admin_phone)

    def pick() -> tuple[Any, ...] | None:
        sql = "SELECT c.sender, r.number, r.text FROM campaign c LEFT JOIN campaign_recipient r "
        if recipient_id is not None:
            sql += "ON r.campaign_id = c.id AND r.id = ? WHERE c.id = ?"
            params: tuple[int, ...] = (recipient_id, campaign_id)
        else:
            sql += (
                "ON r.id = (SELECT id FROM campaign_recipient WHERE campaign_id = c.id AND "
                "state IN ('pending', 'sent', 'in_flight', 'uncertain') ORDER BY id LIMIT 1) "
                "WHERE c.id = ?"
            )
            params = (campaign_id,)
        row = store.db.execute_sql(sql, params).fetchone()
        return tuple(row) if row is not None else None

    row = await asyncio.to_thread(pick)
    if row is None:
        raise CampaignNotFound(campaign_id)
    sender, number, text = row
    if number is None or not text:
        raise CampaignStateError(_("Aucun destinataire de cette campagne pour composer le test."))
    ucs2 = not is_gsm7(text)
    if ucs2 and admin.gateway.startswith("33"):
        text = to_gsm7(text)
        ucs2 = False
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
