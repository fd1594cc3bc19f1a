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
