"""État des notifications: the last 500 notifications, filtered by event and return code,
with the detail of one (Enter). Follows the watcher live: this app's watcher reports on a
Signal, and a watcher in another process is noticed by a cheap check of the store every
CHECK_INTERVAL_S seconds (the table is reloaded only when something changed).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Select, Static

from isend_tui import formatting
from isend_tui.delivery.queries import SmsDelivery, notification_deliveries
from isend_tui.delivery.states import state_label as delivery_state_label
from isend_tui.errors import UserError
from isend_tui.formatting import count, plural
from isend_tui.i18n import N_, _
from isend_tui.notifications import (
    CATALOGUE,
    NotificationDetail,
    NotificationRow,
    PollReport,
    list_notifications,
    notification_detail,
)
from isend_tui.notifications.catalogue import Audience
from isend_tui.notifications.log import CODE_LABELS, log_fingerprint
from isend_tui.notifications.settle import settle_now
from isend_tui.ui.messages import (
    NotificationDetailLoaded,
    NotificationLogChanged,
    NotificationsLoaded,
    NotificationsLoadFailed,
    NotificationsSettled,
)
from isend_tui.ui.safe import shown, shown_lines
from isend_tui.ui.shell.base import SectionScreen
from isend_tui.ui.shell.bindings import TranslatedBindings

if TYPE_CHECKING:
    from textual.timer import Timer

    from isend_tui.ui.services.watcher_service import WatcherStatus

log = logging.getLogger(__name__)

LIMIT = 500
CHECK_INTERVAL_S = 2.0
MESSAGE_WIDTH = 32
DETAIL_WIDTH = 40
ALL = ""

_MARKERS = {"sent": "✓", "refused": "✗", "not_sent": "✗", "uncertain": "?"}


def _short(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


FIRST_ROWS = 60  # more than a tall terminal shows


def format_date(moment: datetime | None) -> str:
    """French time, whatever the server's zone (servers often run in UTC)."""
    if moment is None or moment == datetime.min:
        return ""
    return formatting.moment(moment, seconds=True)


def code_text(row: NotificationRow) -> str:
    """ "✓ 0 accepté", "✗ pas de numéro de mobile", "… à envoyer": a marker, then words."""
    marker = _MARKERS.get(row.state, "…")
    if not row.code:
        return f"{marker} {row.state_label}"
    if row.code_label and row.code_label != row.code:
        label = f"{row.code} {row.code_label}" if row.code.isdigit() else row.code_label
    else:
        label = row.code
    return f"{marker} {label}"


def delivery_text(row: NotificationRow, delivery: SmsDelivery | None) -> str:
    """What the receipts say of an accepted SMS ("" for one that was not accepted); the
    reason in words is in the notification's details."""
    if row.state != "sent":
        return ""
    return delivery.label if delivery is not None else delivery_state_label(None)


def row_cells(row: NotificationRow, delivery: SmsDelivery | None = None) -> tuple[Any, ...]:
    """The cells of one table row (inert: shop and gateway text is data)."""
    return (
        Text(str(row.id), justify="right"),
        Text(format_date(row.created_at)),
        shown(row.number or "—"),
        shown(code_text(row)),
        shown(delivery_text(row, delivery)),
        shown(_short(row.message, MESSAGE_WIDTH)),
        shown(_short(row.detail or row.state_label, DETAIL_WIDTH)),
        shown(row.sender or "—"),
    )


def event_options() -> list[tuple[Text, str]]:
    options: list[tuple[Text, str]] = [(Text(_("Tous les événements")), ALL)]
    ordered = sorted(
        CATALOGUE.values(), key=lambda e: (e.audience != Audience.ADMIN, e.custom_state, e.key)
    )
    for definition in ordered:
        label = definition.display_label(_("autres états"))
        options.append((Text(label), definition.key))
    return options


def code_options(extra: set[str]) -> list[tuple[Text, str]]:
    options: list[tuple[Text, str]] = [(Text(_("Tous les codes")), ALL)]
    for code, label in CODE_LABELS.items():
        text = f"{code} {_(label)}" if code.isdigit() else _(label)
        options.append((Text(text), code))
    for code in sorted(extra - set(CODE_LABELS)):
        options.append((Text(_("code {code}").format(code=code)), code))
    return options


