"""The section list on the left: one entry per section, like the module's menu."""

from __future__ import annotations

from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from isend_tui.i18n import _
from isend_tui.ui.shell.sections import Section


class Sidebar(OptionList):
    """Enter (or a click) on an entry switches to that section's screen."""

    def __init__(self, sections: list[Section], current: str) -> None:
        super().__init__(
            *[Option(f"{s.key.upper():<3} {s.title()}", id=s.mode) for s in sections],
            id="sidebar",
        )
        self._current = current
        self.border_title = _("Menu")

    def on_mount(self) -> None:
        self.highlight_current()

    def highlight_current(self) -> None:
        index = self.get_option_index(self._current)
        self.highlighted = index

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self._current:
            self.app.switch_mode(event.option.id)
