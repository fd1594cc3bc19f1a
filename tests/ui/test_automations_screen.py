"""Automatisations: the flows listed with their state; turned on from the keyboard once
their checks pass (a text with {voucher} needs a code, typed in the editor)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.pilot import focus, settle, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import DataTable, Input

from isend_tui.app import ISendApp
from isend_tui.automations.flow_settings import load_flows
from isend_tui.automations.flows import Flow
from isend_tui.context import AppContext
from isend_tui.ui.screens.automations import FlowEditor


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[ShopBuilder]:
    with ShopBuilder(sqlite_shop_dsn(tmp_path)).create() as builder:
        yield builder


def rows(app: ISendApp) -> list[list[str]]:
    table = app.screen.query_one("#flows", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_a_flow_is_turned_on_once_its_code_is_typed(
    ctx: AppContext, shop: ShopBuilder
) -> None:
    ctx.save_settings(
        dataclasses.replace(ctx.settings, shop_kind="sqlite", shop_path=str(shop.dsn.path))
    )
    app = ISendApp(ctx, start_mode="automations", watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert len(rows(app)) == len(Flow)
        assert all(r[1].startswith("désactivée") for r in rows(app))
        table = app.screen.query_one("#flows", DataTable)
        await focus(pilot, table)
        table.move_cursor(row=[f for f in Flow].index(Flow.WINBACK))
        await pilot.press("space")  # its text uses {voucher}: refused without a code
        await settle(pilot)
        assert not load_flows(ctx.store)[Flow.WINBACK].enabled
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FlowEditor), "the editor")
        voucher = app.screen.query_one("#flow-voucher", Input)
        voucher.value = "REVIENS15"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FlowEditor), "saved")
        await settle(pilot)
        assert load_flows(ctx.store)[Flow.WINBACK].voucher == "REVIENS15"
        await focus(pilot, app.screen.query_one("#flows", DataTable))
        await pilot.press("space")
        await until(pilot, lambda: load_flows(ctx.store)[Flow.WINBACK].enabled, "turned on")
        await settle(pilot)
        winback = rows(app)[[f for f in Flow].index(Flow.WINBACK)]
        assert winback[1] == "activée"


async def test_the_editor_sets_the_birthday_hour_and_the_basis_at_80x24(
    ctx: AppContext, shop: ShopBuilder
) -> None:
    from textual.widgets import Select, Static

    ctx.save_settings(
        dataclasses.replace(ctx.settings, shop_kind="sqlite", shop_path=str(shop.dsn.path))
    )
    app = ISendApp(ctx, start_mode="automations", watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#flows", DataTable)
        await focus(pilot, table)
        table.move_cursor(row=[f for f in Flow].index(Flow.BIRTHDAY))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FlowEditor), "the editor")
        editor = app.screen
        assert not editor.query("#flow-delays")  # a birthday has an hour, not a delay
        hints = " ".join(str(w.content) for w in editor.query(".hint"))
        assert "{voucher} (Code promo)" in hints
        editor.query_one("#flow-hour", Input).value = "25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(editor.query_one("#flow-error", Static).content)
        assert "Heure d'envoi" in error and "0 à 23" in error
        assert load_flows(ctx.store)[Flow.BIRTHDAY].hour == 10  # nothing saved
        editor.query_one("#flow-hour", Input).value = "18"
        editor.query_one("#flow-voucher", Input).value = "ANNIV"
        editor.query_one("#flow-basis", Select).value = "customer"
        save = editor.query_one("#save")
        await focus(pilot, save)  # reachable at 80x24: the editor scrolls
        assert save.region.bottom <= 24
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, FlowEditor), "saved")
    saved = load_flows(ctx.store)[Flow.BIRTHDAY]
    assert (saved.hour, saved.voucher, saved.basis.value) == (18, "ANNIV", "customer")
