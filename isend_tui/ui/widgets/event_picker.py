"""Pick one or several notification events: a filter line above a checklist.

Typing in the filter narrows the list (accents and case ignored: "expedie" finds
"Expédié"); Enter or Down in the filter moves to the list; Space (or Enter) checks an
event. The choices stay checked while the filter changes. Events the shop lacks are shown
but cannot be checked, with the reason; events that already have a rule say which.
"""

from __future__ import annotations

import unicodedata

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, SelectionList
from textual.widgets.selection_list import Selection

from isend_tui.formatting import count, plural
from isend_tui.i18n import N_, _
from isend_tui.notifications import EventChoice
from isend_tui.safe_text import terminal_safe
from isend_tui.ui.shell.bindings import TranslatedBindings


def choice_id(choice: EventChoice) -> str:
    """A stable id: the catalogue key, plus the state id for a state chosen by name."""
    if choice.order_state_id is not None:
        return f"{choice.key}:{choice.order_state_id}"
    return choice.key


def fold(text: str) -> str:
    """Lower case without accents, for matching what is typed in the filter."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class FilterInput(TranslatedBindings, Input):
    BINDINGS = [Binding("down", "to_list", N_("Vers la liste"), show=False)]

    def action_to_list(self) -> None:
        self.screen.focus_next()


class EventPicker(Vertical):
    """The events to notify on. `selected` lists the checked ones in the order checked."""

    DEFAULT_CLASSES = "event-picker"

    class Changed(Message):
        """The checked events changed."""

        def __init__(self, picker: EventPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> EventPicker:
            return self.picker

    def __init__(self, choices: list[EventChoice], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._choices = list(choices)
        self._notes: dict[str, str] = {}
        self._checked: list[str] = []

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder=_("Filtrer (ex. expédié, client, paiement)"), id="event-filter"
        )
        yield SelectionList[str](id="event-list")

    def on_mount(self) -> None:
        self._rebuild()

    # ------------------------------------------------------------------ state

    @property
    def choices(self) -> list[EventChoice]:
        return list(self._choices)

    @property
    def selected(self) -> list[EventChoice]:
        by_id = {choice_id(c): c for c in self._choices}
        return [by_id[i] for i in self._checked if i in by_id]

    @property
    def filter_text(self) -> str:
        return self.query_one("#event-filter", Input).value

    def set_choices(self, choices: list[EventChoice], notes: dict[str, str]) -> None:
        """New event list (from the shop) and notes per event id; checked ones are kept."""
        if list(choices) == self._choices and dict(notes) == self._notes:
            return  # unchanged: rebuilding would disturb a list the user is in
        before = list(self._checked)
        self._keep_list_ticks()
        self._choices = list(choices)
        self._notes = dict(notes)
        known = {choice_id(c) for c in self._choices if c.available}
        self._checked = [i for i in self._checked if i in known]
        self._rebuild()
        if self._checked != before:
            self.post_message(self.Changed(self))

    def set_notes(self, notes: dict[str, str]) -> None:
        if notes != self._notes:
            self._keep_list_ticks()
            self._notes = dict(notes)
            self._rebuild()

    def _keep_list_ticks(self) -> None:
        """Before a refresh from outside (the shop's events, the rules' notes) rebuilds the
        list: a tick the list took but whose message is still queued is kept, not lost."""
        options = self.query_one("#event-list", SelectionList)
        self._checked = self._ticked(options)

    def _ticked(self, options: SelectionList[str]) -> list[str]:
        shown = {options.get_option_at_index(i).value for i in range(options.option_count)}
        now = set(options.selected)
        checked = [i for i in self._checked if i not in shown or i in now]
        return checked + [i for i in options.selected if i not in checked]

    def check(self, *ids: str) -> None:
        """Check these events (by choice id), keeping the others."""
        known = {choice_id(c) for c in self._choices if c.available}
        for i in ids:
            if i in known and i not in self._checked:
                self._checked.append(i)
        self._rebuild()
        self.post_message(self.Changed(self))

    def clear_selection(self) -> None:
        self._checked.clear()
        self.query_one("#event-filter", Input).value = ""
        self._rebuild()
        self.post_message(self.Changed(self))

    # ------------------------------------------------------------------ list

    def _visible(self) -> list[EventChoice]:
        words = fold(self.filter_text).split()
        if not words:
            return self._choices
        return [c for c in self._choices if all(w in fold(c.label) for w in words)]

    def _prompt(self, choice: EventChoice) -> Content:
        # Checked is written, not only coloured: "✓ " before the name.
        label = ("✓ " if choice_id(choice) in self._checked else "") + choice.label
        note = self._notes.get(choice_id(choice))
        if not choice.available:
            label += " — " + _("indisponible : {reason}").format(reason=choice.problem)
        elif note:
            label += " — " + note
        return Content(terminal_safe(label))  # Content(str) is never markup

    def _rebuild(self) -> None:
        options = self.query_one("#event-list", SelectionList)
        highlighted = options.highlighted
        current = (
            options.get_option_at_index(highlighted).value
            if highlighted is not None and highlighted < options.option_count
            else None
        )
        visible = self._visible()
        options.clear_options()
        options.add_options(
            [
                Selection(
                    self._prompt(c),
                    choice_id(c),
                    choice_id(c) in self._checked,
                    disabled=not c.available,
                )
                for c in visible
            ]
        )
        ids = [choice_id(c) for c in visible]
        if ids:
            options.highlighted = ids.index(current) if current in ids else 0
        checked = len(self._checked)
        subtitle = plural(
            checked,
            _("{shown} sur {total} · {checked} coché"),
            _("{shown} sur {total} · {checked} cochés"),
        )
        options.border_subtitle = subtitle.format(
            shown=count(len(visible)), total=count(len(self._choices)), checked=count(checked)
        )

    @on(Input.Changed, "#event-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild()

    @on(Input.Submitted, "#event-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#event-list", SelectionList).focus()

    @on(SelectionList.SelectedChanged, "#event-list")
    def _list_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        checked = self._ticked(event.selection_list)
        if checked != self._checked:
            self._checked = checked
            self._rebuild()
            self.post_message(self.Changed(self))
