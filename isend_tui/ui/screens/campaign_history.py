"""État des campagnes marketing: the last 500 campaigns and the actions an interrupted
campaign needs (resume, cancel, results CSV); Enter opens its details (campaign_detail)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Select, Static
from textual.worker import get_current_worker

from isend_tui.campaigns.cancel import cancelled_line
from isend_tui.campaigns.queries import format_estimate
from isend_tui.errors import UserError
from isend_tui.formatting import count, money, percent, plural
from isend_tui.i18n import N_, _
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.messages import CampaignCancelled, CampaignsLoaded
from isend_tui.ui.safe import shown as inert
from isend_tui.ui.screens.campaign_detail import CampaignDetailScreen
from isend_tui.ui.screens.campaign_format import short_date, state_label
from isend_tui.ui.shell.base import SectionScreen

if TYPE_CHECKING:
    from isend_tui.campaigns.events import CampaignProgress
    from isend_tui.campaigns.model import CampaignSummary
    from isend_tui.delivery.queries import DeliveryCounts

REFRESH_EVERY_S = 1.0  # at most one reload per second while a campaign runs
STATES = ("draft", "scheduled", "sending", "sent", "partly_failed", "failed", "cancelled")


LABEL_WIDTH = 18  # the table must show the state at 80 columns; details show it whole


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# The most useful first: at 80 columns the table shows the state and how many were sent;
# the rest is one scroll to the right.
COLUMNS = (
    N_("ID"),
    N_("Date"),
    N_("Libellé"),
    N_("État"),
    N_("Envoyés"),
    N_("Remis"),
    N_("Échecs"),
    N_("En attente"),
    N_("Quantité"),
    N_("Incertains"),
    N_("Coût estimé"),
    N_("Revenu attribué"),
)
SENT, RECIPIENTS, UNCERTAIN = (COLUMNS.index(n) for n in ("Envoyés", "Quantité", "Incertains"))
#: How often the figures are read again while the screen is shown: receipts arrive in the
#: store from the watcher (maybe another process), with no event here.
RECEIPTS_EVERY_S = 5.0


class CampaignHistoryScreen(SectionScreen):
    MODE = "campaign_history"
    BINDINGS = [
        Binding("enter", "details", N_("Détails"), id="history.details", show=False),
        Binding("ctrl+r", "resume", N_("Reprendre"), id="history.resume"),
        Binding("ctrl+e", "export_csv", N_("Résultats CSV"), id="history.csv"),
        Binding(
            "ctrl+x",
            "cancel_campaign",
            N_("Annuler"),
            tooltip=N_("Annuler la campagne"),
            id="history.cancel",
        ),
        Binding("ctrl+o", "sort", N_("Trier"), id="history.sort"),
        Binding("f5", "reload", N_("Actualiser"), id="history.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CampaignSummary] = []
        self._sort_column = 0
        self._sort_reverse = True
        self._last_reload = 0.0
        self._reload_pending = False
        self.load_ms = 0.0
        self._shown: list[int] | None = None  # the ids in the table, in order (None: not filled)
        self._deliveries: dict[int, DeliveryCounts] = {}
        self._revenue: dict[int, str] = {}

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Label(_("État :"), classes="filter-label")
            yield Select(
                [(_("tous"), "")] + [(state_label(s), s) for s in STATES],
                value="",
                allow_blank=False,
                id="state-filter",
            )
        table: DataTable[str] = DataTable(id="campaigns", cursor_type="row", zebra_stripes=True)
        table.border_title = _("Les 500 dernières campagnes")
        yield table
        yield Static(
            _(
                "Entrée : détails · Ctrl+R : reprendre · Ctrl+E : résultats CSV · "
                "Ctrl+O : trier (colonne suivante, puis ordre inverse)"
            ),
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        table = self.query_one("#campaigns", DataTable)
        for name in COLUMNS:
            table.add_column(_(name), key=name)
        runner = self.isend.campaigns
        runner.progress.subscribe(self, self._on_progress)
        runner.ended.subscribe(self, lambda _id: self._on_progress(None))
        self.set_interval(RECEIPTS_EVERY_S, self._receipts_tick)
        # No load here: ScreenResume follows the first mount and loads the rows.

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.reload()

    # ------------------------------------------------------------------ loading

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._last_reload = time.monotonic()
        self._reload_pending = False
        self.load_rows(time.perf_counter())

    @work(thread=True, exclusive=True, group="campaign-history", exit_on_error=False)
    def load_rows(self, started: float) -> None:
        from isend_tui.campaigns.service import list_campaigns
        from isend_tui.delivery.queries import campaigns_counts
        from isend_tui.results.cache import campaign_results

        store = self.isend.ctx.store
        rows = list_campaigns(store, limit=500)
        sent = [r.id for r in rows if r.sent]
        deliveries = campaigns_counts(store, sent)
        days = self.isend.ctx.settings.attribution_days
        revenue = {
            cid: money(a.treated.revenue, a.currency)
            for cid, a in campaign_results(store, sent, days=days, dsn=None).items()
        }  # the last computed (report, campaign show): no shop read here
        if not get_current_worker().is_cancelled:  # a newer reload supersedes this one
            self.post_message(CampaignsLoaded(rows, started, deliveries, revenue))

    def _receipts_tick(self) -> None:
        if self.is_current and any(d.pending for d in self._deliveries.values()):
            self.reload()  # only while some SMS still wait for their receipt

    @on(CampaignsLoaded)
    def _show_rows(self, message: CampaignsLoaded) -> None:
        rows, started = message.rows, message.started
        unchanged = message.deliveries == self._deliveries and message.revenue == self._revenue
        if rows == self._rows and unchanged and self._shown:
            return  # nothing changed since the last load
        previous = {r.id: r for r in self._rows}
        previous_deliveries, self._deliveries = self._deliveries, message.deliveries
        if message.revenue != self._revenue:
            self._revenue = message.revenue
            self._shown = None  # a column of every row: rebuild
        self._rows = rows
        if self._refresh_in_place(previous, previous_deliveries):
            return
        self._fill()
        self.load_ms = (time.perf_counter() - started) * 1000

    def _cells(self, r: CampaignSummary) -> tuple[str, ...]:
        return (
            str(r.id),
            short_date(r.created_at),
            _short(r.label),
            # The marker says "needs attention" without relying on colour.
            state_label(r.state) + (" !" if r.uncertain or r.pending else ""),
            count(r.sent),
            *self._delivery_cells(r.id),
            count(r.recipients),
            count(r.uncertain) if r.uncertain else "",
            format_estimate(r.cost_estimate),
            self._revenue.get(r.id, ""),
        )

    def _delivery_cells(self, campaign_id: int) -> tuple[str, str, str]:
        """Delivered (with the rate), failed (expired included) and still waiting."""
        d = self._deliveries.get(campaign_id)
        if d is None or not d.accepted:
            return "", "", ""
        failed = d.failed + d.expired
        # the rate once some receipt came: "0 %" while all wait would alarm for nothing
        delivered = count(d.delivered)
        if d.rate is not None and d.pending < d.accepted:
            delivered += f" ({percent(d.rate)})"
        return (
            delivered,
            count(failed) if failed else "",
            count(d.pending) if d.pending else "",
        )

    def _refresh_in_place(
        self, previous: dict[int, CampaignSummary], deliveries: dict[int, DeliveryCounts]
    ) -> bool:
        """While a campaign runs only its figures change: update those cells rather than
        rebuilding 500 rows every second (that would stall the UI during a send)."""
        shown = self._shown
        if not shown or {r.id for r in self._rows} != set(previous):
            return False
        table = self.query_one("#campaigns", DataTable)
        for row in self._rows:
            unchanged = deliveries.get(row.id) == self._deliveries.get(row.id)
            if (row == previous[row.id] and unchanged) or row.id not in shown:
                continue
            if self._filtered_out(row) != self._filtered_out(previous[row.id]):
                return False  # it enters or leaves the filter: rebuild
            for column, value in zip(table.ordered_columns, self._cells(row), strict=True):
                column.width = max(column.width, len(value))  # "envoyée" -> "en cours d'envoi"
                table.update_cell(str(row.id), column.key, inert(value))
        return True

    def _filtered_out(self, row: CampaignSummary) -> bool:
        wanted = str(self.query_one("#state-filter", Select).value or "")
        return bool(wanted) and row.state != wanted

    def _fill(self) -> None:
        table = self.query_one("#campaigns", DataTable)
        selected = self._selected_id()
        rows = [r for r in self._rows if not self._filtered_out(r)]
        rows.sort(key=self._sort_key, reverse=self._sort_reverse)
        table.clear()
        cells = [self._cells(r) for r in rows]
        # Each column as wide as its longest cell, set here rather than measured by the
        # table when idle: the layout is right from the first frame, never jumps.
        # Room for the sent and uncertain counts to grow up to the campaign's size while it
        # runs: its live updates then rarely widen a column (a relayout of the screen).
        room = dict.fromkeys((SENT, UNCERTAIN), max((len(c[RECIPIENTS]) for c in cells), default=1))
        for index, column in enumerate(table.ordered_columns):
            widest = max([len(str(column.label)), *(len(c[index]) for c in cells)])
            column.width = max(widest, room.get(index, 0))
            column.auto_width = False
        # Text, not str: a str cell is parsed as markup at every render and measure.
        for r, row in zip(rows, cells, strict=True):
            table.add_row(*(inert(v) for v in row), key=str(r.id))
        self._shown = [r.id for r in rows]
        if selected is not None and selected in self._shown:
            table.move_cursor(row=self._shown.index(selected))

    def _sort_key(self, row: CampaignSummary) -> Any:
        return (
            row.id,
            row.created_at,
            row.label.lower(),
            row.state,
            row.sent,
            *self._delivery_keys(row.id),
            row.recipients,
            row.uncertain,
            float(row.cost_estimate or 0),
            self._revenue.get(row.id, ""),
        )[self._sort_column]

    def _delivery_keys(self, campaign_id: int) -> tuple[float, int, int]:
        d = self._deliveries.get(campaign_id)
        if d is None:
            return (-1.0, 0, 0)
        return (d.rate if d.rate is not None else -1.0, d.failed + d.expired, d.pending)

    def _selected_id(self) -> int | None:
        shown = self._shown or []
        table = self.query_one("#campaigns", DataTable)
        if not shown or table.cursor_row < 0 or table.cursor_row >= len(shown):
            return None
        return shown[table.cursor_row]

    @on(Select.Changed, "#state-filter")
    def _filter(self) -> None:
        self._fill()

    def action_sort(self) -> None:
        if self._sort_reverse:
            self._sort_reverse = False
        else:
            self._sort_column = (self._sort_column + 1) % len(COLUMNS)
            self._sort_reverse = True
        self._fill()
        self.notify(
            _("Tri : {column} ({order}).").format(
                column=_(COLUMNS[self._sort_column]),
                order=_("décroissant") if self._sort_reverse else _("croissant"),
            ),
            timeout=3,
        )

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self._sort_reverse = (
            not self._sort_reverse if event.column_index == self._sort_column else True
        )
        self._sort_column = event.column_index
        self._fill()

    def _on_progress(self, event: CampaignProgress | None) -> None:
        if not self.is_current:
            return  # not on screen (built ahead, or left): reloaded when shown again
        # at once when the campaign ended (no event), else at most once per REFRESH_EVERY_S
        if event is None or time.monotonic() - self._last_reload >= REFRESH_EVERY_S:
            self.reload()
        elif not self._reload_pending:
            self._reload_pending = True
            self.set_timer(REFRESH_EVERY_S, self.reload)

    # ------------------------------------------------------------------ actions

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_details()

    def action_details(self) -> None:
        campaign_id = self._selected_id()
        if campaign_id is not None:
            self.app.push_screen(CampaignDetailScreen(campaign_id))

    def action_resume(self) -> None:
        campaign_id = self._selected_id()
        if campaign_id is None:
            return
        row = next(r for r in self._rows if r.id == campaign_id)
        if not row.pending:
            self.notify(
                _("La campagne {id} n'a aucun destinataire en attente.").format(id=campaign_id),
                timeout=5,
            )
            return

        def answer(ok: bool | None) -> None:
            if ok:
                self.isend.campaigns.resume(campaign_id)

        self.app.push_screen(
            ConfirmModal(
                _("Reprendre la campagne"),
                plural(
                    row.pending,
                    _(
                        "Envoyer le {n} destinataire restant de la campagne {id} ? Les lots "
                        "incertains ne sont pas renvoyés sans votre choix (Entrée : détails)."
                    ),
                    _(
                        "Envoyer les {n} destinataires restants de la campagne {id} ? Les lots "
                        "incertains ne sont pas renvoyés sans votre choix (Entrée : détails)."
                    ),
                ).format(n=count(row.pending), id=campaign_id),
                yes=_("Reprendre"),
            ),
            answer,
        )

    def action_cancel_campaign(self) -> None:
        campaign_id = self._selected_id()
        if campaign_id is None:
            return
        if self.isend.campaigns.is_running(campaign_id):
            self.notify(
                _("La campagne {id} est en cours d'envoi : attendez la fin.").format(
                    id=campaign_id
                ),
                timeout=6,
            )
            return

        def answer(ok: bool | None) -> None:
            if ok:
                self.cancel(campaign_id)

        self.app.push_screen(
            ConfirmModal(
                _("Annuler la campagne"),
                _(
                    "Annuler ce qui reste à envoyer de la campagne {id} ? Ses destinataires pas "
                    "encore envoyés ne recevront rien. Ce qu'iSendPro a déjà accepté, même "
                    "programmé, ne peut pas être annulé."
                ).format(id=campaign_id),
                yes=_("Annuler la campagne"),
            ),
            answer,
        )

    @work(thread=True, exclusive=True, group="campaign-cancel", exit_on_error=False)
    def cancel(self, campaign_id: int) -> None:
        from isend_tui.campaigns.cancel import cancel_campaign

        try:
            n = cancel_campaign(self.isend.ctx.store, campaign_id, clock=self.isend.clock)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)  # (thread-safe)
            return
        self.post_message(CampaignCancelled(campaign_id, n))

    @on(CampaignCancelled)
    def _cancelled(self, message: CampaignCancelled) -> None:
        self.notify(
            cancelled_line(message.campaign_id, message.recipients),
            timeout=8,
        )
        self.reload()

    def action_export_csv(self) -> None:
        campaign_id = self._selected_id()
        if campaign_id is not None:
            self.export_csv(campaign_id)

    @work(thread=True, group="campaign-csv", exit_on_error=False)
    def export_csv(self, campaign_id: int) -> None:
        from isend_tui.campaigns.service import campaign_results_csv

        folder = self.isend.ctx.paths.data_dir / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"campagne-{campaign_id}.csv"
        try:
            lines = campaign_results_csv(self.isend.ctx.store, campaign_id, path)
        except (UserError, OSError) as exc:
            message = exc.message if isinstance(exc, UserError) else str(exc)
            self.notify(message, severity="error", timeout=10)  # (thread-safe)
            return
        written = plural(
            lines, _("{n} ligne écrite dans {path}"), _("{n} lignes écrites dans {path}")
        )
        self.notify(written.format(n=count(lines), path=path), timeout=10)
