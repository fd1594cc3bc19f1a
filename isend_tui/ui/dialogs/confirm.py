"""Yes/no confirmation before anything that costs money or deletes.

The body scrolls; the question and the buttons stay in view at every size (at 80x24 a long
plan hid the question and the buttons, and a send that cannot be cancelled was confirmed
blind). Toasts wait until the dialog is answered (`held`, shown by the App)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.notifications import SeverityLevel
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

    def __init__(
        self, title: str, body: str, *, yes: str | None = None, question: str | None = None
    ) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._question = question
        self._yes = yes or _("Oui")
        self.held: list[tuple[str, str, SeverityLevel, float | None]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self._title
            with VerticalScroll(id="confirm-scroll"):
                yield Static(self._body, id="confirm-body", markup=False)
            if self._question:
                yield Static(self._question, id="confirm-question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self._yes} (o)", id="yes", variant="primary")
                yield Button(_("Non (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self._answer(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self._answer(event.button.id == "yes")

    def _answer(self, answer: bool) -> None:
        held, self.held = self.held, []
        self.dismiss(answer)
        for message, title, severity, timeout in held:
            self.app.notify(message, title=title, severity=severity, timeout=timeout)
