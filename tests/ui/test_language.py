"""English on request: labels and key bindings follow the language chosen at start."""

from __future__ import annotations

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
