"""Envoi de notifications: the form that adds or edits a notification (notification_form),
and the list of notifications (rules) with enable/disable, edit and delete. The screen
reads and saves the rules in workers; the form only holds what the merchant typed.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from isend_tui.errors import UserError
from isend_tui.i18n import N_, _
from isend_tui.notifications import (
    EventRef,
    RuleView,
    create_rules,
    delete_rule,
    events_of_shop,
    list_rules,
    set_rule_enabled,
    update_rule,
)
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
from isend_tui.ui.screens.notification_form import RuleForm
from isend_tui.ui.shell.base import SectionScreen
from isend_tui.ui.widgets.event_picker import EventPicker
from isend_tui.ui.widgets.rules_table import RulesTable

if TYPE_CHECKING:
    from isend_tui.ui.services.watcher_service import WatcherStatus
    from isend_tui.ui.widgets.notification_editor import NotificationEditor


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
        self._seen = False
        self._reads = itertools.count(1)
        self._shown_read = 0

    # ------------------------------------------------------------------ layout

    def compose_body(self) -> ComposeResult:
        yield Static("", id="watcher-status", markup=False)
        with VerticalScroll(id="notifications-scroll"):
            yield RuleForm()
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
        self.form.show_events(message.choices, message.note, self._rule_notes())

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
            self.form.reset()

    def _rule_notes(self) -> dict[str, str]:
        notes: dict[str, str] = {}
        for rule in self.rules.values():
            key = f"{rule.event}:{rule.order_state_id}" if rule.order_state_id else rule.event
            state = _("active") if rule.enabled else _("désactivée")
            notes[key] = _("règle n°{id} ({state})").format(id=rule.id, state=state)
        return notes

    # ------------------------------------------------------------------ the form

    @property
    def form(self) -> RuleForm:
        return self.query_one(RuleForm)

    @property
    def editing(self) -> RuleView | None:
        """The rule being edited, None while adding one."""
        return self.form.editing

    @property
    def editor(self) -> NotificationEditor:
        return self.form.editor

    def _status(self, text: str, *, error: bool = False) -> None:
        self.form.status(text, error=error)

    def _fail(self, message: str, focus: str | None = None) -> None:
        self.form.fail(message, focus)

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#save-rule")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#new-rule")
    def _new_pressed(self) -> None:
        self.action_new_rule()

    def action_new_rule(self) -> None:
        self.form.reset()
        self._status("")
        self.query_one("#event-filter").focus()

    def action_cancel_edit(self) -> None:
        if self.editing is not None:
            self.form.reset()
            self._status(_("Modification annulée."))
            self.query_one(RulesTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            return self.editing is not None
        return True

    def action_save(self) -> None:
        form = self.form
        sender_field = form.sender_field
        problem = sender_field.show_problem()
        if problem:
            self._fail(_("Émetteur : {problem}").format(problem=problem), "#input-rule_sender")
            return
        editor = form.editor
        editor.refresh_counter()
        text = editor.text
        if form.editing is not None:
            if not form.text_ok(text):
                return
            self.save_rule(form.editing.id, text, sender_field.value)
            return
        chosen = form.chosen
        if not chosen:
            self._fail(_("Cochez au moins un événement (Espace dans la liste)."), "#event-filter")
            return
        use_defaults = len(chosen) > 1 and not form.typed()
        if not use_defaults and not form.text_ok(text):
            return
        self.create(
            [c.ref for c in chosen],
            None if use_defaults else text,
            sender_field.value,
        )

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
        self.form.reset()
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
        self.form.reset()
        self._rules_loaded(rules, rule.id)
        self.query_one(RulesTable).focus()

    @on(RulesTable.RuleAction)
    def _rule_action(self, event: RulesTable.RuleAction) -> None:
        rule = self.rules.get(event.rule_id)
        if rule is None:
            return
        if event.action == "edit":
            self.form.start_edit(rule)
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
