"""Every button of every screen, and of the dialogs they open, pressed once: none ends a
worker in error and none lets an exception escape (run_test re-raises it)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.pilot import settle, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.message import Message
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, DataTable, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from isend_tui.app import ISendApp
from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.service import create_and_prepare, dispatch
from isend_tui.context import AppContext
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.notifications import create_rules
from isend_tui.ui.dialogs.suppression import SuppressionDialog
from isend_tui.ui.screens.campaign_detail import CampaignDetailScreen
from isend_tui.ui.screens.marketing import COUNT_DELAY_S
from isend_tui.ui.shell.sections import SECTIONS

PARIS = ZoneInfo("Europe/Paris")


def tuesday() -> datetime:
    return datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)


@pytest.fixture
def merchant(ctx: AppContext, sandbox: SandboxThread, tmp_path: Path) -> AppContext:
    """A small shop, the sandbox's account, one notification rule."""
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn, version="8").create() as shop:
        for first, mobile in [("Alice", "06 12 34 56 01"), ("Benoît", "06 12 34 56 02")]:
            customer = shop.customer(firstname=first, lastname="Martin", newsletter=1)
            shop.address(customer, phone_mobile=mobile)
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            sender="MaBoutique",
            admin_phone="06 01 02 03 04",
            shop_kind="sqlite",
            shop_path=str(dsn.path),
        )
    )
    create_rules(ctx.store, ctx.settings, ["client.order_state.shipped"])
    return ctx


async def sent_campaign(ctx: AppContext, sandbox: SandboxThread) -> None:
    people = [Contact("33612345601", "Alice", "Martin", "alice@example.com")]
    request = CampaignRequest(message="Bonjour {client_surname}", label="Soldes")
    campaign_id = create_and_prepare(
        ctx.store, people, request, settings=ctx.settings, clock=tuesday
    )
    async with IsendClient(ctx.settings.keyid, sandbox.url) as client:
        await dispatch(ctx.store, client, campaign_id, ctx.settings, clock=tuesday)


async def press_every_button(pilot: Pilot[None], screen: Screen[object]) -> int:
    """Press each button of `screen` once, new ones included (a criterion's "Retirer");
    a dialog a button opens is closed with Escape. Returns how many were pressed."""
    app = pilot.app
    pressed: set[int] = set()
    while waiting := [
        b for b in screen.query(Button) if id(b) not in pressed and b.is_attached and not b.disabled
    ]:
        button = waiting[0]
        pressed.add(id(button))
        for pane in button.ancestors:
            if isinstance(pane, TabPane) and pane.id:
                screen.query_one(TabbedContent).active = pane.id
        await pilot.pause()
        button.press()
        await settle(pilot, after=COUNT_DELAY_S)
        if screen not in app.screen_stack:
            break  # the button closed this dialog
        while app.screen is not screen:
            await pilot.press("escape")
            await settle(pilot)
    return len(pressed)


@pytest.mark.parametrize("mode", [s.mode for s in SECTIONS])
async def test_every_button_once(merchant: AppContext, sandbox: SandboxThread, mode: str) -> None:
    await sent_campaign(merchant, sandbox)
    failed: list[Worker[object]] = []

    def watch_workers(message: Message) -> None:
        if isinstance(message, Worker.StateChanged) and message.state is WorkerState.ERROR:
            failed.append(message.worker)

    app = ISendApp(merchant, start_mode=mode, clock=tuesday, watch=False)
    async with app.run_test(size=(120, 40), message_hook=watch_workers) as pilot:
        await settle(pilot, after=COUNT_DELAY_S)
        screen = app.screen
        pressed = await press_every_button(pilot, screen)
        if mode == "marketing":
            await pilot.press("ctrl+b")
            await until(pilot, lambda: isinstance(app.screen, SuppressionDialog), "the list")
            await settle(pilot)
            assert await press_every_button(pilot, app.screen) == 3
        if mode == "campaign_history":
            screen.query_one("#campaigns", DataTable).focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, CampaignDetailScreen), "details")
            await settle(pilot)
            assert await press_every_button(pilot, app.screen) >= 1
        if mode in ("settings", "marketing", "notifications"):
            assert pressed >= 2
    assert failed == []
