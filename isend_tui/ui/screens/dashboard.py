"""Tableau de bord: what the SMS did over the last 30 days, as charts and as a table with the
same figures, with the credit (and the days it lasts) and the watcher's health. The first
screen of a configured account."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from isend_tui.formatting import count, counted, money, percent
from isend_tui.i18n import N_, _
from isend_tui.ui.messages import BoardLoaded
from isend_tui.ui.safe import shown, shown_lines
from isend_tui.ui.shell.base import SectionScreen
from isend_tui.ui.widgets.board_chart import BoardChart, Figure

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

    from isend_tui.dashboard.board import Board

REFRESH_EVERY_S = 30.0  # the figures move slowly: a new read twice a minute while shown

COLUMNS = (
    N_("Jour"),
    N_("SMS"),
    N_("Remis"),
    N_("Campagnes"),
    N_("Notifications"),
    N_("STOP"),
)


def _day_label(board: Board, index: int) -> str:
    return board.days[index].day.strftime("%d/%m")


def summary_lines(board: Board) -> list[str]:
    """The period in one line, then the health's own lines (credit, watcher, alerts)."""
    rate = percent(board.stop_rate) if board.stop_rate is not None else "—"
    head = _("30 derniers jours : {sent} SMS acceptés, {stops} STOP ({rate}).").format(
        sent=count(board.sent), stops=count(board.stops), rate=rate
    )
    lines = [head]
    if board.revenue:
        total = sum((r.amount for r in board.revenue), Decimal(0))
        orders = sum(r.orders for r in board.revenue)
        lines.append(
            _("Revenu attribué aux campagnes : {amount} ({orders} sur {n}).").format(
                amount=money(total, board.revenue[0].currency),
                orders=counted(orders, _("{n} commande"), _("{n} commandes")),
                n=counted(len(board.revenue), _("{n} campagne"), _("{n} campagnes")),
            )
        )
    return [*lines, *board.health.lines()]


class DashboardScreen(SectionScreen):
    MODE = "dashboard"
    BINDINGS = [
        Binding("ctrl+l", "reload", N_("Actualiser"), id="dashboard.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self._charted: Board | None = None  # the board the charts were asked to draw
        self.loads = 0

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="board"):
            yield Static(_("Chargement…"), id="board-summary", markup=False)
            sent = BoardChart(id="sent-chart", classes="chart")
            sent.border_title = _("SMS acceptés par jour")
            yield sent
            rate = BoardChart(id="delivery-chart", classes="chart")
            rate.border_title = _("Taux de remise par jour (%)")
            yield rate
            stops = BoardChart(id="stop-chart", classes="chart")
            stops.border_title = _("STOP par jour")
            yield stops
            revenue = BoardChart(id="revenue-chart", classes="chart")
            revenue.border_title = _("Revenu attribué par campagne (n° de campagne)")
            yield revenue
            table: DataTable[str] = DataTable(id="board-table", cursor_type="row")
            table.border_title = _("Les mêmes chiffres, jour par jour")
            yield table

    def on_mount(self) -> None:
        table = self.query_one("#board-table", DataTable)
        for name in COLUMNS:
            table.add_column(_(name), key=name)
        self.set_interval(REFRESH_EVERY_S, self._tick)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.load()

    def _tick(self) -> None:
        if self.is_current:
            self.load()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        from isend_tui.dashboard.board import read_board

        ctx = self.isend.ctx
        self.post_message(BoardLoaded(read_board(ctx.store, ctx.settings, self.isend.clock())))

    @property
    def charts_drawn(self) -> bool:
        """Whether every chart shows the figures of the last load (they follow the table)."""
        if self.board is None or self._charted is not self.board:
            return False
        return all(c.drawn == c.asked for c in self.query(BoardChart))

    @on(BoardLoaded)
    def _show(self, message: BoardLoaded) -> None:
        """The summary and the table at once, the charts once that frame is drawn (each
        built in a worker: the table never waits for them)."""
        board = message.board
        self.board = board
        self.loads += 1
        self.query_one("#board-summary", Static).update(
            shown_lines("\n".join(summary_lines(board)))
        )
        table = self.query_one("#board-table", DataTable)
        table.clear()
        for day in reversed(board.days):  # today first
            table.add_row(
                shown(day.day.strftime("%d/%m/%Y")),
                count(day.sent),
                count(day.delivered),
                count(day.campaign_sms),
                count(day.notification_sms),
                count(day.stops),
            )
        self.call_after_refresh(self._draw_charts, board)

    def _draw_charts(self, board: Board) -> None:
        if board is not self.board:
            return  # a newer load came meanwhile: its own call draws
        self._charted = board
        labels = [_day_label(board, i) for i in range(len(board.days))]
        self._chart("#sent-chart").draw(bars(labels, [d.sent for d in board.days]))
        self._chart("#delivery-chart").draw(rates(labels, [d.delivery_rate for d in board.days]))
        self._chart("#stop-chart").draw(bars(labels, [d.stops for d in board.days]))
        self._chart("#revenue-chart").draw(revenue(board))

    def _chart(self, selector: str) -> BoardChart:
        return self.query_one(selector, BoardChart)


def revenue(board: Board) -> Figure:
    ids = [str(r.id) for r in board.revenue]
    amounts = [float(r.amount) for r in board.revenue]

    def figure(plt: Plot) -> None:
        if ids:
            plt.bar(ids, amounts, marker="sd", width=0.6)

    return figure


def rates(labels: list[str], values: list[float | None]) -> Figure:
    """The delivery rate of the days that sent something (a line; days without SMS have
    no rate and no point)."""
    points = [(float(i), r * 100) for i, r in enumerate(values) if r is not None]
    ticks = [float(i) for i in range(0, len(labels), 7)]

    def figure(plt: Plot) -> None:
        if points:
            plt.plot([x for x, _y in points], [y for _x, y in points], marker="braille")
        plt.ylim(0, 100)
        plt.xticks(ticks, [labels[int(i)] for i in ticks])
        plt.xlim(0, max(len(labels) - 1, 1))

    return figure


def bars(labels: list[str], values: list[int]) -> Figure:
    positions = [float(i) for i in range(len(values))]
    ticks = positions[::7]  # a label a week: thirty would overlap at 80 columns

    def figure(plt: Plot) -> None:
        plt.bar(positions, values, marker="sd", width=0.6)
        plt.xticks(ticks, [labels[int(i)] for i in ticks])
        plt.yfrequency(3)

    return figure
