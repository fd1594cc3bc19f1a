"""English on request: labels and key bindings follow the language chosen at start."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from isend_tui import i18n
from isend_tui.app import ISendApp
from isend_tui.context import AppContext


async def test_the_app_speaks_english_when_asked(ctx: AppContext) -> None:
    i18n.set_language("en")
    try:
        app = ISendApp(ctx)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = [b.binding.description for b in app.screen.active_bindings.values()]
            # Modules may have been imported in French by earlier tests: English here.
            assert "Save" in shown and "Quit" in shown and "Help" in shown
            assert app.screen.sub_title == "Settings"
            assert app.screen.query_one(Footer)
    finally:
        i18n.set_language("fr")


async def _palette_and_select_words(ctx: AppContext) -> tuple[str, list[str], list[str]]:
    """The palette's placeholder and entries, then the footer of an open select."""
    from support.pilot import settle, until
    from textual.command import CommandInput, CommandList
    from textual.widgets import Select

    app = ISendApp(ctx, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: bool(app.screen.query(CommandInput)), "the palette")
        await settle(pilot)
        placeholder = str(app.screen.query_one(CommandInput).placeholder)
        palette = app.screen.query_one(CommandList)
        entries = [str(palette.get_option_at_index(i).prompt) for i in range(palette.option_count)]
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one("#select-language", Select).focus()
        await pilot.press("enter")  # the list opens
        await settle(pilot)
        footer = [
            b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
        ]
    return placeholder, entries, footer


async def test_textuals_own_words_are_french_in_the_french_ui(ctx: AppContext) -> None:
    placeholder, entries, footer = await _palette_and_select_words(ctx)
    assert placeholder == "Rechercher une commande…"
    text = "\n".join(entries)
    assert "Capture d'écran" in text and "Thème" in text and "Quitter l'application" in text
    assert "Screenshot" not in text and "Theme" not in text and "Keys" not in text
    assert "Fermer la liste" in footer and "Dismiss menu" not in footer


async def test_textuals_own_words_stay_english_in_the_english_ui(ctx: AppContext) -> None:
    i18n.set_language("en")
    try:
        placeholder, entries, footer = await _palette_and_select_words(ctx)
    finally:
        i18n.set_language("fr")
    assert placeholder == "Search for commands…"
    assert "Screenshot" in "\n".join(entries)
    assert "Dismiss menu" in footer


async def test_countries_are_named_in_english_in_the_english_ui(
    ctx: AppContext, tmp_path: Path
) -> None:
    import dataclasses

    from support.pilot import settle
    from support.shop_builder import ShopBuilder, sqlite_shop_dsn
    from textual.widgets import Select, SelectionList

    from isend_tui.ui.screens.marketing import COUNT_DELAY_S
    from isend_tui.ui.widgets.criterion_row import CriterionRow

    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn, version="8").create() as shop:
        c = shop.customer(firstname="Hans", lastname="Müller")
        shop.address(c, country="DE", phone_mobile="0151 2345 6789")
    ctx.save_settings(dataclasses.replace(ctx.settings, shop_kind="sqlite", shop_path=dsn.path))
    i18n.set_language("en")
    try:
        app = ISendApp(ctx, start_mode="marketing", watch=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, after=COUNT_DELAY_S + 0.1)
            await pilot.press("ctrl+n")
            await pilot.pause()
            row = app.screen.query_one(CriterionRow)
            row.query_one(".criterion-kind", Select).value = "country"
            await settle(pilot)
            listed = row.query_one(".crit-list", SelectionList)
            names = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
    finally:
        i18n.set_language("fr")
    assert names == ["Germany (DE)"]
