"""Automatisations: the flows (abandoned cart, birthday, win-back, after delivery, back in
stock) with their state and what each sent in the last 7 and 30 days and the orders that
followed; Space turns one on or off (checked first), Enter edits it, Ctrl+P previews who
would get it in the next 24 hours. The watcher runs them (automations/runner.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from isend_tui.errors import UserError
from isend_tui.formatting import count, moment, money
from isend_tui.i18n import N_, _
from isend_tui.ui.messages import FlowPreviewed, FlowsLoaded
from isend_tui.ui.safe import shown, shown_lines
from isend_tui.ui.shell.base import ISendModal, SectionScreen

if TYPE_CHECKING:
    from isend_tui.automations.flow_settings import FlowSettings
    from isend_tui.automations.flows import Flow
    from isend_tui.automations.overview import FlowSummary
    from isend_tui.context import AppContext
    from isend_tui.results.messages import MessageFigures
    from isend_tui.shop.connection import ShopConnection

COLUMNS = (
    N_("Automatisation"),
    N_("État"),
    N_("Envoyés 7 j"),
    N_("Envoyés 30 j"),
    N_("Commandes 30 j"),
    N_("CA 30 j"),
    N_("Délais"),
    N_("Texte"),
)


def _cells(summary: FlowSummary, earned: MessageFigures | None, read: bool) -> tuple[str, ...]:
    """`read`: the shop was read (a flow without SMS then has no order: 0)."""
    s = summary.settings
    state = _("activée") if s.enabled else _("désactivée")
    if summary.problem:
        state += " !"
    orders = "—" if not read else count(earned.orders if earned else 0)
    revenue = "—" if not read else (money(earned.revenue, earned.currency) if earned else "0")
    return (
        summary.title,
        state,
        count(summary.last_7_days.sent),
        count(summary.last_30_days.sent),
        orders,
        revenue,
        ", ".join(str(d) for d in s.delays) or "—",
        " ".join(s.text.split())[:40],
    )


class AutomationsScreen(SectionScreen):
    MODE = "automations"
    BINDINGS = [
        Binding("space", "switch", N_("Activer / désactiver"), id="automations.toggle"),
        Binding("enter", "edit", N_("Modifier"), id="automations.edit", show=False),
        Binding("ctrl+p", "preview", N_("Aperçu 24 h"), id="automations.preview"),
        Binding("ctrl+l", "reload", N_("Actualiser"), id="automations.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.flows: list[FlowSummary] = []
        self.earned: dict[str, MessageFigures] | None = None

    def compose_body(self) -> ComposeResult:
        table: DataTable[str] = DataTable(id="flows", cursor_type="row")
        table.border_title = _("Automatisations (SMS marketing envoyés par le watcher)")
        yield table
        yield Static("", id="flow-problem", markup=False)
        yield Static(
            _(
                "Espace : activer ou désactiver · Entrée : modifier le texte, les délais, le "
                "code · Ctrl+P : qui le recevrait dans les 24 h"
            ),
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        table = self.query_one("#flows", DataTable)
        for name in COLUMNS:
            table.add_column(_(name), key=name)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="automations", exit_on_error=False)
    def load(self, note: str = "") -> None:
        from datetime import timedelta

        from isend_tui.automations.overview import list_flows
        from isend_tui.results.messages import message_results

        ctx = self.isend.ctx
        now = self.isend.clock()
        earned = None
        try:
            with _shop(ctx) as conn:
                flows = list_flows(ctx.store, now, conn=conn)
                earned = message_results(
                    ctx.store,
                    conn,
                    by="flow",
                    since=now - timedelta(days=30),
                    until=now,
                    days=ctx.settings.attribution_days,
                )
        except UserError:  # the shop unreachable: the figures without the orders
            flows = list_flows(ctx.store, now)
        self.post_message(FlowsLoaded(flows, note, earned))

    @on(FlowsLoaded)
    def _show(self, message: FlowsLoaded) -> None:
        self.flows, self.earned = message.flows, message.earned
        earned, read = message.earned or {}, message.earned is not None
        table = self.query_one("#flows", DataTable)
        row = table.cursor_row
        table.clear()
        for summary in self.flows:
            cells = _cells(summary, earned.get(summary.flow.value), read)
            table.add_row(*(shown(c) for c in cells), key=summary.flow.value)
        if self.flows:
            table.move_cursor(row=min(max(row, 0), len(self.flows) - 1))
        problems = [f"✗ {s.title} : {s.problem}" for s in self.flows if s.problem]
        self.query_one("#flow-problem", Static).update(
            shown_lines("\n".join([*problems, message.note]).strip())
        )

    def _current(self) -> FlowSummary | None:
        table = self.query_one("#flows", DataTable)
        if not self.flows or not 0 <= table.cursor_row < len(self.flows):
            return None
        return self.flows[table.cursor_row]

    def action_switch(self) -> None:
        current = self._current()
        if current is not None:
            self.toggle(current.flow, not current.settings.enabled)

    @work(thread=True, exclusive=True, group="automations-edit", exit_on_error=False)
    def toggle(self, flow: Flow, enabled: bool) -> None:
        from isend_tui.automations.flow_settings import edit_flow
        from isend_tui.automations.overview import flow_problem

        ctx = self.isend.ctx
        try:
            if enabled:
                with _shop(ctx) as conn:
                    problem = flow_problem(conn, flow)
                if problem:
                    raise UserError(problem, field="back_in_stock")
            edit_flow(ctx.store, flow, self.isend.clock(), enabled=enabled)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)  # (thread-safe)
            return
        note = _("{flow} activée.") if enabled else _("{flow} désactivée.")
        self.load(note.format(flow=flow.value))

    @on(DataTable.RowSelected, "#flows")
    def _row_selected(self) -> None:
        self.action_edit()  # Enter on the table

    def action_edit(self) -> None:
        current = self._current()
        if current is None:
            return

        def saved(note: str | None) -> None:
            if note:
                self.load(note)

        self.app.push_screen(FlowEditor(current.settings, current.title), saved)

    def action_preview(self) -> None:
        current = self._current()
        if current is not None:
            self.preview(current.flow, current.title)

    @work(thread=True, exclusive=True, group="automations-preview", exit_on_error=False)
    def preview(self, flow: Flow, title: str) -> None:
        from isend_tui.automations.overview import preview

        ctx = self.isend.ctx
        try:
            with _shop(ctx) as conn:
                items = preview(conn, ctx.store, ctx.settings, flow, self.isend.clock())
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)  # (thread-safe)
            return
        lines = [
            f"{moment(i.leaves) if i.leaves else '—'}  {i.name}  {i.number or '—'}  "
            f"[{i.outcome}]\n    {i.text}" + (f"\n    {i.detail}" if i.detail else "")
            for i in items
        ]
        text = "\n".join(lines) or _("Personne dans les 24 prochaines heures.")
        self.post_message(FlowPreviewed(title, text))

    @on(FlowPreviewed)
    def _previewed(self, message: FlowPreviewed) -> None:
        self.app.push_screen(PreviewModal(message.title, message.text))


def _shop(ctx: AppContext) -> ShopConnection:
    """The shop of the settings, read-only (raises a UserError when it cannot be reached)."""
    from isend_tui.config import shop_dsn
    from isend_tui.shop.info import open_shop

    return open_shop(shop_dsn(None, ctx.settings))


class PreviewModal(ISendModal[None]):
    NAME = N_("Aperçu de l'automatisation")
    BINDINGS = [Binding("escape", "close", N_("Fermer"))]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="flow-preview") as box:
            box.border_title = _("{flow} : qui le recevrait dans les 24 h").format(
                flow=self.title_text
            )
            yield Static(shown_lines(self.text), markup=False)
            yield Button(_("Fermer"), id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


class FlowEditor(ISendModal[str | None]):
    """Every setting of one flow (text, delays or hour, code, lawful basis), as the CLI's
    `automations edit` has them; checked and saved together."""

    NAME = N_("Modifier l'automatisation")
    BINDINGS = [
        Binding("escape", "close", N_("Fermer")),
        Binding("ctrl+s", "save", N_("Enregistrer")),
    ]

    def __init__(self, settings: FlowSettings, title: str) -> None:
        super().__init__()
        self.settings = settings
        self.title_text = title

    def compose(self) -> ComposeResult:
        from isend_tui.automations.flows import FLOWS, DelayUnit, variable_label
        from isend_tui.segments.basis import Basis, basis_label

        s = self.settings
        definition = FLOWS[s.flow]
        with VerticalScroll(id="flow-editor") as box:
            box.border_title = self.title_text
            yield Static(_(definition.description), classes="hint", markup=False)
            yield Label(_("Texte"))
            yield Input(s.text, id="flow-text")
            names = [
                f"{{{name}}}" + (f" ({label})" if (label := variable_label(name)) else "")
                for name in definition.variables
            ]
            yield Static(
                _("Variables : {names}").format(names=", ".join(names)),
                classes="hint",
                markup=False,
            )
            if definition.unit is not DelayUnit.NONE:
                unit = _("heures") if definition.unit is DelayUnit.HOURS else _("jours")
                label = (
                    _("Délais en {unit} (une relance par délai, séparés par des virgules)")
                    if definition.many_steps
                    else _("Délai en {unit}")
                )
                yield Label(label.format(unit=unit))
                yield Input(",".join(str(d) for d in s.delays), id="flow-delays")
            if definition.hour is not None:
                yield Label(_("Heure d'envoi (0 à 23, heure de la boutique)"))
                yield Input(str(s.hour if s.hour is not None else definition.hour), id="flow-hour")
            yield Label(_("Code promo ({voucher}, créé dans la boutique)"))
            yield Input(s.voucher, id="flow-voucher")
            yield Label(_("Base légale (gardée en preuve pour chaque destinataire)"))
            yield Select(
                [(basis_label(b.value), b.value) for b in Basis],
                value=s.basis.value,
                allow_blank=False,
                id="flow-basis",
                compact=True,
            )
            yield Static("", id="flow-error", markup=False)
            yield Button(_("Enregistrer"), id="save", variant="primary")

    def _value(self, selector: str) -> str | None:
        found = self.query(selector)
        return found.first(Input).value if found else None

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        from isend_tui.automations.flow_settings import edit_flow

        try:
            edit_flow(
                self.isend.ctx.store,
                self.settings.flow,
                self.isend.clock(),
                text=self.query_one("#flow-text", Input).value,
                delays=self._value("#flow-delays"),
                hour=self._value("#flow-hour"),
                voucher=self.query_one("#flow-voucher", Input).value,
                basis=str(self.query_one("#flow-basis", Select).value),
            )
        except UserError as exc:
            self.query_one("#flow-error", Static).update(shown("✗ " + exc.message))
            return
        self.dismiss(_("{flow} enregistrée.").format(flow=self.settings.flow.value))

    def action_close(self) -> None:
        self.dismiss(None)
