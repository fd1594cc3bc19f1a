"""Liste d'exclusion: the numbers that never receive marketing (STOP requests, the account's
blacklist, numbers iSendPro refused with code 11). Opened from Envoi de SMS marketing.

What the merchant adds or removes here is pushed to the account's blacklist at once (and
retried by the watcher while the gateway is down); the iSendPro column shows each push."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Static

from isend_tui import formatting
from isend_tui.errors import UserError
from isend_tui.formatting import count, plural
from isend_tui.i18n import N_, _
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.messages import SuppressionListLoaded
from isend_tui.ui.safe import shown
from isend_tui.ui.shell.base import ISendModal

SHOWN = 500  # the most recent; `isend-tui suppression list` prints them all
WITHDRAWN = "withdrawn:"  # row key of a withdrawal still to push (not removable again)


def _paris(stamp: str) -> str:
    """The stored UTC moment as the merchant's (Paris) time."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return formatting.moment(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


class SuppressionDialog(ISendModal[bool]):
    """Dismissed with True when the list changed (the live count must be redone)."""

    NAME = N_("Liste d'exclusion")

    BINDINGS = [
        Binding("escape", "close", N_("Fermer")),
        Binding("delete", "remove", N_("Retirer le numéro"), id="suppression.remove"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="suppression-dialog") as box:
            box.border_title = _("Liste d'exclusion (jamais de SMS marketing)")
            yield Label(_("Numéro à exclure (Entrée pour l'ajouter)"), classes="field-label")
            with Horizontal(classes="suppression-add"):
                yield Input(placeholder="06 12 34 56 78", id="suppression-number", compact=True)
                yield Input(placeholder=_("note (origine de la demande)"), id="suppression-note",
                            compact=True)  # fmt: skip
            table: DataTable[Text] = DataTable(id="suppression-table", cursor_type="row")
            table.border_title = _("Numéros exclus")
            yield table
            yield Static("", id="suppression-status", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Retirer le numéro"), id="suppression-remove", compact=True)
                yield Button(
                    _("Importer la liste noire iSendPro"), id="suppression-import", compact=True
                )
                yield Button(_("Fermer"), id="suppression-close", compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#suppression-table", DataTable)
        table.add_columns(_("Numéro"), _("Origine"), _("Note"), _("Ajouté le"), _("iSendPro"))
        self.query_one("#suppression-number", Input).focus()
        self.load()

    # ------------------------------------------------------------------ reading

    @work(thread=True, exclusive=True, group="suppression-load", exit_on_error=False)
    def load(self) -> None:
        from isend_tui.campaigns.suppression import list_entries, withdrawals
        from isend_tui.health.chores import last_import_line

        store = self.isend.ctx.store
        self.post_message(
            SuppressionListLoaded(
                list_entries(store, limit=SHOWN), withdrawals(store), last_import_line(store)
            )
        )

    @on(SuppressionListLoaded)
    def _show(self, message: SuppressionListLoaded) -> None:
        from isend_tui.campaigns.suppression import source_label

        entries = message.entries

        table = self.query_one("#suppression-table", DataTable)
        table.clear()
        for e in entries:
            added = _paris(e.added_at)
            push = e.push.label() if e.push is not None else ""
            cells = (e.number, source_label(e.source), e.note, added, push)
            table.add_row(*(shown(c) for c in cells), key=e.number)
        for w in message.withdrawals:  # gone from the list, not yet from the account's
            cells = (w.number, _("retiré à la main"), "", _paris(w.at), w.label())
            table.add_row(*(shown(c) for c in cells), key=WITHDRAWN + w.number)
        table.border_subtitle = plural(len(entries), _("{n} numéro"), _("{n} numéros")).format(
            n=count(len(entries))
        )
        if message.last_import and not str(self.query_one("#suppression-status", Static).content):
            self._status(message.last_import)

    def _status(self, text: str) -> None:
        self.query_one("#suppression-status", Static).update(text)

    # ------------------------------------------------------------------ actions

    @on(Input.Submitted)
    def _submitted(self) -> None:
        number = self.query_one("#suppression-number", Input).value.strip()
        if number:
            self.add_number(number, self.query_one("#suppression-note", Input).value)

    @work(exclusive=True, group="suppression-change", exit_on_error=False)
    async def add_number(self, raw: str, note: str) -> None:
        from isend_tui.campaigns.suppression import actor, add_manual

        store = self.isend.ctx.store
        try:
            number = await asyncio.to_thread(add_manual, store, raw, note=note, by=actor("tui"))
        except UserError as exc:
            self._status(f"✗ {exc.message}")
            return
        self.changed = True
        done = _("✓ {number} ajouté à la liste d'exclusion.").format(number=number)
        self._status(done)
        self.query_one("#suppression-number", Input).value = ""
        self.query_one("#suppression-note", Input).value = ""
        self.load()
        self.push(done)

    @work(group="suppression-push", exit_on_error=False)
    async def push(self, done: str) -> None:
        """Push the change (and any still waiting) to the account's blacklist, then show
        its outcome; a gateway that is down leaves it waiting for the watcher."""
        from isend_tui.campaigns.suppression import push_changes

        try:
            line = (await push_changes(self.isend.ctx.store, self.isend.gateway_client())).line()
        except UserError as exc:
            line = _("Liste noire iSendPro : envoi en attente ({reason}).").format(
                reason=exc.message
            )
        if line:
            self._status(done + "\n" + line)
        self.load()

    @on(Button.Pressed, "#suppression-remove")
    def action_remove(self) -> None:
        table = self.query_one("#suppression-table", DataTable)
        if not table.row_count:
            return
        number = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if number and not number.startswith(WITHDRAWN):
            self.remove_number(number)

    @work(exclusive=True, group="suppression-change", exit_on_error=False)
    async def remove_number(self, number: str) -> None:
        from isend_tui.campaigns.suppression import actor, remove

        question = _(
            "Retirer {number} de la liste d'exclusion ? Il pourra de nouveau recevoir vos "
            "SMS marketing et sera retiré de la liste noire iSendPro ; le retrait est noté "
            "au journal (suppression history)."
        ).format(number=number)
        if not await self.app.push_screen_wait(
            ConfirmModal(_("Retirer le numéro"), question, yes=_("Retirer"))
        ):
            return
        try:
            await asyncio.to_thread(remove, self.isend.ctx.store, number, by=actor("tui"))
        except UserError as exc:
            self._status(f"✗ {exc.message}")
            return
        self.changed = True
        done = _("✓ {number} retiré de la liste d'exclusion.").format(number=number)
        self._status(done)
        self.load()
        self.push(done)

    @on(Button.Pressed, "#suppression-import")
    def action_import_blacklist(self) -> None:
        self._status(_("Lecture de la liste noire du compte iSendPro…"))
        self.import_blacklist()

    @work(exclusive=True, group="suppression-change", exit_on_error=False)
    async def import_blacklist(self) -> None:
        from isend_tui.campaigns.suppression import import_blacklist

        try:
            result = await import_blacklist(self.isend.ctx.store, self.isend.gateway_client())
        except UserError as exc:
            self._status(f"✗ {exc.message}")
            return
        self.changed = self.changed or result.added > 0
        self._status("✓ " + result.message())
        self.load()

    @on(Button.Pressed, "#suppression-close")
    def action_close(self) -> None:
        self.dismiss(self.changed)
