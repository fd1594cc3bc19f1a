"""One campaign's details (Enter in État des campagnes): figures, message, the uncertain
batches with the merchant's choices, its recipients page by page, its log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import Button, DataTable, Input, Select, Static
from textual.worker import get_current_worker

from isend_tui.campaigns.queries import summary_lines
from isend_tui.errors import UserError
from isend_tui.formatting import count, plural
from isend_tui.i18n import N_, _
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.messages import CampaignDetailLoaded, RecipientsPageLoaded
from isend_tui.ui.safe import shown, shown_lines
from isend_tui.ui.screens.campaign_format import (
    DELIVERY_FILTERS,
    delivery_cell,
    delivery_line,
    short_date,
    state_label,
)
from isend_tui.ui.screens.campaign_results import CampaignResults
from isend_tui.ui.shell.base import ISendModal
from isend_tui.ui.widgets.fitting_log import FittingLog
from isend_tui.ui.widgets.table_fill import ROWS_PER_FRAME, TableFill

if TYPE_CHECKING:
    from rich.text import Text

    from isend_tui.campaigns.model import CampaignDetail
    from isend_tui.delivery.queries import DeliveryCounts
    from isend_tui.results.winner import WinnerCheck

RECIPIENTS_PAGE = 500  # rows of a campaign's recipients shown at once
RECEIPTS_EVERY_S = 5.0  # how often figures waiting for receipts are read again


def _page_cells(rows: list[dict[str, Any]]) -> list[tuple[str, tuple[Text | str, ...]]]:
    """A page's rows as the table shows them (built in the worker that read them)."""
    from isend_tui.campaigns.model import RecipientState

    cells: list[tuple[str, tuple[Text | str, ...]]] = []
    for row in rows:
        try:
            state = RecipientState(str(row["state"])).label()
        except ValueError:
            state = str(row["state"])
        cells.append(
            (
                str(row["id"]),
                (
                    shown(row["number"]),
                    shown(f"{row['firstname']} {row['lastname']}".strip()),
                    shown(state),
                    shown(delivery_cell(row)),
                    shown(row["code"] or ""),
                    shown(row["detail"] or ""),
                    count(int(row["parts"])),
                ),
            )
        )
    return cells


