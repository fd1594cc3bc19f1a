"""The one send decision (campaigns/flow.py), the same for the screen and the command."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from isend_tui.campaigns import flow
from isend_tui.campaigns.errors import CreditTooLow, NoAdminPhone, NothingToSend, NothingToTest
from isend_tui.campaigns.model import CampaignKind, CampaignRequest, Contact
from isend_tui.campaigns.plan import CampaignPlan
from isend_tui.campaigns.prepare import create_and_prepare
from isend_tui.campaigns.queries import list_campaigns
from isend_tui.campaigns.window import PARIS, SendingWindow
from isend_tui.config import Settings
from isend_tui.store import Store, open_store

TUESDAY = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)
MONDAY_8H = datetime(2025, 6, 16, 8, 0, tzinfo=PARIS)

PLAN = CampaignPlan(
    campaign_id=1,
    kind=CampaignKind.SEND,
    label="Soldes",
    directory_name="",
    recipients=3,
    suppressed=0,
    refused_too_long=0,
    excluded={},
    foreign=0,
    ucs2=0,
    names_made_gsm7=False,
    parts_max=1,
    parts_total=3,
    stop_mention=True,
    credit_euros=Decimal("1.00"),
    credit_quantity=20,
    price_per_part=Decimal("0.05"),
    cost_estimate=Decimal("0.15"),
    scheduled_for=None,
    window=SendingWindow.from_settings(Settings()),
    next_slot=None,
)


def plan(**changes: object) -> CampaignPlan:
    return dataclasses.replace(PLAN, **changes)  # type: ignore[arg-type]


def test_a_plan_that_can_go_is_sent_after_a_yes() -> None:
    assert flow.decide(PLAN) == flow.Send(PLAN)
    scheduled = plan(scheduled_for=MONDAY_8H)
    decision = flow.decide(scheduled)
    assert isinstance(decision, flow.Send) and decision.scheduled


def test_nothing_to_send_is_said_first_then_the_credit() -> None:
    empty_and_broke = plan(recipients=0, credit_quantity=0, parts_total=0, next_slot=MONDAY_8H)
    decision = flow.decide(empty_and_broke)
    assert isinstance(decision, flow.Refuse)
    assert decision.reason == flow.Refusal.NOTHING_TO_SEND
    assert isinstance(decision.error, NothingToSend)

    broke = flow.decide(plan(credit_quantity=2, next_slot=MONDAY_8H))
    assert isinstance(broke, flow.Refuse) and broke.reason == flow.Refusal.CREDIT_TOO_LOW
    assert isinstance(broke.error, CreditTooLow) and "n'en couvre que 2" in broke.error.message


def test_outside_the_window_offers_the_next_slot() -> None:
    decision = flow.decide(plan(next_slot=MONDAY_8H))
    assert decision == flow.Schedule(plan(next_slot=MONDAY_8H), MONDAY_8H)


def test_an_export_is_only_confirmed() -> None:
    export = plan(kind=CampaignKind.EXPORT, recipients=0, credit_quantity=0)
    assert flow.decide(export) == flow.Send(export)


def test_a_test_needs_the_admin_phone_and_a_recipient_but_no_credit_nor_window() -> None:
    no_phone = flow.decide(PLAN, test=True, admin_phone=" ")
    assert isinstance(no_phone, flow.Refuse) and isinstance(no_phone.error, NoAdminPhone)
    assert no_phone.reason == flow.Refusal.NO_ADMIN_PHONE and no_phone.test
    nobody = flow.decide(plan(recipients=0), test=True, admin_phone="0601020304")
    assert isinstance(nobody, flow.Refuse) and isinstance(nobody.error, NothingToTest)
    closed_and_broke = plan(credit_quantity=0, next_slot=MONDAY_8H)
    decision = flow.decide(closed_and_broke, test=True, admin_phone="0601020304")
    assert decision == flow.Send(closed_and_broke, test=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


def _draft(store: Store) -> int:
    request = CampaignRequest(message="Promo", label="Brouillon")
    return create_and_prepare(
        store, [Contact("33612345601")], request, settings=Settings(), clock=lambda: TUESDAY
    )


def test_a_draft_is_dropped_on_every_way_out_but_a_yes(store: Store) -> None:
    with flow.Draft(store, _draft(store)):
        pass
    assert list_campaigns(store) == []

    with pytest.raises(RuntimeError), flow.Draft(store, _draft(store)):
        raise RuntimeError("the gateway is down")
    assert list_campaigns(store) == []

    with flow.Draft(store, _draft(store)) as draft:
        kept = draft.accept(flow.Send(plan(campaign_id=draft.campaign_id)), settings=Settings())
    assert [c.id for c in list_campaigns(store)] == [kept]


def test_a_schedule_moves_the_draft_to_its_slot(store: Store) -> None:
    with flow.Draft(store, _draft(store)) as draft:
        decision = flow.Schedule(plan(campaign_id=draft.campaign_id), MONDAY_8H)
        draft.accept(decision, settings=Settings(), clock=lambda: TUESDAY)
    (kept,) = list_campaigns(store)
    assert kept.state == "draft" and kept.scheduled_for == "2025-06-16 08:00"


async def test_a_draft_left_from_async_code_is_dropped_too(store: Store) -> None:
    async with flow.Draft(store, _draft(store)):
        pass
    assert list_campaigns(store) == []


def test_the_confirmation_shows_the_sender_and_the_text_that_will_go(store: Store) -> None:
    from isend_tui.campaigns.plan import plan_campaign

    request = CampaignRequest(message="Bonjour {client_surname} : -20 €", sender="MaBoutique")
    campaign_id = create_and_prepare(
        store, [Contact("33612345601")], request, settings=Settings(), clock=lambda: TUESDAY
    )
    shown = plan_campaign(
        store, campaign_id, settings=Settings(), credit=None, clock=lambda: TUESDAY
    ).lines
    assert "Émetteur : MaBoutique" in shown
    assert "Message : « Bonjour {client_surname} : -20 € »" in shown

    default = dataclasses.replace(PLAN, sender="", message="Promo")
    assert any("celui d'iSendPro par défaut" in line for line in default.lines)
