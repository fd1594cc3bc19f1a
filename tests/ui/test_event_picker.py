"""The event list keeps a tick the merchant just made when the list is refreshed from
outside before the tick's message is handled (the shop's events arriving late, the rules'
notes): found by the 80x24 tour on a loaded machine, the tick was lost."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import SelectionList

from isend_tui.notifications.choices import events_for_ui
from isend_tui.ui.widgets.event_picker import EventPicker, choice_id


class PickerApp(App[None]):
    def compose(self) -> ComposeResult:
        yield EventPicker(events_for_ui(None), id="picker")


async def test_a_tick_survives_a_refresh_that_comes_before_its_message() -> None:
    app = PickerApp()
    async with app.run_test() as pilot:
        picker = app.query_one(EventPicker)
        options = picker.query_one("#event-list", SelectionList)
        first = choice_id(picker.choices[0])
        options.select(first)  # the tick: its SelectedChanged is only queued
        picker.set_notes({first: "règle n°1 (active)"})  # a refresh in the same turn
        await pilot.pause()
        assert [choice_id(c) for c in picker.selected] == [first]
        assert first in options.selected
