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
from textual_plotext import PlotextPlot

from isend_tui.formatting import count, counted, money, percent
from isend_tui.i18n import N_, _
from isend_tui.ui.messages import BoardLoaded
from isend_tui.ui.safe import shown, shown_lines
from isend_tui.ui.shell.base import SectionScreen

if TYPE_CHECKING:
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
        Binding("f5", "reload", N_("Actualiser"), id="dashboard.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self.loads = 0

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="board"):
            yield Static(_("Chargement…"), id="board-summary", markup=False)
            sent = PlotextPlot(id="sent-chart", classes="chart")
            sent.border_title = _("SMS acceptés par jour")
            yield sent
            rate = PlotextPlot(id="delivery-chart", classes="chart")
            rate.border_title = _("Taux de remise par jour (%)")
            yield rate
            stops = PlotextPlot(id="stop-chart", classes="chart")
            stops.border_title = _("STOP par jour")
            yield stops
            revenue = PlotextPlot(id="revenue-chart", classes="chart")
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

    @on(BoardLoaded)
    def _show(self, message: BoardLoaded) -> None:
        board = message.board
        self.board = board
        self.loads += 1
        self.query_one("#board-summary", Static).update(
            shown_lines("\n".join(summary_lines(board)))
        )
        labels = [_day_label(board, i) for i in range(len(board.days))]
        self._bars("#sent-chart", labels, [d.sent for d in board.days])
        self._bars("#stop-chart", labels, [d.stops for d in board.days])
        self._rates(labels, [d.delivery_rate for d in board.days])
        self._revenue(board)
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

    def _revenue(self, board: Board) -> None:
        chart = self.query_one("#revenue-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        if board.revenue:
            plt.bar(
                [str(r.id) for r in board.revenue],
                [float(r.amount) for r in board.revenue],
                marker="sd",
                width=0.6,
            )
        chart.refresh()

    def _rates(self, labels: list[str], rates: list[float | None]) -> None:
        """The delivery rate of the days that sent something (a line; days without SMS
        have no rate and no point)."""
        chart = self.query_one("#delivery-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        points = [(float(i), r * 100) for i, r in enumerate(rates) if r is not None]
        if points:
            plt.plot([x for x, _y in points], [y for _x, y in points], marker="braille")
        plt.ylim(0, 100)
        ticks = [float(i) for i in range(0, len(labels), 7)]
        plt.xticks(ticks, [labels[int(i)] for i in ticks])
        plt.xlim(0, max(len(labels) - 1, 1))
        chart.refresh()

    def _bars(self, selector: str, labels: list[str], values: list[int]) -> None:
        chart = self.query_one(selector, PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        positions = [float(i) for i in range(len(values))]
        plt.bar(positions, values, marker="sd", width=0.6)
        # a label a week: thirty would overlap at 80 columns
        ticks = positions[::7]
        plt.xticks(ticks, [labels[int(i)] for i in ticks])
        plt.yfrequency(3)
        chart.refresh()