def detail_text(detail: NotificationDetail, delivery: SmsDelivery | None = None) -> str:
    def line(label: str, value: object) -> str:
        return f"{label} : {value}" if value not in (None, "") else f"{label} : —"

    lines = [
        line(_("Événement"), detail.event_label),
        line(_("Date de création"), format_date(detail.created_at)),
        line(_("Numéro de portable"), detail.number),
        line(_("Émetteur"), detail.sender or _("défaut du compte")),
        line(_("État"), detail.state_label),
        line(_("Code retour"), code_text(detail)),
        line(_("Détail"), detail.detail),
        line(_("Envoyé le"), format_date(detail.sent_at)),
        line(_("Remise"), _delivery_detail(detail, delivery)),
        line(_("Essais"), detail.attempts),
        line(_("Prochain essai"), format_date(detail.next_attempt_at)),
        line(_("Commande (id)"), detail.id_order),
        line(_("Client (id)"), detail.id_customer),
        line(_("Destinataire"), detail.recipient),
        line(_("Encodage"), "UCS-2" if detail.ucs2 else "GSM-7"),
        line(_("Règle"), f"n°{detail.rule_id}" if detail.rule_id else ""),
        line(_("Mis à jour le"), format_date(detail.updated_at)),
        "",
        _("Message :"),
        detail.message or "—",
    ]
    if detail.rule_text is not None:
        lines += ["", _("Texte de la règle :"), detail.rule_text]
    return "\n".join(lines)


def _delivery_detail(row: NotificationRow, delivery: SmsDelivery | None) -> str:
    """The state, its reason in words and the receipt's time."""
    text = delivery_text(row, delivery)
    if delivery is not None and delivery.reason_words:
        text += " — " + delivery.reason_words
    if delivery is not None and delivery.at:
        text += " (" + formatting.stored_moment(delivery.at) + ")"
    return text


