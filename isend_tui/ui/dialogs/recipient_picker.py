"""Choosing one row from a short list: the recipient whose message is sent as a test, or
shown merged in the Message tab's preview. Names are customer data: made inert, never
read as markup."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from isend_tui import formatting
from isend_tui.i18n import N_, _
from isend_tui.ui.safe import shown
from isend_tui.ui.shell.bindings import TranslatedBindings


def _row_label(row: dict[str, Any]) -> str:
    name = f"{row['firstname']} {row['lastname']}".strip()
    parts = _("{n} SMS").format(n=formatting.count(int(row["parts"])))
    return f"{name} · {row['number']} · {parts}"


class RecipientPicker(TranslatedBindings, ModalScreen[int | None]):
    """The merged message of the chosen recipient goes to the admin phone."""

    BINDINGS = [Binding("escape", "cancel", N_("Annuler"))]

    def __init__(
        self, rows: list[dict[str, Any]], *, title: str | None = None, hint: str | None = None
    ) -> None:
        super().__init__()
        self._rows = rows
        self._title = title or _("Envoyer un test : choisissez le destinataire")
        self._hint = hint or _(
            "Son message personnalisé sera envoyé au mobile de l'administrateur."
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self._title
            yield Static(self._hint, markup=False)
            yield OptionList(
                *[Option(shown(_row_label(row)), id=str(row["id"])) for row in self._rows],
                id="recipient-list",
            )

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
