"""The notification rules as a table: Enter edits, Space enables/disables, Delete deletes.

Enabled or not is written (✓ oui / ✗ non), never shown by colour alone.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from isend_tui.i18n import N_, _
from isend_tui.notifications import RuleView
from isend_tui.ui.safe import shown
from isend_tui.ui.shell.bindings import TranslatedBindings

TEXT_WIDTH = 48


def short(text: str, width: int) -> str:
    """One line of at most `width` characters, "…" when cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def enabled_label(enabled: bool) -> str:
    return "✓ " + _("oui") if enabled else "✗ " + _("non")


class RulesTable(TranslatedBindings, DataTable[Any]):
    BINDINGS = [
        Binding("space", "rule('toggle')", N_("Activer/désactiver"), id="rules.toggle"),
        Binding("delete", "rule('delete')", N_("Supprimer"), id="rules.delete"),
        Binding("e", "rule('edit')", N_("Modifier"), show=False, id="rules.edit"),
        Binding("d", "rule('delete')", N_("Supprimer"), show=False),
    ]

    class RuleAction(Message):
        """The merchant asked to edit, toggle or delete a rule."""

        def __init__(self, table: RulesTable, rule_id: int, action: str) -> None:
            super().__init__()
            self.table = table
            self.rule_id = rule_id
            self.action = action

        @property
        def control(self) -> RulesTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_columns(
            (_("Active"), "enabled"),
            (_("Événement"), "event"),
            (_("Émetteur"), "sender"),
            (_("Texte"), "text"),
        )

    def show(
        self, rules: list[RuleView], *, default_sender: str, select: int | None = None
    ) -> None:
        """Replace the rows, keeping the cursor on the same rule (or on `select`)."""
        keep = select if select is not None else self.current_rule_id()
        self.clear()
        for rule in rules:
            sender = rule.sender or _("défaut ({sender})").format(
                sender=default_sender or _("compte")
            )
            self.add_row(
                enabled_label(rule.enabled),
                shown(rule.label),
                shown(sender),
                shown(short(rule.text, TEXT_WIDTH)),
                key=str(rule.id),
            )
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))

    def current_rule_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_rule(self, action: str) -> None:
        rule_id = self.current_rule_id()
        if rule_id is not None:
            self.post_message(self.RuleAction(self, rule_id, action))

    @on(DataTable.RowSelected)
    def _enter(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.RuleAction(self, int(event.row_key.value), "edit"))
