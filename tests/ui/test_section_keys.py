"""Every section's function key opens it from every other section: no screen keeps one
of them for an action of its own (the Tableau de bord and Automatisations once took F5,
État des campagnes' key, for Actualiser)."""

from __future__ import annotations

from support.pilot import settle

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.ui.shell.sections import SECTIONS


async def test_each_section_key_opens_its_section_from_every_section(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="settings", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for origin in SECTIONS:
            for target in SECTIONS:
                await pilot.press(origin.key)
                await settle(pilot)
                assert app.current_mode == origin.mode
                await pilot.press(target.key)
                await settle(pilot)
                assert app.current_mode == target.mode, (origin.mode, target.key)
