"""Naming a segment to save it, and picking a saved one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from isend_tui.i18n import N_, _
from isend_tui.ui.shell.bindings import TranslatedBindings


class SaveSegmentDialog(TranslatedBindings, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Annuler"))]

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self._name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Enregistrer la sélection")
            yield Label(_("Nom de la sélection (Entrée pour enregistrer, Échap pour annuler)"))
            yield Input(self._name, id="segment-name")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadSegmentDialog(TranslatedBindings, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Annuler"))]

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self._names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Ouvrir une sélection")
            yield OptionList(*[Option(name, id=name) for name in self._names])

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
