"""The campaign API for the UI and the CLI, in one place (re-exports only, no logic).

A send, step by step (blocking calls belong in a thread worker, async ones on the loop):

    campaign_id = prepare_from_shop(store, dsn, segment, request, settings=s)   # blocking
    with flow.Draft(store, campaign_id) as draft:      # dropped unless accepted
        credit = await client.credit()
        plan = plan_campaign(store, campaign_id, settings=s, credit=credit)     # blocking
        decision = flow.decide(plan)     # Send | Schedule(slot) | Refuse(reason, error)
        # show plan.lines, ask what the decision needs, then on a yes:
        draft.accept(decision, settings=s)                                       # blocking
    result = await dispatch(store, client, campaign_id, s, on_event)

`send_test(store, client, campaign_id, s)` sends one recipient's text to the admin phone.
After a crash: `interrupted_campaigns(store)` then `resume(...)`; uncertain batches:
`resolve_batch(store, client, batch_id, "mark_sent" | "resend" | "check")`. Exports:
`prepare_from_shop(..., CampaignRequest(kind=EXPORT, directory_name=...))` then
`export_directory(...)`.

`on_event` receives CampaignProgress lines. `prepare`/`plan` call it from the thread they
run in (a Textual screen uses call_from_thread); `dispatch` calls it on the event loop.
"""

from __future__ import annotations

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
    SendNotStarted,
)
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    Level,
    campaign_events,
)
from isend_tui.campaigns.export import export_directory
from isend_tui.campaigns.merge import VARIABLES, MessageCheck, check_message
from isend_tui.campaigns.model import (
    CampaignKind,
    CampaignRequest,
    CampaignState,
    Contact,
    Decision,
    DispatchResult,
    ExportResult,
    InterruptedCampaign,
)
from isend_tui.campaigns.plan import CampaignPlan, plan_campaign
from isend_tui.campaigns.prepare import (
    close_interrupted_preparations,
    create_and_prepare,
    discard_draft,
    prepare_from_shop,
    schedule_draft,
)
from isend_tui.campaigns.queries import (
    campaign_detail,
    campaign_recipients,
    campaign_results_csv,
    count_campaign_recipients,
    interrupted_campaigns,
    list_campaigns,
    summary_lines,
    uncertain_batches,
)
from isend_tui.campaigns.recovery import Resolution, resolve_batch, resolve_campaign
from isend_tui.campaigns.run import RetryPolicy, StopRequest
from isend_tui.campaigns.sending import TestSend, confirm, dispatch, resume, send_test
from isend_tui.campaigns.validation import check_schedule, parse_schedule, validate_request
from isend_tui.campaigns.window import SendingWindow, is_open, next_slot

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
    "Resolution",
    "RetryPolicy",
    "ScheduleRefused",
    "SendNotStarted",
    "SendingWindow",
    "StopRequest",
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
    "summary_lines",
    "uncertain_batches",
    "validate_request",
]