class CampaignDetailScreen(ISendModal[None]):
    """One campaign: figures, message, uncertain batches with the choices, recipients, log."""

    NAME = N_("Détails de la campagne")

    BINDINGS = [
        Binding("escape", "close", N_("Fermer")),
        Binding(
            "ctrl+g",
            "proof_csv",
            N_("Preuves CSV"),
            tooltip=N_("Preuve de la base légale de chaque destinataire, en CSV"),
        ),
    ]

    def __init__(self, campaign_id: int) -> None:
        super().__init__()
        self.campaign_id = campaign_id
        self.detail: CampaignDetail | None = None
        self.page_offset = 0
        self.page_total = 0
        # the filters of the page asked for last (the first page: none)
        self._page_filters: tuple[str | None, str, str | None] = (None, "", None)
        self.delivery: DeliveryCounts | None = None

    def compose(self) -> ComposeResult:
        from isend_tui.campaigns.model import RecipientState

        with VerticalScroll(id="detail-box") as box:
            box.border_title = _("Campagne {id}").format(id=self.campaign_id)
            yield Static(_("Chargement…"), id="detail-summary", markup=False)
            yield CampaignResults(self.campaign_id)
            with Vertical(id="uncertain-panel", classes="panel") as panel:
                panel.border_title = _("Lots au résultat incertain")
                yield Static(
                    _(
                        "Ces SMS sont peut-être partis (coupure ou délai dépassé pendant "
                        "l'envoi). Choisissez pour chaque lot :"
                    ),
                    markup=False,
                )
                yield DataTable(id="uncertain", cursor_type="row")
                with Horizontal(classes="buttons"):
                    yield Button(_("Vérifier auprès d'iSendPro"), id="check", variant="primary")
                    yield Button(_("Considérer comme envoyés"), id="mark-sent")
                    yield Button(_("Renvoyer (risque de doublon)"), id="resend")
            with Vertical(id="recipients-panel", classes="panel") as panel:
                panel.border_title = _("Destinataires")
                with Horizontal(id="recipients-filter"):
                    yield Select(
                        [
                            (_("tous les états"), ""),
                            *((s.label(), s.value) for s in RecipientState),
                        ],
                        value="",
                        allow_blank=False,
                        compact=True,
                        id="recipient-state",
                    )
                    yield Select(
                        [
                            (_("toutes les remises"), ""),
                            *((_(label), value.value) for value, label in DELIVERY_FILTERS),
                        ],
                        value="",
                        allow_blank=False,
                        compact=True,
                        id="recipient-delivery",
                    )
                    search = Input(
                        placeholder=_("numéro ou nom"), compact=True, id="recipient-search"
                    )
                    search.tooltip = _("Rechercher un numéro (06…, +33…) ou un nom")
                    yield search
                    previous = Button("◀", id="page-prev", compact=True)
                    previous.tooltip = _("{n} précédents").format(n=RECIPIENTS_PAGE)
                    yield previous
                    yield Static("", id="page-info", markup=False)
                    following = Button("▶", id="page-next", compact=True)
                    following.tooltip = _("{n} suivants").format(n=RECIPIENTS_PAGE)
                    yield following
                yield DataTable(id="recipients", cursor_type="row")
            log = FittingLog(id="detail-log")
            log.border_title = _("Journal")
            yield log
            yield Button(_("Fermer"), id="close")

    def on_mount(self) -> None:
        table = self.query_one("#uncertain", DataTable)
        table.add_columns(_("Lot"), _("SMS"), _("Envoyé à"), _("Erreur"))
        recipients = self.query_one("#recipients", DataTable)
        recipients.add_columns(
            _("Numéro"), _("Nom"), _("État"), _("Remise"), _("Code"), _("Détail"), _("SMS")
        )
        self._fill = TableFill(recipients)
        # Receipts arrive in the store (the watcher, maybe another process): read again.
        self.set_interval(RECEIPTS_EVERY_S, self._receipts_tick)
        self.load()
        self.load_page(0, *self._page_filters)

    @work(thread=True, exclusive=True, group="campaign-detail", exit_on_error=False)
    def load(self) -> None:
        from isend_tui.campaigns.proof import proof_line, proof_summary
        from isend_tui.campaigns.service import campaign_detail, campaign_events
        from isend_tui.delivery.queries import campaign_counts

        store = self.isend.ctx.store
        try:
            detail = campaign_detail(store, self.campaign_id)
            proof = proof_line(proof_summary(store, self.campaign_id))
        except UserError as exc:
            self.notify(exc.message, severity="error")  # (thread-safe)
            return
        events = campaign_events(store, self.campaign_id)
        delivery = campaign_counts(store, self.campaign_id)
        results, winner = self._results()
        self.post_message(CampaignDetailLoaded(detail, events, proof, delivery, results, winner))

    def _results(self) -> tuple[list[str], WinnerCheck | None]:
        """Blocking: the figures (from the shop when stale, as État des campagnes leaves
        them otherwise) and the A/B remainder; a shop that does not answer is said."""
        from isend_tui.results.cache import campaign_results, measured_campaigns
        from isend_tui.results.lines import attribution_lines
        from isend_tui.results.winner import winner_check

        ctx = self.isend.ctx
        days = ctx.settings.attribution_days
        # a draft, an export or a campaign that sent nothing has nothing to measure
        measured = measured_campaigns(ctx.store, only=self.campaign_id)
        try:
            dsn = ctx.settings.shop_dsn()  # None: the figures kept in the store, if any
            found = campaign_results(ctx.store, measured, days=days, dsn=dsn)
            winner = winner_check(ctx.store, self.campaign_id, days=days, dsn=None)
        except UserError as exc:
            return ["✗ " + _("Résultats indisponibles : {why}").format(why=exc.message)], None
        figures = found.get(self.campaign_id)
        return (attribution_lines(figures) if figures else []), winner

    def _receipts_tick(self) -> None:
        """While SMS of the campaign wait for their receipt, its figures and the page shown
        follow them."""
        if self.delivery is not None and self.delivery.pending and self.is_current:
            self.load()
            self.load_page(self.page_offset, *self._page_filters)

    def action_proof_csv(self) -> None:
        self.proof_csv()

    @work(thread=True, group="campaign-proof", exit_on_error=False)
    def proof_csv(self) -> None:
        """The proof of each recipient's basis, in the exports folder (campaign proof)."""
        from isend_tui.campaigns.proof import campaign_proof_csv

        folder = self.isend.ctx.paths.data_dir / "exports"
        path = folder / f"preuve-campagne-{self.campaign_id}.csv"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lines = campaign_proof_csv(self.isend.ctx.store, self.campaign_id, path)
        except (UserError, OSError) as exc:
            message = exc.message if isinstance(exc, UserError) else str(exc)
            self.notify(message, severity="error", timeout=10)  # (thread-safe)
            return
        written = plural(
            lines, _("{n} ligne écrite dans {path}"), _("{n} lignes écrites dans {path}")
        )
        self.notify(written.format(n=count(lines), path=path), timeout=10)

    # ---------------------------------------------------------------- recipients, by page

    def _filters(self) -> tuple[str | None, str, str | None]:
        state = self.query_one("#recipient-state", Select).value
        search = self.query_one("#recipient-search", Input).value
        delivery = self.query_one("#recipient-delivery", Select).value
        return (str(state) if state else None), search, (str(delivery) if delivery else None)

    @on(Select.Changed, "#recipient-state")
    @on(Select.Changed, "#recipient-delivery")
    @on(Input.Changed, "#recipient-search")
    def _filter_changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        if self._filters() != self._page_filters:  # not the fields' first Changed, at mount:
            self._go_to_page(0)  # that one would send a merchant paging on back to page 1

    @on(Button.Pressed, "#page-prev")
    def _previous_page(self) -> None:
        self._go_to_page(max(0, self.page_offset - RECIPIENTS_PAGE))

    @on(Button.Pressed, "#page-next")
    def _next_page(self) -> None:
        if self.page_offset + RECIPIENTS_PAGE < self.page_total:
            self._go_to_page(self.page_offset + RECIPIENTS_PAGE)

    def _go_to_page(self, offset: int) -> None:
        # Noted now, not when the page arrives: a second key press goes one page further.
        self.page_offset = offset
        self._page_filters = self._filters()
        self.load_page(offset, *self._page_filters)

    @work(thread=True, exclusive=True, group="recipients-page", exit_on_error=False)
    def load_page(self, offset: int, state: str | None, search: str, delivery: str | None) -> None:
        """One page of the recipients under the filters; a newer page asked for cancels
        this one (exclusive), whose rows are then never shown."""
        from isend_tui.delivery.queries import recipients_page
        from isend_tui.delivery.states import DeliveryFilter

        total, rows = recipients_page(
            self.isend.ctx.store,
            self.campaign_id,
            state=state,
            search=search,
            delivery=DeliveryFilter(delivery) if delivery else None,
            limit=RECIPIENTS_PAGE,
            offset=offset,
        )
        cells = _page_cells(rows)  # here, not on the event loop
        if not get_current_worker().is_cancelled:
            self.post_message(RecipientsPageLoaded(cells, offset, total))

    @on(RecipientsPageLoaded)
    def _show_page(self, message: RecipientsPageLoaded) -> None:
        cells, offset, total = message.cells, message.offset, message.total
        self.page_offset, self.page_total = offset, total
        recipients = self.query_one("#recipients", DataTable)
        keys = [key for key, _values in cells]
        if keys and not self._fill.filling and keys == [k.value for k in recipients.rows]:
            # the same page read again (receipts arriving): only the cells that changed,
            # a table of 500 rows rebuilt each time held the event loop ~100 ms
            columns = list(recipients.columns)
            for key, values in cells:
                for column, value in zip(columns, values, strict=True):
                    if recipients.get_cell(key, column) != value:
                        recipients.update_cell(key, column, value)
            return
        # a batch of rows per frame (widgets/table_fill.py); the page's line and buttons
        # follow once all of them are in, and meanwhile it names no page
        if len(cells) > ROWS_PER_FRAME:
            self.query_one("#page-info", Static).update("")
        self._fill.start(cells, lambda: self._page_shown(offset, len(cells), total))

    def _page_shown(self, offset: int, rows: int, total: int) -> None:
        if total:
            info = _("{first}–{last} sur {total}").format(
                first=count(offset + 1),
                last=count(offset + rows),
                total=count(total),
            )
        else:
            info = _("aucun destinataire")
        self.query_one("#page-info", Static).update(info)
        self.query_one("#page-prev", Button).disabled = offset == 0
        self.query_one("#page-next", Button).disabled = offset + rows >= total

    @on(CampaignDetailLoaded)
    async def _show(self, message: CampaignDetailLoaded) -> None:
        detail, events = message.detail, message.events
        self.detail = detail
        self.delivery = message.delivery
        s = detail.summary
        lines = [
            f"{s.label} — {state_label(s.state)}",
            _("Créée le {date}").format(date=short_date(s.created_at))
            + (
                " · " + _("programmée pour le {date}").format(date=short_date(s.scheduled_for))
                if s.scheduled_for
                else ""
            ),
            *summary_lines(s),
        ]
        if detail.sender or detail.message:
            lines.append(_("Émetteur : {sender}").format(sender=detail.sender or "—"))
            lines.append(_("Message : {text}").format(text=detail.message))
        if detail.send_times:
            from isend_tui.campaigns.send_times import describe

            lines.append(describe(detail.send_times))
        if detail.directory_name:
            lines.append(_("Répertoire : {name}").format(name=detail.directory_name))
        if message.delivery is not None and message.delivery.accepted:
            lines.append(delivery_line(message.delivery))
        if message.proof:
            lines.append(message.proof + "  " + _("(Ctrl+G : preuves en CSV)"))
        if s.error:
            lines.append("✗ " + s.error)
        self.query_one("#detail-summary", Static).update(shown_lines("\n".join(lines)))
        await self.query_one(CampaignResults).show(message.results, message.winner)
        panel = self.query_one("#uncertain-panel")
        panel.display = bool(detail.uncertain_batches)
        table = self.query_one("#uncertain", DataTable)
        table.clear()
        for batch in detail.uncertain_batches:
            table.add_row(
                str(batch.id),
                count(batch.uncertain_numbers or batch.size),
                short_date(batch.started_at),
                shown(batch.error or ""),
                key=str(batch.id),
            )
        log = self.query_one("#detail-log", FittingLog)
        log.clear()
        for event in events:
            log.write(shown_lines(event.line()))

    def _selected_batch(self) -> int | None:
        table = self.query_one("#uncertain", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return int(key) if key else None

    @on(Button.Pressed, "#check")
    def _check(self) -> None:
        self._resolve("check")

    @on(Button.Pressed, "#mark-sent")
    def _mark_sent(self) -> None:
        self._resolve("mark_sent")

    @on(Button.Pressed, "#resend")
    def _resend(self) -> None:
        self._resolve("resend")

    def _resolve(self, decision: str) -> None:
        batch_id = self._selected_batch()
        if batch_id is None:
            return
        bodies = {
            "check": _(
                "Lire le rapport d'envoi d'iSendPro pour ce lot : les numéros qui y figurent "
                "sont marqués envoyés, les autres sont envoyés maintenant."
            ),
            "mark_sent": _(
                "Considérer tous les SMS du lot {id} comme envoyés (rien ne sera renvoyé)."
            ).format(id=batch_id),
            "resend": _(
                "Renvoyer tout le lot {id} : les destinataires qui l'ont déjà reçu le recevront "
                "deux fois, et chaque SMS est facturé."
            ).format(id=batch_id),
        }

        def answer(ok: bool | None) -> None:
            if ok:
                self.isend.campaigns.resolve(self.campaign_id, batch_id, decision)
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal(_("Lot {id} incertain").format(id=batch_id), bodies[decision]), answer
        )

    @on(CampaignResults.RemainderReleased)
    def _remainder_released(self) -> None:
        self.dismiss(None)  # its sending shows in État des campagnes, like a resumed one

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
