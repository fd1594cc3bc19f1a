"""The Message tab tells the truth before anything is sent: what is left before one more
SMS, which characters count double, and the text a chosen customer will receive."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.pilot import settle, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import Button, Static, TextArea

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.shop.dsn import ShopDsn
from isend_tui.ui.screens.marketing import COUNT_DELAY_S

TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
COUNT_WAIT = COUNT_DELAY_S + 0.1


@pytest.fixture
def shop_ctx(ctx: AppContext, tmp_path: Path, sandbox: SandboxThread) -> Iterator[AppContext]:
    dsn: ShopDsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn, version="8").create() as shop:
        for first, last, mobile in [
            ("Alice", "Martin", "06 12 34 56 01"),
            ("Benoît", "Lefèvre", "06 12 34 56 02"),
            ("[bold]Zoé", "Roy\x1b[2J", "06 12 34 56 03"),
        ]:
            c = shop.customer(firstname=first, lastname=last, newsletter=1)
            shop.address(c, phone_mobile=mobile)
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            sender="MaBoutique",
            shop_kind="sqlite",
            shop_path=dsn.path,
        )
    )
    yield ctx


def _shown(app: ISendApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_the_counter_says_what_is_left_and_what_counts_double(
    shop_ctx: AppContext,
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=lambda: TUESDAY_10AM)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f8")
        # 10 characters, two of them double (€ and ]), a variable whose braces are not sent,
        # and MaBoutique's STOP mention (12): 10 + 2 + 15 + 12 = 39 units of 160.
        app.screen.query_one("#message-text", TextArea).insert("Promo 20€]{client_name}")
        await pilot.pause()
        counter = _shown(app, "#message-counter")
        assert "encore 121 caractères avant un SMS de plus" in counter
        assert "comptent double : € ]" in counter
        assert "{" not in counter.split("comptent double")[1]


async def test_the_preview_shows_the_text_merged_for_the_customer_chosen(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=lambda: TUESDAY_10AM)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("f8")
        app.screen.query_one("#message-text", TextArea).insert("Salut {client_surname} !")
        app.screen.query_one("#merge-preview", Button).press()
        await until(pilot, lambda: type(app.screen).__name__ == "RecipientPicker", "picker")
        await pilot.press("down", "enter")  # Benoît, the second by number
        await settle(pilot)
        preview = _shown(app, "#merged-preview")
        assert "Aperçu pour Benoît Lefèvre (33612345602), 1 SMS :" in preview
        assert "Salut Benoit !" in preview  # the accent made GSM-7, as the send will
        app.screen.query_one("#merge-preview", Button).press()
        await until(pilot, lambda: type(app.screen).__name__ == "RecipientPicker", "picker")
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        preview = _shown(app, "#merged-preview")
        assert "Salut [bold]Zoé !" in preview and "\x1b" not in preview  # inert, unparsed
    assert sandbox.account.sent() == []  # a preview sends nothing


async def test_the_preview_of_an_ab_test_shows_each_text_for_the_customer(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=lambda: TUESDAY_10AM)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("f8")
        app.screen.query_one("#message-text", TextArea).insert("Salut {client_surname} !")
        app.screen.query_one("#add-variant", Button).press()
        await settle(pilot)
        variant = app.screen.query(TextArea).last()
        variant.insert("Bonjour {client_name}, -10 %")
        app.screen.query_one("#merge-preview", Button).press()
        await until(pilot, lambda: type(app.screen).__name__ == "RecipientPicker", "picker")
        await pilot.press("down", "enter")  # Benoît
        await settle(pilot)
        preview = _shown(app, "#merged-preview")
        assert "chaque texte du test A/B" in preview
        assert "Texte A (1 SMS) :\nSalut Benoit !" in preview
        assert "Texte B (1 SMS) :\nBonjour Lefèvre, -10 %" in preview  # è is GSM-7
    assert sandbox.account.sent() == []
