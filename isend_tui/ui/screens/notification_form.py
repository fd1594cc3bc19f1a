"""The form that adds a notification on one or several shop events, or edits one.

Texts when several events are checked (decision): as long as the merchant has not typed a
text of their own, each event keeps its own default text (the editor stays empty and says
so); a typed text is used for every checked event, and may then only use the variables
they all can fill. With one event, its default text is put in the editor, ready to edit.
The editor, its variables and the hint saying this are in ui/widgets/notification_editor.
The screen (notifications.py) saves what the form holds and lists the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from isend_tui.i18n import _
from isend_tui.notifications import RuleView, events_for_ui
from isend_tui.notifications.variables import describe
from isend_tui.ui.safe import shown_lines
from isend_tui.ui.shell.base import ScreenPart
from isend_tui.ui.widgets.event_picker import EventPicker
from isend_tui.ui.widgets.form_field import FormField
from isend_tui.ui.widgets.message_editor import MessageEditor
from isend_tui.ui.widgets.notification_editor import NotificationEditor, texts_hint, variables_for

if TYPE_CHECKING:
    from isend_tui.notifications import EventChoice


class RuleForm(Vertical, ScreenPart):
    """Ajout d'un envoi sur événement: the events, the sender, the text, the status line."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(id="rule-panel", classes="panel", **kwargs)
        self.border_title = _("Ajout d'un envoi sur événement")
        self.editing: RuleView | None = None
        self._placed = ""

    def compose(self) -> ComposeResult:
        from isend_tui.config import field_problem

        settings = self.isend.ctx.settings
        catalogue = events_for_ui(None)
        yield Static("", id="edit-banner", markup=False)
        yield Label(
            _("Événement(s) : cochez avec Espace"), classes="field-label", id="events-label"
        )
        yield EventPicker(catalogue, id="event-picker")
        yield Static("", id="events-source", classes="hint", markup=False)
        yield Static("", id="event-hint", markup=False)
        yield FormField(
            "rule_sender",
            _("Émetteur"),
            settings.sender,
            help_text=_(
                "4 à 11 lettres sans accent ou chiffres ; vide = émetteur par défaut "
                "du Paramétrage au moment de l'envoi."
            ),
            check=lambda v: field_problem("sender", v) if v else None,
        )
        yield NotificationEditor(
            variables=variables_for([], catalogue),
            sender=self.sender_value,
            settings=lambda: self.isend.ctx.settings,
            id="rule-message",
        )
        yield Static("", id="sample-counter", classes="hint", markup=False)
        yield Static("", id="rule-status", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(_("Enregistrer (Ctrl+S)"), id="save-rule", variant="primary")
            yield Button(_("Nouvelle (Ctrl+N)"), id="new-rule")

    def on_mount(self) -> None:
        self.query_one("#edit-banner").display = False
        self.query_one("#rule-status").display = False
        self.update_hint()

    # ------------------------------------------------------------------ what it holds

    @property
    def editor(self) -> NotificationEditor:
        return self.query_one("#rule-message", NotificationEditor)

    @property
    def sender_field(self) -> FormField:
        return self.query_one("#field-rule_sender", FormField)

    @property
    def chosen(self) -> list[EventChoice]:
        return self.query_one(EventPicker).selected

    def sender_value(self) -> str:
        fields = self.query("#field-rule_sender")
        if not fields:
            return self.isend.ctx.settings.sender
        return fields.first(FormField).value

    def typed(self) -> bool:
        """Whether the editor holds a text of the merchant's (not one put there for them)."""
        text = self.editor.text.strip()
        return bool(text) and text != self._placed.strip()

    def _place_text(self, text: str) -> None:
        self._placed = text
        self.editor.text = text

    def text_ok(self, text: str) -> bool:
        """Refuse an empty text or one the editor flags (unknown variables, too long)."""
        if not text.strip():
            self.fail(_("Le texte du SMS est vide : écrivez le message à envoyer."), None)
            self.editor.query_one("#message-text").focus()
            return False
        blocking = [p for p in self.editor.problems if p.startswith("✗")]
        if blocking:
            self.fail(blocking[0].removeprefix("✗ "), None)
            self.editor.query_one("#message-text").focus()
            return False
        return True

    # ------------------------------------------------------------------ the events

    def show_events(
        self, choices: list[EventChoice] | None, note: str, notes: dict[str, str]
    ) -> None:
        """The events read from the shop (None: the catalogue alone), `note` saying so."""
        source = self.query_one("#events-source", Static)
        source.update(shown_lines(note))
        source.display = bool(note) and self.editing is None
        if choices is not None:
            self.query_one(EventPicker).set_choices(choices, notes)

    @on(EventPicker.Changed)
    def _events_changed(self) -> None:
        if self.editing is not None:
            return
        picker = self.query_one(EventPicker)
        chosen = picker.selected
        editor = self.editor
        editor.variables = variables_for(chosen, picker.choices)
        if not self.typed():
            self._place_text(chosen[0].default_text if len(chosen) == 1 else "")
        else:
            editor.refresh_counter()
        self.update_hint()

    @on(MessageEditor.Changed)
    def _text_changed(self) -> None:
        self.update_hint()

    @on(Input.Changed, "#input-rule_sender")
    def _sender_changed(self) -> None:
        self.editor.refresh_counter()

    def update_hint(self) -> None:
        """The line about the checked events and the counter with sample values."""
        hint_text, sample_text = texts_hint(
            None if self.editing is not None else self.chosen,
            typed=self.typed(),
            text=self.editor.text,
            sender=self.sender_value(),
            settings=self.isend.ctx.settings,
        )
        hint = self.query_one("#event-hint", Static)
        hint.display = bool(hint_text)
        # Only touch what changed: every update re-lays the form out, on each key typed.
        if str(hint.content) != hint_text:
            hint.update(hint_text)
        sample = self.query_one("#sample-counter", Static)
        sample.display = bool(sample_text)
        if str(sample.content) != sample_text:
            sample.update(sample_text)

    # ------------------------------------------------------------------ status line

    def status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#rule-status", Static)
        status.update(shown_lines(("✗ " if error else "✓ ") + text if text else ""))
        status.display = bool(text)
        status.set_class(error, "-error")

    def fail(self, message: str, focus: str | None = None) -> None:
        self.status(message, error=True)
        self.notify(message, severity="error", timeout=8)
        if focus:
            self.query_one(focus).focus()

    # ------------------------------------------------------------------ add or edit

    def reset(self) -> None:
        """Back to adding: nothing checked, the default sender, an empty text."""
        self.editing = None
        picker = self.query_one(EventPicker)
        picker.disabled = False
        self._show_picker(True)
        banner = self.query_one("#edit-banner", Static)
        banner.display = False
        self.border_title = _("Ajout d'un envoi sur événement")
        self.sender_field.value = self.isend.ctx.settings.sender
        self._placed = ""
        picker.clear_selection()
        self.editor.variables = variables_for([], picker.choices)
        self.editor.text = ""
        self.update_hint()

    def _show_picker(self, shown: bool) -> None:
        """Editing a rule: its event is fixed, the banner names it instead of the list."""
        for selector in ("#events-label", "#event-picker"):
            self.query_one(selector).display = shown
        source = self.query_one("#events-source", Static)
        source.display = shown and bool(str(source.content))

    def start_edit(self, rule: RuleView) -> None:
        self.editing = rule
        picker = self.query_one(EventPicker)
        picker.disabled = True
        self._show_picker(False)
        banner = self.query_one("#edit-banner", Static)
        banner.update(
            shown_lines(
                _(
                    "Modification de la règle n°{id} : {event}. Ctrl+S enregistre, Échap annule."
                ).format(id=rule.id, event=rule.label)
            )
        )
        banner.display = True
        self.border_title = _("Modification d'une notification")
        self.sender_field.value = rule.sender
        editor = self.editor
        editor.variables = [(v.name, v.description) for v in describe(list(rule.variables))]
        self._place_text(rule.text)
        self.status("")
        self.update_hint()
        self.screen.query_one("#notifications-scroll", VerticalScroll).scroll_home(animate=False)
        editor.query_one("#message-text").focus(scroll_visible=False)
