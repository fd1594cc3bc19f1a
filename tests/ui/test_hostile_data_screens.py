"""Customer and gateway text is data on every screen: a customer named with terminal
escapes, bidi overrides and Rich markup, a shop group and an order state named the same
way, a gateway reply and a notification holding them. No escape reaches the terminal,
no markup is read: the merchant sees the characters, harmless."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.pilot import settle, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import DataTable

from isend_tui.app import ISendApp
from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.service import create_and_prepare
from isend_tui.context import AppContext
from isend_tui.notifications.models import Notification
from isend_tui.notifications.rules import create_rules
from isend_tui.ui.screens.marketing.selection import SelectionTab

ESCAPES = "\x1b]0;pwned\x07\x1b[2J"
MARKUP = "[bold red]BOLD[/] [link=https://evil.example]x[/link]"
HOSTILE = f"{ESCAPES}Zoé{MARKUP}\u202e"
FORBIDDEN = ("\x1b", "\x07", "\u202e", "\x9b")
SIZE = (160, 50)


@pytest.fixture
def hostile_ctx(ctx: AppContext, tmp_path: Path) -> Iterator[AppContext]:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        customer = shop.customer(firstname=HOSTILE, lastname=HOSTILE, email="z@x.fr")
        shop.address(customer, phone_mobile="06 12 34 56 01")
        shop.w.execute(f"UPDATE {shop.t('group_lang')} SET name = %s", (HOSTILE,))
        shop.w.execute(f"UPDATE {shop.t('order_state_lang')} SET name = %s", (HOSTILE,))
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings, shop_kind="sqlite", shop_path=str(dsn.path), admin_phone="0601020304"
        )
    )
    campaign = CampaignRequest(message="Bonjour {client_surname}", label=HOSTILE)
    create_and_prepare(
        ctx.store, [Contact("33612345601", HOSTILE, HOSTILE, "z@x.fr")], campaign,
        settings=ctx.settings,
    )  # fmt: skip
    create_rules(ctx.store, ctx.settings, ["admin.order_validated"])
    with ctx.store.write():
        Notification.insert(
            created_at="2026-12-01T10:00:00+00:00",
            updated_at="2026-12-01T10:00:00+00:00",
            event="admin.order_validated",
            occurrence="order:1",
            idempotency_key="hostile|1",
            number="33612345601",
            message=HOSTILE,
            sender="MaBoutique",
            state="refused",
            code="12",
            detail=HOSTILE,
        ).execute()
    yield ctx


def rendered(app: ISendApp) -> str:
    return app.export_screenshot()


def assert_inert(picture: str, where: str) -> None:
    for forbidden in FORBIDDEN:
        assert forbidden not in picture, f"{where}: {forbidden!r} reached the terminal"


async def test_hostile_text_is_shown_inert_on_every_screen(hostile_ctx: AppContext) -> None:
    app = ISendApp(hostile_ctx, start_mode="marketing", watch=False)
    seen: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Sélection: a group criterion lists the shop's (hostile) group names.
        await app.screen.query_one(SelectionTab).set_segment(
            {"version": 1, "name": "G", "criteria": [{"criterion": "group", "value": [3]}]}
        )
        await settle(pilot)
        seen["marketing"] = rendered(app)
        # Envoyer un test: the picker lists the customers by name.
        await pilot.press("ctrl+t")
        await settle(pilot)
        seen["test recipient"] = rendered(app)
        await pilot.press("escape")
        await settle(pilot)
        # Notifications: the event list carries the shop's order states.
        await pilot.press("f4")
        await settle(pilot)
        seen["notifications"] = rendered(app)
        # État des campagnes, then the details of the hostile campaign.
        await pilot.press("f5")
        await settle(pilot)
        seen["campaign history"] = rendered(app)
        app.screen.query_one("#campaigns", DataTable).focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query("#recipients"), "the details")
        await settle(pilot)
        seen["campaign details"] = rendered(app)
        await pilot.press("escape")
        await settle(pilot)
        # État des notifications, then one whole.
        await pilot.press("f6")
        await settle(pilot)
        seen["notification history"] = rendered(app)
        app.screen.query_one("#history-table", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        seen["notification detail"] = rendered(app)
    for where, picture in seen.items():
        assert_inert(picture, where)
    # Shown, visibly: the escape as ␛, the markup as its own characters.
    for where in set(seen) - {"notifications"}:  # (its labels are the catalogue's)
        assert "␛" in seen[where], where
    assert "BOLD[/]" in seen["campaign details"].replace("&#160;", " ")
