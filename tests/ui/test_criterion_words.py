"""A criterion's errors in the merchant's words: none before anything is typed, the
criterion named as the screen names it ("Âge", never "age"), no JSON in a screen of
ticks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.pilot import settle, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import Input, Select, Static

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.ui.screens.marketing import COUNT_DELAY_S
from isend_tui.ui.widgets.criterion_row import CriterionRow

TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
COUNT_WAIT = COUNT_DELAY_S + 0.1


@pytest.fixture
def shop_ctx(ctx: AppContext, tmp_path: Path) -> Iterator[AppContext]:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn, version="8").create() as shop:
        c = shop.customer(firstname="Alice", lastname="Martin", newsletter=1)
        shop.address(c, phone_mobile="06 12 34 56 01")
    ctx.save_settings(dataclasses.replace(ctx.settings, shop_kind="sqlite", shop_path=dsn.path))
    yield ctx


def _texts(app: ISendApp, row: CriterionRow) -> tuple[str, str, str]:
    """(the row's error line, the count line, the summary line at the top)."""
    return (
        str(row.query_one(".criterion-problem", Static).content),
        str(app.screen.query_one("#count-result", Static).content),
        str(app.screen.query_one("#marketing-summary", Static).content),
    )


async def _row(app: ISendApp, pilot, kind: str) -> CriterionRow:  # type: ignore[no-untyped-def]
    await settle(pilot, after=COUNT_WAIT)
    await pilot.press("ctrl+n")
    await pilot.pause()
    row = app.screen.query_one(CriterionRow)
    row.query_one(".criterion-kind", Select).value = kind
    await settle(pilot, after=COUNT_WAIT)
    return row


async def test_a_criterion_just_chosen_shows_no_error_then_its_error_once_typed(
    shop_ctx: AppContext,
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=lambda: TUESDAY_10AM, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        row = await _row(app, pilot, "age")
        problem, counted, summary = _texts(app, row)
        assert not row.has_class("-invalid") and problem == ""
        assert "✗" not in counted + summary
        assert counted == "Critère 1 (Âge) : indiquez l'âge."

        row.query_one(".crit-value", Input).focus()
        await pilot.press("a", "b", "c")
        await settle(pilot, after=COUNT_WAIT)
        problem, counted, _summary = _texts(app, row)
        assert row.has_class("-invalid")
        expected = "Critère 1 (Âge) : l'âge doit être un nombre entier, pas « abc »."
        assert problem == f"✗ {expected}" and counted == f"✗ {expected}"

        row.query_one(".crit-value", Input).value = "200"  # refused by the core, named here
        await settle(pilot, after=COUNT_WAIT)
        problem, counted, _summary = _texts(app, row)
        assert problem.startswith("✗ Critère 1 (Âge) : ") and "200" in problem
        assert "(age)" not in problem + counted


async def test_an_empty_list_asks_for_a_tick_not_json(shop_ctx: AppContext) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=lambda: TUESDAY_10AM, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        row = await _row(app, pilot, "country")
        assert "✗" not in _texts(app, row)[1]
        await pilot.press("ctrl+l")  # the merchant asks for the count: now it is an error
        await until(pilot, lambda: row.has_class("-invalid"), "the row's error")
        await settle(pilot, after=COUNT_WAIT)  # a live count after it does not hide it
        problem, counted, _summary = _texts(app, row)
        assert problem == "✗ Critère 1 (Pays) : cochez au moins un pays."
        assert "[" not in problem + counted and "(country)" not in problem


def test_counts_are_grouped_as_the_language_writes_them() -> None:
    from isend_tui import i18n
    from isend_tui.segments.counting import RecipientCount
    from isend_tui.ui.screens.marketing.selection import format_short

    result = RecipientCount(12345, 1, 12344, 0, 0, 0, 0)
    assert format_short(result) == "1 destinataire (12\u00a0344 clients exclus)"
    i18n.set_language("en")
    try:
        assert format_short(result) == "1 recipient (12,344 customers excluded)"
    finally:
        i18n.set_language("fr")
