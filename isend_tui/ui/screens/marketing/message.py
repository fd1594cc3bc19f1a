"""Message: the sender and the text of the campaign, with the SMS counter (which counts
the STOP mention a customised sender adds)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.ui.shell.base import ScreenPart
from isend_tui.ui.widgets.form_field import FormField
from isend_tui.ui.widgets.message_editor import MessageEditor


class MessageTab(VerticalScroll, ScreenPart):
    """The Message tab."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(id="message", can_focus=False, **kwargs)

    def compose(self) -> ComposeResult:
        from isend_tui.config import field_problem

        with Vertical(classes="panel") as panel:
            panel.border_title = _("Votre message")
            yield FormField(
                "campaign_sender",
                _("Émetteur"),
                self.isend.ctx.settings.sender,
                help_text=_(
                    "4 à 11 lettres sans accent ou chiffres, pas uniquement des chiffres ; "
                    "vide = émetteur par défaut du compte (sans mention STOP ajoutée)."
                ),
                check=lambda v: field_problem("sender", v) if v else None,
            )
            yield MessageEditor(
                variables=[
                    ("client_name", _("nom du client")),
                    ("client_surname", _("prénom du client")),
                    ("client_email", _("e-mail du client")),
                ],
                marketing=True,
                sender=self._sender_value,
                id="campaign-message",
            )
            yield Static(
                _(
                    "Le nombre de SMS est donné pour le texte tapé ; après fusion des "
                    "variables, le total réel est montré avant tout envoi."
                ),
                classes="hint",
                markup=False,
            )

    def _sender_value(self) -> str:
        fields = self.query("#field-campaign_sender")
        if not fields:
            return self.isend.ctx.settings.sender
        return fields.first(FormField).value

    @on(Input.Changed, "#input-campaign_sender")
    def _sender_changed(self) -> None:
        editors = self.query(MessageEditor)
        if editors:
            editors.first().refresh_counter()

    def checked_sender(self) -> str:
        """The sender typed; its problem, if any, is shown under it and raised."""
        sender_field = self.query_one("#field-campaign_sender", FormField)
        problem = sender_field.show_problem()
        if problem:
            raise UserError(_("Émetteur : {problem}").format(problem=problem), field="sender")
        return sender_field.value

    def checked_message(self) -> str:
        """The text typed, unless it is empty or the counter found a blocking problem."""
        editor = self.query_one("#campaign-message", MessageEditor)
        blocking = [p for p in editor.problems if p.startswith("✗")]
        if not editor.text.strip():
            raise UserError(_("Le message est vide : écrivez-le dans l'onglet Message."))
        if blocking:
            raise UserError(blocking[0].removeprefix("✗ "), field="message")
        return editor.text
