"""After start-up the app builds both history screens and the dashboard in idle time:
their first visit shows the rows at once. When the app stops, the garbage collector gets
everything back."""

from __future__ import annotations

import asyncio
import gc

import pytest
from textual.widgets import DataTable

from isend_tui.app import ISendApp
from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.service import create_and_prepare
from isend_tui.context import AppContext
from isend_tui.ui.screens.campaign_history import CampaignHistoryScreen
from isend_tui.ui.screens.dashboard import DashboardScreen
from isend_tui.ui.screens.notification_history import NotificationHistoryScreen
from isend_tui.ui.widgets.sidebar import Sidebar


async def test_the_histories_are_ready_before_their_first_visit(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [Contact("33612345601", "Alice", "Martin")]
    for label in ("Soldes", "Rentrée"):
        request = CampaignRequest(message="Promo", label=label)
        create_and_prepare(ctx.store, people, request, settings=ctx.settings)
    thresholds = gc.get_threshold()
    app = ISendApp(ctx, start_mode="settings")
    async with app.run_test(size=(100, 30)) as pilot:
        await asyncio.wait_for(app.warmed_up.wait(), timeout=30)
        await app.workers.wait_for_complete()
        assert gc.get_freeze_count() > 0  # what start-up built is out of the collector's way
        reparse = app.stylesheet.reparse
        reparsed: list[None] = []
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: reparsed.append(reparse()))
        await pilot.press("f5")
        # no worker to wait for: the rows are there at the first frame
        assert isinstance(app.screen, CampaignHistoryScreen)
        assert app.screen.query_one("#campaigns", DataTable).row_count == 2
        await pilot.press("f6")
        assert isinstance(app.screen, NotificationHistoryScreen)
        assert app.screen.load_count == 1
        await pilot.press("f10")
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.loads >= 1  # the figures read in idle time, shown at once
        assert app.screen.query_one("#board-table", DataTable).row_count == 30
        assert reparsed == []  # their styles were ready too: no stylesheet parsed again
        await pilot.press("f1")  # and the app still answers keys as before
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds


async def test_a_screen_first_visited_after_a_theme_change_has_the_new_themes_colours(
    ctx: AppContext,
) -> None:
    """A screen is styled as it is built (ui/perf/screens.py: no second stylesheet pass at
    its first visit): one built after the theme changed has the new theme's colours, and
    so does one built before (the change restyles it when it comes to the front)."""
    app = ISendApp(ctx, start_mode="settings")
    async with app.run_test(size=(100, 30)) as pilot:
        await asyncio.wait_for(app.warmed_up.wait(), timeout=30)
        await app.workers.wait_for_complete()
        dark = app.screen.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.styles.background
        sidebar = app.screen.query_one(Sidebar).styles.background
        assert light != dark
        await app.switch_mode("automations")  # never built before
        await pilot.pause()
        assert type(app.screen).__name__ == "AutomationsScreen"
        assert app.screen.styles.background == light
        assert app.screen.query_one(Sidebar).styles.background == sidebar
        await app.switch_mode("campaign_history")  # built by the warm-up, in the dark
        await pilot.pause()
        assert isinstance(app.screen, CampaignHistoryScreen)
        assert app.screen.styles.background == light
        assert app.screen.query_one(Sidebar).styles.background == sidebar