class NotificationDetailScreen(TranslatedBindings, ModalScreen[None]):
    """Every field of one notification, and its full message."""

    BINDINGS = [
        Binding("escape", "close", N_("Fermer")),
        Binding("enter", "close", N_("Fermer"), show=False),
    ]

    def __init__(self, detail: NotificationDetail, delivery: SmsDelivery | None = None) -> None:
        super().__init__()
        self.detail = detail
        self.delivery = delivery

    def compose(self) -> ComposeResult:
        with Vertical(id="notification-detail-box") as box:
            box.border_title = _("Notification n°{id}").format(id=self.detail.id)
            box.border_subtitle = _("Échap : fermer")
            with VerticalScroll(id="notification-detail-scroll"):
                yield Static(
                    shown_lines(detail_text(self.detail, self.delivery)), id="notification-detail"
                )

    def on_mount(self) -> None:
        self.query_one("#notification-detail-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class NotificationHistoryScreen(SectionScreen):
    MODE = "notification_history"
    AUTO_FOCUS = "#history-table"
    BINDINGS = [
        Binding("ctrl+l", "reload", N_("Actualiser"), id="history.reload"),
        Binding("ctrl+r", "settle", N_("Régler l'incertaine"), id="history.settle"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.last_load_ms: float | None = None
        self.load_count = 0
        """How many times the table was filled (a check that finds no change adds none)."""
        self.rows: dict[int, NotificationRow] = {}
        self._fingerprint: int | None = None
        self._dirty = False
        self._codes_seen: set[str] = set()
        self._event = ALL
        self._code = ALL
        self._loading = False
        self._check_timer: Timer | None = None
        self._pending: NotificationsLoaded | None = None  # read before the screen was mounted
        self._filling: NotificationsLoaded | None = None  # the rows going into the table

    def compose_body(self) -> ComposeResult:
        # The rows are read while the screen is built: opening costs max(read, build).
        self.load()
        yield Static("", id="history-status", markup=False)
        with Horizontal(id="history-filters"):
            yield Select(
                event_options(),
                value=ALL,
                allow_blank=False,
                id="filter-event",
                prompt=_("Événement"),
            )
            yield Select(
                code_options(set()),
                value=ALL,
                allow_blank=False,
                id="filter-code",
                prompt=_("Code retour"),
            )
        table: DataTable[Any] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.border_title = _("Les {n} dernières notifications").format(n=LIMIT)
        yield table
        yield Static(
            _("Entrée : détail · ←→ : défiler · Maj+Tab : filtres"),
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns(
            (_("ID"), "id"),
            (_("Date de création"), "created"),
            # The outcome before the message: at 80 columns it is still in view.
            (_("Numéro de portable"), "number"),
            (_("Code retour"), "code"),
            (_("Remise"), "delivery"),
            (_("Message"), "message"),
            (_("Détail"), "detail"),
            (_("Émetteur"), "sender"),
        )
        service = self.isend.watcher
        service.reports.subscribe(self, self._on_report)
        service.status_changed.subscribe(self, self._on_status)
        self._on_status(service.status)
        self._check_timer = self.set_interval(CHECK_INTERVAL_S, self._check_store)
        if self._pending is not None:
            self._show_rows(self._pending)
        elif self._loading:
            table.loading = True

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self._check_timer is not None:
            self._check_timer.resume()
        if self._dirty:
            self.load()
        elif self._check_timer is not None:
            self._check_store()  # a watcher elsewhere may have written while we were away

    def on_screen_suspend(self) -> None:
        if self._check_timer is not None:
            self._check_timer.pause()

    # ------------------------------------------------------------------ live updates

    def _on_status(self, status: WatcherStatus) -> None:
        self.query_one("#history-status", Static).update(status.line())

    def _on_report(self, report: PollReport) -> None:
        changed = (
            report.queued
            or report.sent
            or report.refused
            or report.not_sent
            or report.retried
            or report.uncertain
            or report.recovered_uncertain
            or report.waiting
        )
        if not changed:
            return
        if self.is_current:
            self.load()
        else:
            self._dirty = True

    def _check_store(self) -> None:
        if self.is_current and not self._loading:
            self.check_store(self._fingerprint)

    @work(thread=True, exclusive=True, group="history-check", exit_on_error=False)
    def check_store(self, shown: int | None) -> None:
        """Reload only when a watcher (maybe in another process) changed the log since the
        rows `shown` were read."""
        if log_fingerprint(self.isend.ctx.store, LIMIT) != shown:
            self.post_message(NotificationLogChanged())

    @on(NotificationLogChanged)
    def _log_changed(self) -> None:
        self.load()

    # ------------------------------------------------------------------ loading

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        self._dirty = False
        self._loading = True
        self.load_rows(self._event, self._code, time.perf_counter())

    @work(thread=True, exclusive=True, group="history-load", exit_on_error=False)
    def load_rows(self, event: str, code: str, started: float) -> None:
        store = self.isend.ctx.store
        try:
            fingerprint = log_fingerprint(store, LIMIT)  # before the rows: never misses one
            rows = list_notifications(store, LIMIT, event=event or None, code=code or None)
        except Exception:
            log.exception("could not read the notification log")
            self.post_message(NotificationsLoadFailed())
            return
        deliveries = notification_deliveries(store, [r.id for r in rows if r.state == "sent"])
        cells = [row_cells(r, deliveries.get(r.id)) for r in rows]
        self.post_message(NotificationsLoaded(rows, cells, fingerprint, started))

    @on(NotificationsLoadFailed)
    def _load_failed(self) -> None:
        self._loading = False
        self.query_one("#history-table", DataTable).loading = False
        self.notify(
            _("Lecture de l'historique impossible : voir le journal."),
            severity="error",
            timeout=8,
        )

    @on(NotificationsLoaded)
    def _show_rows(self, loaded: NotificationsLoaded) -> None:
        if self._check_timer is None:  # read before the screen was mounted: show on mount
            self._pending = loaded
            return
        self._pending = None
        table = self.query_one("#history-table", DataTable)
        keep = self.current_id()
        table.clear()
        self._filling = loaded
        # The rows a screen can show first, the rest right after that frame: measuring 500
        # rows would otherwise delay the first picture by ~150 ms.
        rows, cells = loaded.rows, loaded.cells
        for row, values in zip(rows[:FIRST_ROWS], cells[:FIRST_ROWS], strict=True):
            table.add_row(*values, key=str(row.id))
        table.loading = False
        self.call_after_refresh(self._shown, loaded.started)
        self.call_after_refresh(self._show_rest, loaded, keep)

    def _show_rest(self, loaded: NotificationsLoaded, keep: int | None) -> None:
        if loaded is not self._filling:
            return  # a newer load replaced these rows
        rows, cells, fingerprint = loaded.rows, loaded.cells, loaded.fingerprint
        table = self.query_one("#history-table", DataTable)
        for row, values in zip(rows[FIRST_ROWS:], cells[FIRST_ROWS:], strict=True):
            table.add_row(*values, key=str(row.id))
        self.rows = {r.id: r for r in rows}
        self.load_count += 1
        self._fingerprint = fingerprint
        self._loading = False
        if keep is not None and keep in self.rows:
            table.move_cursor(row=table.get_row_index(str(keep)), scroll=True)
        table.border_subtitle = (
            plural(len(rows), _("{n} affichée"), _("{n} affichées")).format(n=count(len(rows)))
            if rows
            else _("aucune notification")
        )
        if not self._event and not self._code:
            self._add_seen_codes({r.code for r in rows if r.code})

    def _shown(self, started: float) -> None:
        """The rows are on screen: note how long reading and showing them took."""
        self.last_load_ms = (time.perf_counter() - started) * 1000
        log.debug("notification history shown in %.1f ms", self.last_load_ms)

    def _add_seen_codes(self, codes: set[str]) -> None:
        new = codes - set(CODE_LABELS) - self._codes_seen
        if not new:
            return
        self._codes_seen |= new
        select = self.query_one("#filter-code", Select)
        with select.prevent(Select.Changed):
            select.set_options(code_options(self._codes_seen))
            select.value = self._code

    def current_id(self) -> int | None:
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    @on(Select.Changed, "#filter-event, #filter-code")
    def _filter_changed(self, event: Select.Changed) -> None:
        event_value = self.query_one("#filter-event", Select).value
        code_value = self.query_one("#filter-code", Select).value
        new_event = event_value if isinstance(event_value, str) else ALL
        new_code = code_value if isinstance(code_value, str) else ALL
        if (new_event, new_code) != (self._event, self._code):
            self._event, self._code = new_event, new_code
            self.load()

    # ------------------------------------------------------------------ detail

    @on(DataTable.RowSelected, "#history-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.show_detail(int(event.row_key.value))

    @work(thread=True, exclusive=True, group="history-detail", exit_on_error=False)
    def show_detail(self, notification_id: int) -> None:
        try:
            detail = notification_detail(self.isend.ctx.store, notification_id)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=8)  # (thread-safe)
            return
        delivery = notification_deliveries(self.isend.ctx.store, [notification_id])
        self.post_message(NotificationDetailLoaded(detail, delivery.get(notification_id)))

    @on(NotificationDetailLoaded)
    def _show_detail(self, message: NotificationDetailLoaded) -> None:
        self.app.push_screen(NotificationDetailScreen(message.detail, message.delivery))

    # ------------------------------------------------------------------ settling

    def action_settle(self) -> None:
        """Settle the uncertain notification under the cursor from iSendPro's report."""
        table = self.query_one("#history-table", DataTable)
        row = None
        if table.row_count and 0 <= table.cursor_row < table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            row = self.rows.get(int(key)) if key is not None else None
        if row is None or row.state != "uncertain":
            self.notify(
                _("Placez le curseur sur une notification incertaine (?) pour la régler."),
                severity="warning",
            )
            return
        self.notify(_("Vérification dans le rapport iSendPro…"), timeout=3)
        self.settle_one(row.id)

    @work(thread=True, exclusive=True, group="history-settle", exit_on_error=False)
    def settle_one(self, notification_id: int) -> None:
        ctx = self.isend.ctx
        try:
            outcome = settle_now(ctx.store, ctx.settings, [notification_id])
        except UserError as exc:
            self.post_message(NotificationsSettled(exc.message, failed=True))
            return
        self.post_message(NotificationsSettled(outcome.line()))

    @on(NotificationsSettled)
    def _settled(self, message: NotificationsSettled) -> None:
        self.notify(message.line, severity="error" if message.failed else "information", timeout=8)
        self.load()
