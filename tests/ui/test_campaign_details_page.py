"""A campaign's details: a page of 500 recipients arrives in the table a batch per frame,
and its line ("1–500 sur 1 200") and buttons change once every row of it is there; the
dialog follows the terminal's size like any screen."""

from __future__ import annotations

import contextlib
from datetime import datetime
from zoneinfo import ZoneInfo

from support.pilot import focus, settle, until
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from isend_tui.app import ISendApp
from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.service import create_and_prepare
from isend_tui.context import AppContext
from isend_tui.ui.screens.campaign_detail import CampaignDetailScreen
from isend_tui.ui.screens.campaign_history import CampaignHistoryScreen
from isend_tui.ui.widgets.table_fill import ROWS_PER_FRAME

PARIS = ZoneInfo("Europe/Paris")


def clock() -> datetime:
    return datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)


def _big_campaign(ctx: AppContext) -> list[str]:
    """A prepared campaign of 1,200 recipients; their numbers in the details' order."""
    people = [Contact(f"336{i:08d}", "Client", f"Nom{i}", "") for i in range(1200)]
    request = CampaignRequest(message="Bonjour {client_surname}", label="Grande campagne")
    create_and_prepare(ctx.store, people, request, settings=ctx.settings, clock=clock)
    return [f"336{i:08d}" for i in range(1200)]


def _page(app: ISendApp) -> tuple[str, list[str]]:
    table = app.screen.query_one("#recipients", DataTable)
    numbers = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
    return str(app.screen.query_one("#page-info", Static).content), numbers


async def test_a_page_shows_all_its_rows_once_its_line_says_so(ctx: AppContext) -> None:
    numbers = _big_campaign(ctx)
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    seen: list[tuple[str, int]] = []  # (the page's line, rows in the table), message by message

    def watch(_message: Message) -> None:
        screen = app.screen if app.screen_stack else None
        if isinstance(screen, CampaignDetailScreen) and screen.is_mounted:
            with contextlib.suppress(NoMatches):
                info = str(screen.query_one("#page-info", Static).content)
                seen.append((info, screen.query_one("#recipients", DataTable).row_count))

    async with app.run_test(size=(120, 40), message_hook=watch) as pilot:
        await app.workers.wait_for_complete()
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")

        async def shows(info: str) -> list[str]:
            for _step in range(400):
                line, rows = _page(app)
                if line == info:
                    return rows
                await pilot.pause(0.025)
            raise AssertionError(f"the page never showed {info!r}: {_page(app)[0]!r}")

        assert await shows("1–500 sur 1\u00a0200") == numbers[:500]
        # Read again while its rows arrive (receipts do that every few seconds): the
        # table ends with that page once, not twice nor half of it.
        screen = app.screen
        assert isinstance(screen, CampaignDetailScreen)
        screen.load_page(0, None, "", None)
        await pilot.pause()
        screen.load_page(0, None, "", None)
        await settle(pilot)
        assert _page(app) == ("1–500 sur 1\u00a0200", numbers[:500])
        await focus(pilot, screen.query_one("#page-next", Button))
        await pilot.press("enter")
        assert await shows("501–1\u00a0000 sur 1\u00a0200") == numbers[500:1000]
        assert not screen.query_one("#page-prev", Button).disabled
    # The rows arrived in batches, and the line never named a page before it was whole.
    assert {rows for _line, rows in seen} >= {ROWS_PER_FRAME, 500}
    for line, rows in seen:
        if line in ("1–500 sur 1\u00a0200", "501–1\u00a0000 sur 1\u00a0200"):
            assert rows == 500, (line, rows)


async def test_the_details_and_the_screen_under_follow_the_terminals_size(
    ctx: AppContext,
) -> None:
    _big_campaign(ctx)
    app = ISendApp(ctx, start_mode="campaign_history", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await until(pilot, lambda: _page(app)[0] == "1–500 sur 1\u00a0200", "the first page")
        details = app.screen
        assert isinstance(details, CampaignDetailScreen)
        assert details.has_class("-wide") and not details.has_class("-narrow")
        box = details.query_one("#detail-box")
        assert box.region.width == 114  # 95 % of 120 columns
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert details.has_class("-narrow") and not details.has_class("-wide")
        assert box.region.width == 76
        await pilot.press("escape")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, CampaignHistoryScreen)
        assert history.has_class("-narrow")
        assert history.query_one("#campaigns", DataTable).region.right <= 80
