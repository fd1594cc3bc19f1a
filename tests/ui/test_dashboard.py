"""Tableau de bord: the last 30 days' SMS, STOP and health, as charts and as a table with
the same figures, at 80x24; the first screen of a configured account."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from support.delivery import accepted_campaign
from support.pilot import settle
from textual.message import Message
from textual.widgets import DataTable, Static

from isend_tui.app import ISendApp
from isend_tui.campaigns import suppression
from isend_tui.commands.tui import first_screen
from isend_tui.context import AppContext
from isend_tui.delivery.receipts import receipt_of
from isend_tui.delivery.record import record_now
from isend_tui.results import cache
from isend_tui.results.figures import Attribution, Group
from isend_tui.ui.screens.dashboard import DashboardScreen
from isend_tui.ui.widgets.board_chart import BoardChart

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)


def clock() -> datetime:
    return NOW


def _history(ctx: AppContext) -> None:
    """A campaign of 120 SMS yesterday, 3 notifications today (one delivered), one STOP."""
    yesterday = (NOW - timedelta(days=1)).isoformat()
    today = NOW.isoformat()
    accepted_campaign(ctx.store, [f"336000{i:05d}" for i in range(120)], finished_at=yesterday)
    with ctx.store.write():
        ctx.store.db.execute_sql(
            "UPDATE campaign SET label = 'Soldes', sent = 120, finished_at = updated_at"
        )
        for n in range(3):
            ctx.store.db.execute_sql(
                "INSERT INTO notification (created_at, event, occurrence, idempotency_key, "
                "number, message, state, code, sent_at, updated_at) VALUES (?, "
                "'client.order_state.shipped', ?, ?, '33612345678', 'Colis', 'sent', '0', ?, ?)",
                (today, f"o:{n}", f"k:{n}", today, today),
            )
    suppression.add_gateway_refusals(ctx.store, ["33612345678"], clock=clock)
    (campaign_id,) = ctx.store.db.execute_sql("SELECT max(id) FROM campaign").fetchone()
    measured = Attribution(  # what `report` / `campaign show` computed from the shop
        campaign_id=int(campaign_id),
        currency="EUR",
        window_days=5,
        window_start=NOW - timedelta(days=1),
        window_end=NOW + timedelta(days=4),
        computed_at=NOW,
        delivery_known=False,
        sms=120,
        cost=None,
        treated=Group(recipients=120, buyers=3, orders=3, revenue=Decimal("245.5")),
    )
    cache._save(ctx.store, measured)
    (first,) = ctx.store.db.execute_sql("SELECT min(id) FROM notification").fetchone()
    record_now(ctx.store, [receipt_of({"tracker": f"n{first}", "statut": "0"})])  # delivered


async def test_the_dashboard_shows_the_days_as_charts_and_as_a_table(ctx: AppContext) -> None:
    ctx.save_settings(dataclasses.replace(ctx.settings, keyid="k" * 32))
    assert first_screen(ctx) == "dashboard"
    _history(ctx)
    app = ISendApp(ctx, start_mode="dashboard", clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#board-summary", Static).content)
        assert "30 derniers jours : 123 SMS acceptés, 1 STOP (0,8\u00a0%)." in summary
        assert (
            "Revenu attribué aux campagnes : 245,50\u00a0€ (3 commandes sur 1 campagne)." in summary
        )
        assert "Crédit" in summary  # the health's own lines follow
        table = app.screen.query_one("#board-table", DataTable)
        assert table.row_count == 30
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(2)]
        assert rows[0] == ["10/03/2026", "3", "1", "0", "3", "1"]  # today first
        assert rows[1] == ["09/03/2026", "120", "0", "120", "0", "0"]
        chart = app.screen.query_one("#sent-chart", BoardChart)
        assert chart.region.height >= 8  # drawn, within the 80x24 screen
        assert chart.region.width <= 80
        assert isinstance(app.screen, DashboardScreen) and app.screen.charts_drawn
        drawn = str(chart.render())
        assert "█" in drawn and "120┤" in drawn  # the bar of yesterday's 120 SMS


async def test_the_table_is_shown_before_the_charts_are_drawn(ctx: AppContext) -> None:
    """The charts are built in workers once the table's frame is drawn: the figures never
    wait for them, and each chart then shows the same days."""
    _history(ctx)
    app = ISendApp(ctx, start_mode="dashboard", clock=clock, watch=False)
    rows_when_built: list[tuple[str | None, int]] = []

    def hook(message: Message) -> None:  # called as each message is handled
        if isinstance(message, BoardChart.Built):
            table = app.screen.query_one("#board-table", DataTable)
            rows_when_built.append((message.chart.id, table.row_count))

    async with app.run_test(size=(100, 32), message_hook=hook) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.loads == 1
        assert screen.charts_drawn
        charts = list(screen.query(BoardChart))
        assert len(charts) == 4 and all(str(chart.render()).strip() for chart in charts)
        # Each figure came after the table's rows (a chart is built again if the layout
        # then narrows it, a scrollbar appearing under load: still after the table).
        assert {rows for _chart, rows in rows_when_built} == {30}
        assert {chart for chart, _rows in rows_when_built} == {c.id for c in charts}
        built = len(rows_when_built)
        screen.action_reload()  # a new read draws them again
        await settle(pilot)
        assert screen.loads == 2 and screen.charts_drawn
        assert len(rows_when_built) >= built + 4
        await pilot.resize_terminal(120, 40)  # built again at the new width
        await settle(pilot)
        chart = charts[0]
        assert chart.size.width > 72  # wider than at 100 columns (the sidebar aside)
        assert {len(line) for line in str(chart.render()).splitlines()} == {chart.size.width}
