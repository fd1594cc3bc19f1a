"""The one decision before a campaign goes out, for the marketing screen and `campaign send`.

prepare -> credit -> plan -> `decide(plan)`:

- Refuse(reason): nobody to send to, then a credit that does not cover the send (for a
  test SMS: no admin phone, then nobody to take the text from);
- Schedule(slot): the sending window is closed; the merchant may schedule the send at the
  window's next opening;
- Send: the merchant confirms, then it goes (a send now or scheduled, an export, a test).

The screen and the command only ask their question (a modal, a prompt) and render the
plan. `Draft` drops the prepared campaign on every way out that does not send it (a
refusal, a "no", a test, an error), so the history keeps no campaign nobody confirmed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import TracebackType

from isend_tui.campaigns.errors import CreditTooLow, NoAdminPhone, NothingToSend, NothingToTest
from isend_tui.campaigns.model import CampaignKind
from isend_tui.campaigns.plan import CampaignPlan
from isend_tui.campaigns.prepare import discard_draft, schedule_draft
from isend_tui.campaigns.window import Clock, paris_now
from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.store import Store


class Refusal(StrEnum):
    NOTHING_TO_SEND = "nothing_to_send"
    CREDIT_TOO_LOW = "credit_too_low"
    NO_ADMIN_PHONE = "no_admin_phone"


@dataclass(frozen=True)
class Send:
    """Confirm, then send: now, at the plan's scheduled moment, or a test SMS."""

    plan: CampaignPlan
    test: bool = False

    @property
    def scheduled(self) -> bool:
        return self.plan.scheduled_for is not None


@dataclass(frozen=True)
class Schedule:
    """The window is closed: offer to send at `slot`, its next opening."""

    plan: CampaignPlan
    slot: datetime


@dataclass(frozen=True)
class Refuse:
    """Nothing goes out; `error` says why and what to do."""

    plan: CampaignPlan
    reason: Refusal
    error: UserError
    test: bool = False


SendDecision = Send | Schedule | Refuse


def decide(plan: CampaignPlan, *, test: bool = False, admin_phone: str = "") -> SendDecision:
    """What becomes of a prepared campaign, from its plan (credit read, window checked)."""
    if test:
        if not admin_phone.strip():
            return Refuse(plan, Refusal.NO_ADMIN_PHONE, NoAdminPhone(), test=True)
        if not plan.recipients:
            return Refuse(plan, Refusal.NOTHING_TO_SEND, NothingToTest(), test=True)
        return Send(plan, test=True)  # whatever the credit and the window: one SMS, to us
    if plan.kind == CampaignKind.EXPORT:
        return Send(plan)  # contacts only: no credit spent, no window
    if not plan.recipients:
        return Refuse(plan, Refusal.NOTHING_TO_SEND, NothingToSend())
    if not plan.credit_ok:
        assert plan.credit_quantity is not None and plan.credit_euros is not None
        return Refuse(
            plan,
            Refusal.CREDIT_TOO_LOW,
            CreditTooLow(
                plan.parts_total,
                plan.credit_quantity,
                plan.credit_euros,
                plan.cost_estimate or plan.credit_euros,
            ),
        )
    if plan.next_slot is not None:
        return Schedule(plan, plan.next_slot)
    return Send(plan)


class Draft:
    """A prepared campaign until the merchant's yes: dropped when the block it guards is left
    any other way (`with Draft(...)` or `async with`)."""

    def __init__(self, store: Store, campaign_id: int) -> None:
        self.store = store
        self.campaign_id = campaign_id
        self._settled = False

    def accept(
        self, decision: Send | Schedule, *, settings: Settings, clock: Clock = paris_now
    ) -> int:
        """The merchant said yes: the draft is kept (a Schedule moves it to its slot) and
        its id is the one to send. Blocking."""
        assert not (isinstance(decision, Send) and decision.test), "a test is never kept"
        if isinstance(decision, Schedule):
            schedule_draft(
                self.store, self.campaign_id, decision.slot, settings=settings, clock=clock
            )
        self._settled = True
        return self.campaign_id

    def discard(self) -> None:
        """Drop the draft now (nothing was sent); later calls do nothing. Blocking."""
        if not self._settled:
            self._settled = True
            discard_draft(self.store, self.campaign_id)

    def __enter__(self) -> Draft:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()

    async def __aenter__(self) -> Draft:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not self._settled:
            await asyncio.to_thread(self.discard)
