"""Message: the sender and the text of the campaign, with the SMS counter (which counts
the STOP mention a customised sender adds), a preview of the text merged for a customer
of the selection, chosen in the same picker as the test SMS, and the A/B test's other
texts (variants.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from isend_tui.errors import UserError

if TYPE_CHECKING:
    from isend_tui.campaigns.preview import PreviewRow
from isend_tui import formatting
from isend_tui.campaigns.draws import TEXT_LETTERS
from isend_tui.i18n import _
from isend_tui.safe_text import terminal_safe
from isend_tui.ui.screens.marketing.variants import VariantTexts
from isend_tui.ui.shell.base import ScreenPart
from isend_tui.ui.widgets.form_field import FormField
from isend_tui.ui.widgets.message_editor import MessageEditor


def campaign_variables() -> list[tuple[str, str]]:
    """The variables a campaign's texts may merge, with their descriptions."""
    return [
        ("client_name", _("nom du client")),
        ("client_surname", _("prénom du client")),
        ("client_email", _("e-mail du client")),
    ]


class MessageTab(VerticalScroll, ScreenPart):
    """The Message tab."""

    def __init__(self, segment: Callable[[], dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(id="message", can_focus=False, **kwargs)
        self._segment = segment

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
                variables=campaign_variables(),
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
            with Horizontal(classes="buttons"):
                yield Button(_("Aperçu pour un client…"), id="merge-preview")
            merged = Static("", id="merged-preview", markup=False)
            merged.display = False  # until a customer is chosen
            yield merged
        yield VariantTexts(self._variant_editor)

    def _variant_editor(self) -> MessageEditor:
        return MessageEditor(
            variables=campaign_variables(),
            marketing=True,
            sender=self._sender_value,
            classes="variant-editor",
        )

    @on(VariantTexts.Counted)
    def _variants_counted(self, event: VariantTexts.Counted) -> None:
        """The message is text A while it has variants."""
        editor = self.query_one("#campaign-message", MessageEditor)
        editor.title = _("Texte A") if event.variants else _("Texte du SMS")

    def _sender_value(self) -> str:
        fields = self.query("#field-campaign_sender")
        if not fields:
            return self.isend.ctx.settings.sender
        return fields.first(FormField).value

    @on(Input.Changed, "#input-campaign_sender")
    def _sender_changed(self) -> None:
        for editor in self.query(MessageEditor):  # the STOP mention counts in every text
            editor.refresh_counter()

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

    def checked_variants(self) -> tuple[str, ...]:
        """The A/B test's other texts (B, C, D; none without a test), each checked like the
        message; a UserError names the text."""
        return self.query_one(VariantTexts).checked_variants()

    @on(Button.Pressed, "#merge-preview")
    def _preview_pressed(self) -> None:
        self.preview_for_a_customer()

    @work(exclusive=True, group="merge-preview", exit_on_error=False)
    async def preview_for_a_customer(self) -> None:
        """Choose one of the selection's first customers; show the text they would get."""
        shown = self.query_one("#merged-preview", Static)
        shown.display = True
        try:
            rows = await self._preview_rows()
        except UserError as exc:
            shown.update("✗ " + exc.message)
            return
        if not rows:
            shown.update(_("Aucun destinataire dans la sélection : rien à prévisualiser."))
            return
        from isend_tui.ui.dialogs.recipient_picker import RecipientPicker

        picked = await self.app.push_screen_wait(
            RecipientPicker(
                [row.as_dict() for row in rows],
                title=_("Aperçu : choisissez le client"),
                hint=_("Son message personnalisé est affiché ici ; rien n'est envoyé."),
            )
        )
        row = next((r for r in rows if r.id == picked), None)
        if row is None:
            return
        name = f"{row.firstname} {row.lastname}".strip() or row.number
        head = _("Aperçu pour {name} ({number}), {n} SMS :").format(
            name=terminal_safe(name), number=row.number, n=formatting.count(row.parts)
        )
        if not row.variants:
            shown.update(head + "\n" + terminal_safe(row.text, multiline=True))
            return
        # an A/B test: the text drawn for him is decided at preparation; show each one
        lines = [
            _("Aperçu pour {name} ({number}), chaque texte du test A/B :").format(
                name=terminal_safe(name), number=row.number
            )
        ]
        texts = [(row.text, row.parts), *row.variants]
        for letter, (text, parts) in zip(TEXT_LETTERS, texts, strict=False):
            lines.append(
                _("Texte {letter} ({n} SMS) :").format(letter=letter, n=formatting.count(parts))
            )
            lines.append(terminal_safe(text, multiline=True))
        shown.update("\n".join(lines))

    async def _preview_rows(self) -> list[PreviewRow]:
        import asyncio

        from isend_tui.campaigns.preview import merged_previews
        from isend_tui.config import shop_dsn
        from isend_tui.segments.segment_file import segment_from_dict

        message = self.checked_message()
        variants = self.checked_variants()
        sender = self.checked_sender()
        segment = segment_from_dict(dict(self._segment()))
        ctx = self.isend.ctx
        dsn = shop_dsn(None, ctx.settings)
        return await asyncio.to_thread(
            lambda: merged_previews(
                ctx.store, dsn, segment, message, sender=sender, variants=variants
            )
        )
