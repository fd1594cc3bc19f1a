"""Quitting during a send asks first; quitting then lets the batches in flight finish and
record their outcome: no batch is left uncertain by a normal quit, and what is left is
offered for resuming. Also: a confirmation keeps its question and buttons in view at 80x24
and no toast covers it."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

from support.pilot import settle, until
from support.sandbox import sms_log
from textual.widgets import Button, Static

from isend_tui.app import ISendApp
from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.service import (
    campaign_detail,
    create_and_prepare,
    interrupted_campaigns,
)
from isend_tui.context import AppContext
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.ui.dialogs.confirm import ConfirmModal

PARIS = ZoneInfo("Europe/Paris")
TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)
PEOPLE = [Contact(f"336123456{i:02d}", "Alice", "Martin", "a@x.fr") for i in range(40)]


def clock() -> datetime:
    return TUESDAY_10AM


async def test_quitting_during_a_send_asks_then_lets_the_batch_in_flight_finish(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings, keyid=sandbox.account.keyid, batch_size=5, max_in_flight=1
        )
    )
    sandbox.faults.configure(latency_ms=150)  # a batch takes a moment: the quit lands mid-send
    request = CampaignRequest(message="Bonjour {client_surname}", label="Soldes")
    campaign_id = create_and_prepare(ctx.store, PEOPLE, request, settings=ctx.settings, clock=clock)
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock, watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.campaigns.send(campaign_id)
        await until(pilot, lambda: len(sms_log(sandbox)) >= 5, "a first batch sent")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the question")
        await pilot.press("n")  # "no": the send goes on, the app stays
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "the answer")
        assert app.is_running and app.campaigns.is_running(campaign_id)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the question again")
        await pilot.press("o")
        await until(pilot, lambda: not app.is_running, "the app quits", timeout=30)
    detail = campaign_detail(ctx.store, campaign_id)
    sent = len(sms_log(sandbox))
    assert 5 <= sent < len(PEOPLE)  # it stopped before the end, after whole batches
    assert detail.by_state.get("sent") == sent
    assert not detail.by_state.get("uncertain") and not detail.by_state.get("in_flight")
    assert detail.by_state.get("pending") == len(PEOPLE) - sent
    assert [c.id for c in interrupted_campaigns(ctx.store)] == [campaign_id]


async def test_a_long_confirmation_keeps_its_question_and_buttons_in_view_at_80x24(
    ctx: AppContext,
) -> None:
    app = ISendApp(ctx, start_mode="settings", watch=False)
    body = "\n".join(f"Ligne {i} du plan d'envoi." for i in range(40))
    answers: list[bool] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(
            ConfirmModal("Hors plage", body, question="Programmer au 03/12 08:00 ?"),
            answers.append,
        )
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the dialog")
        app.notify("Un message pendant la question")
        await settle(pilot)
        screen = app.screen
        height = screen.size.height
        for widget in (
            screen.query_one("#confirm-question", Static),
            screen.query_one("#yes", Button),
            screen.query_one("#no", Button),
        ):
            region = widget.region
            assert region.height > 0 and region.bottom <= height, widget
        assert not app._notifications  # the toast waits for the answer
        await pilot.press("n")
        await settle(pilot)
    assert answers == [False]
