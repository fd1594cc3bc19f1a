"""Envoi de notifications: add a notification on one or several shop events, and the list
of notifications (rules) with enable/disable, edit and delete.

Texts when several events are checked (decision): as long as the merchant has not typed a
text of their own, each event keeps its own default text (the editor stays empty and says
so); a typed text is used for every checked event, and may then only use the variables
they all can fill. With one event, its default text is put in the editor, ready to edit.
The editor, its variables and the hint saying this are in ui/widgets/notification_editor.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from isend_tui.errors import UserError
from isend_tui.i18n import N_, _
from isend_tui.notifications import (
    EventRef,
    RuleView,
    create_rules,
    delete_rule,
    events_for_ui,
    events_of_shop,
    list_rules,
    set_rule_enabled,
    update_rule,
)
from isend_tui.notifications.variables import describe
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.messages import (
    EventsLoaded,
    RuleRefused,
    RulesCreated,
    RulesLoaded,
    RulesRead,
    RuleToggled,
    RuleUpdated,
)
from isend_tui.ui.safe import shown_lines
from isend_tui.ui.shell.base import SectionScreen
from isend_tui.ui.widgets.event_picker import EventPicker
from isend_tui.ui.widgets.form_field import FormField
from isend_tui.ui.widgets.message_editor import MessageEditor
from isend_tui.ui.widgets.notification_editor import NotificationEditor, texts_hint, variables_for
from isend_tui.ui.widgets.rules_table import RulesTable

if TYPE_CHECKING:
    from isend_tui.ui.services.watcher_service import WatcherStatus


class NotificationsScreen(SectionScreen):
    MODE = "notifications"
    AUTO_FOCUS = "#event-filter"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Enregistrer"), id="notifications.save"),
        Binding("ctrl+n", "new_rule", N_("Nouvelle"), id="notifications.new"),
        Binding("escape", "cancel_edit", N_("Annuler la modification"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rules: dict[int, RuleView] = {}
        self.editing: RuleView | None = None
        self._placed = ""
        self._seen = False
        self._reads = itertools.count(1)
        self._shown_read = 0

    # ------------------------------------------------------------------ layout

    def compose_body(self) -> ComposeResult:
        from isend_tui.config import field_problem

        settings = self.isend.ctx.settings
        catalogue = events_for_ui(None)
        yield Static("", id="watcher-status", markup=False)
        with VerticalScroll(id="notifications-scroll"):
            with Vertical(classes="panel", id="rule-panel") as panel:
                panel.border_title = _("Ajout d'un envoi sur événement")
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
                    sender=self._sender_value,
                    settings=lambda: self.isend.ctx.settings,
                    id="rule-message",
                )
                yield Static("", id="sample-counter", classes="hint", markup=False)
                yield Static("", id="rule-status", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button(_("Enregistrer (Ctrl+S)"), id="save-rule", variant="primary")
                    yield Button(_("Nouvelle (Ctrl+N)"), id="new-rule")
            with Vertical(classes="panel", id="rules-panel") as rules_panel:
                rules_panel.border_title = _("Liste des notifications actives")
                yield RulesTable(id="rules-table")
                yield Static(
                    _("Entrée : modifier · Espace : activer/désactiver · Suppr : supprimer"),
                    classes="hint",
                    markup=False,
                )

    def on_mount(self) -> None:
        service = self.isend.watcher
        service.status_changed.subscribe(self, self._show_status)
        self._show_status(service.status)
        self.query_one("#edit-banner").display = False
        self.query_one("#rule-status").display = False
        self._update_hint()
        self.load_events()
        self.load_rules()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self._seen:  # coming back: the CLI may have changed the rules meanwhile
            self._show_status(self.isend.watcher.status)
            self.load_rules()
        self._seen = True

    # ------------------------------------------------------------------ watcher status

    def _show_status(self, status: WatcherStatus) -> None:
        line = self.query_one("#watcher-status", Static)
        line.update(shown_lines(status.line()))
        line.set_class(status.state.value in ("error", "stopped"), "-problem")

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="notifications-events", exit_on_error=False)
    def load_events(self) -> None:
        """The catalogue checked against the shop, plus its other states (by name)."""
        dsn = self.isend.ctx.settings.shop_dsn()
        if dsn is None:
            note = _("Catalogue seul (aucune boutique configurée).")
            self.post_message(EventsLoaded(None, note))
            return
        try:
            choices = events_of_shop(dsn)
        except UserError as exc:
            note = "✗ " + _("Boutique illisible, catalogue seul : {error}").format(
                error=exc.message
            )
            self.post_message(EventsLoaded(None, note))
            return
        self.post_message(EventsLoaded(choices, ""))

    @on(EventsLoaded)
    def _events_loaded(self, message: EventsLoaded) -> None:
        source = self.query_one("#events-source", Static)
        source.update(shown_lines(message.note))
        source.display = bool(message.note) and self.editing is None
        if message.choices is not None:
            picker = self.query_one(EventPicker)
            picker.set_choices(message.choices, self._rule_notes())

    @work(thread=True, exclusive=True, group="notifications-rules", exit_on_error=False)
    def load_rules(self, select: int | None = None) -> None:
        self.post_message(RulesLoaded(self._read_rules(), select))

    @on(RulesLoaded)
    def _on_rules_loaded(self, message: RulesLoaded) -> None:
        self._rules_loaded(message.rules, message.select)

    def _read_rules(self) -> RulesRead:
        number = next(self._reads)  # taken before reading: a later number is never older
        return RulesRead(number, list_rules(self.isend.ctx.store))

    def _rules_loaded(self, read: RulesRead, select: int | None = None) -> None:
        if read.number < self._shown_read:
            return  # a later read is already on screen
        self._shown_read = read.number
        rules = read.rules
        self.rules = {r.id: r for r in rules}
        settings = self.isend.ctx.settings
        self.query_one(RulesTable).show(rules, default_sender=settings.sender, select=select)
        self.query_one(EventPicker).set_notes(self._rule_notes())
        if self.editing is not None and self.editing.id not in self.rules:
            self._reset_form()

    def _rule_notes(self) -> dict[str, str]:
        notes: dict[str, str] = {}
        for rule in self.rules.values():
            key = f"{rule.event}:{rule.order_state_id}" if rule.order_state_id else rule.event
            state = _("active") if rule.enabled else _("désactivée")
            notes[key] = _("règle n°{id} ({state})").format(id=rule.id, state=state)
        return notes

    # ------------------------------------------------------------------ the form

    @property
    def editor(self) -> NotificationEditor:
        return self.query_one("#rule-message", NotificationEditor)

    def _sender_value(self) -> str:
        fields = self.query("#field-rule_sender")
        if not fields:
            return self.isend.ctx.settings.sender
        return fields.first(FormField).value

    def _typed(self) -> bool:
        """Whether the editor holds a text of the merchant's (not one put there for them)."""
        text = self.editor.text.strip()
        return bool(text) and text != self._placed.strip()

    def _place_text(self, text: str) -> None:
        self._placed = text
        self.editor.text = text

    @on(EventPicker.Changed)
    def _events_changed(self) -> None:
        if self.editing is not None:
            return
        picker = self.query_one(EventPicker)
        chosen = picker.selected
        editor = self.editor
        editor.variables = variables_for(chosen, picker.choices)
        if not self._typed():
            self._place_text(chosen[0].default_text if len(chosen) == 1 else "")
        else:
            editor.refresh_counter()
        self._update_hint()

    @on(MessageEditor.Changed)
    def _text_changed(self) -> None:
        self._update_hint()

    @on(Input.Changed, "#input-rule_sender")
    def _sender_changed(self) -> None:
        self.editor.refresh_counter()

    def _update_hint(self) -> None:
        """The line about the checked events and the counter with sample values."""
        hint_text, sample_text = self._hint_texts()
        hint = self.query_one("#event-hint", Static)
        hint.display = bool(hint_text)
        # Only touch what changed: every update re-lays the form out, on each key typed.
        if str(hint.content) != hint_text:
            hint.update(hint_text)
        sample = self.query_one("#sample-counter", Static)
        sample.display = bool(sample_text)
        if str(sample.content) != sample_text:
            sample.update(sample_text)

    def _hint_texts(self) -> tuple[str, str]:
        return texts_hint(
            None if self.editing is not None else self.query_one(EventPicker).selected,
            typed=self._typed(),
            text=self.editor.text,
            sender=self._sender_value(),
            settings=self.isend.ctx.settings,
        )

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#rule-status", Static)
        status.update(shown_lines(("✗ " if error else "✓ ") + text if text else ""))
        status.display = bool(text)
        status.set_class(error, "-error")

    def _fail(self, message: str, focus: str | None = None) -> None:
        self._status(message, error=True)
        self.notify(message, severity="error", timeout=8)
        if focus:
            self.query_one(focus).focus()

    def _reset_form(self) -> None:
        self.editing = None
        picker = self.query_one(EventPicker)
        picker.disabled = False
        self._show_picker(True)
        banner = self.query_one("#edit-banner", Static)
        banner.display = False
        self.query_one("#rule-panel").border_title = _("Ajout d'un envoi sur événement")
        self.query_one("#field-rule_sender", FormField).value = self.isend.ctx.settings.sender
        self._placed = ""
        picker.clear_selection()
        self.editor.variables = variables_for([], picker.choices)
        self.editor.text = ""
        self._update_hint()

    def _show_picker(self, shown: bool) -> None:
        """Editing a rule: its event is fixed, the banner names it instead of the list."""
        for selector in ("#events-label", "#event-picker"):
            self.query_one(selector).display = shown
        source = self.query_one("#events-source", Static)
        source.display = shown and bool(str(source.content))

    def _start_edit(self, rule: RuleView) -> None:
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
        self.query_one("#rule-panel").border_title = _("Modification d'une notification")
        self.query_one("#field-rule_sender", FormField).value = rule.sender
        editor = self.editor
        editor.variables = [(v.name, v.description) for v in describe(list(rule.variables))]
        self._place_text(rule.text)
        self._status("")
        self._update_hint()
        self.query_one("#notifications-scroll", VerticalScroll).scroll_home(animate=False)
        editor.query_one("#message-text").focus(scroll_visible=False)

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#save-rule")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#new-rule")
    def _new_pressed(self) -> None:
        self.action_new_rule()

    def action_new_rule(self) -> None:
        self._reset_form()
        self._status("")
        self.query_one("#event-filter").focus()

    def action_cancel_edit(self) -> None:
        if self.editing is not None:
            self._reset_form()
            self._status(_("Modification annulée."))
            self.query_one(RulesTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            return self.editing is not None
        return True

    def action_save(self) -> None:
        sender_field = self.query_one("#field-rule_sender", FormField)
        problem = sender_field.show_problem()
        if problem:
            self._fail(_("Émetteur : {problem}").format(problem=problem), "#input-rule_sender")
            return
        editor = self.editor
        editor.refresh_counter()
        text = editor.text
        if self.editing is not None:
            if not self._text_ok(text):
                return
            self.save_rule(self.editing.id, text, sender_field.value)
            return
        chosen = self.query_one(EventPicker).selected
        if not chosen:
            self._fail(_("Cochez au moins un événement (Espace dans la liste)."), "#event-filter")
            return
        use_defaults = len(chosen) > 1 and not self._typed()
        if not use_defaults and not self._text_ok(text):
            return
        self.create(
            [c.ref for c in chosen],
            None if use_defaults else text,
            sender_field.value,
        )

    def _text_ok(self, text: str) -> bool:
        """Refuse an empty text or one the editor flags (unknown variables, too long)."""
        if not text.strip():
            self._fail(_("Le texte du SMS est vide : écrivez le message à envoyer."), None)
            self.editor.query_one("#message-text").focus()
            return False
        blocking = [p for p in self.editor.problems if p.startswith("✗")]
        if blocking:
            self._fail(blocking[0].removeprefix("✗ "), None)
            self.editor.query_one("#message-text").focus()
            return False
        return True

    @on(RuleRefused)
    def _refused(self, message: RuleRefused) -> None:
        self._fail(message.reason)

    @work(thread=True, group="notifications-write", exit_on_error=False)
    def create(self, refs: list[EventRef], text: str | None, sender: str) -> None:
        ctx = self.isend.ctx
        try:
            created = create_rules(ctx.store, ctx.settings, refs, sender=sender, text=text)
        except UserError as exc:
            self.post_message(RuleRefused(exc.message))
            return
        self.post_message(RulesCreated(created, self._read_rules()))

    @on(RulesCreated)
    def _created(self, event: RulesCreated) -> None:
        created, rules = event.created, event.rules
        if len(created) == 1:
            message = _("Notification enregistrée : {event}.").format(event=created[0].label)
        else:
            message = _("{n} notifications enregistrées.").format(n=len(created))
        self._status(message)
        self.notify(message, timeout=4)
        self._reset_form()
        self._rules_loaded(rules, created[0].id if created else None)

    @work(thread=True, group="notifications-write", exit_on_error=False)
    def save_rule(self, rule_id: int, text: str, sender: str) -> None:
        ctx = self.isend.ctx
        try:
            rule = update_rule(ctx.store, rule_id, text=text, sender=sender)
        except UserError as exc:
            self.post_message(RuleRefused(exc.message))
            return
        self.post_message(RuleUpdated(rule, self._read_rules()))

    @on(RuleUpdated)
    def _updated(self, event: RuleUpdated) -> None:
        rule, rules = event.rule, event.rules
        message = _("Notification n°{id} modifiée : {event}.").format(id=rule.id, event=rule.label)
        self._status(message)
        self.notify(message, timeout=4)
        self._reset_form()
        self._rules_loaded(rules, rule.id)
        self.query_one(RulesTable).focus()

    @on(RulesTable.RuleAction)
    def _rule_action(self, event: RulesTable.RuleAction) -> None:
        rule = self.rules.get(event.rule_id)
        if rule is None:
            return
        if event.action == "edit":
            self._start_edit(rule)
        elif event.action == "toggle":
            self.toggle_rule(rule.id, not rule.enabled)
        elif event.action == "delete":
            self.confirm_delete(rule)

    @work(thread=True, group="notifications-write", exit_on_error=False)
    def toggle_rule(self, rule_id: int, enabled: bool) -> None:
        ctx = self.isend.ctx
        try:
            rule = set_rule_enabled(ctx.store, rule_id, enabled)
        except UserError as exc:
            self.post_message(RuleRefused(exc.message))
            return
        self.post_message(RuleToggled(rule, self._read_rules()))

    @on(RuleToggled)
    def _toggled(self, event: RuleToggled) -> None:
        rule, rules = event.rule, event.rules
        if rule.enabled:
            message = _("Notification activée : {event}.").format(event=rule.label)
        else:
            message = _("Notification désactivée : {event} (plus aucun SMS).").format(
                event=rule.label
            )
        self._status(message)
        self.notify(message, timeout=4)
        self._rules_loaded(rules, rule.id)

    @work(exclusive=True, group="notifications-delete", exit_on_error=False)
    async def confirm_delete(self, rule: RuleView) -> None:
        body = "\n".join(
            [
                _("Supprimer la notification n°{id} ?").format(id=rule.id),
                rule.label,
                "",
                rule.text,
                "",
                _("Les SMS déjà envoyés restent dans l'État des notifications."),
            ]
        )
        ok = await self.app.push_screen_wait(
            ConfirmModal(_("Supprimer la notification"), body, yes=_("Supprimer"))
        )
        if not ok:
            return
        ctx = self.isend.ctx
        try:
            await asyncio.to_thread(delete_rule, ctx.store, rule.id)
        except UserError as exc:
            self._fail(exc.message)
            return
        rules = await asyncio.to_thread(self._read_rules)
        message = _("Notification supprimée : {event}.").format(event=rule.label)
        self._status(message)
        self.notify(message, timeout=4)
        self._rules_loaded(rules)
        self.query_one(RulesTable).focus()
