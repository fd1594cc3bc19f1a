"""Yes/no confirmation before anything that costs money or deletes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from isend_tui.i18n import N_, _
from isend_tui.ui.shell.bindings import TranslatedBindings


class ConfirmModal(TranslatedBindings, ModalScreen[bool]):
    BINDINGS = [
        Binding("o", "answer(True)", N_("Oui"), show=False),
        Binding("y", "answer(True)", N_("Oui"), show=False),
        Binding("n", "answer(False)", N_("Non"), show=False),
        Binding("escape", "answer(False)", N_("Annuler")),
    ]

    def __init__(self, title: str, body: str, *, yes: str | None = None) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._yes = yes or _("Oui")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self._title
            yield Static(self._body, id="confirm-body", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self._yes} (o)", id="yes", variant="primary")
                yield Button(_("Non (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
