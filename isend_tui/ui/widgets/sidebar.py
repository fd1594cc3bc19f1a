"""The section list on the left: one entry per section, like the module's menu.

Below 100 columns the screen has the -narrow class (ISendApp.HORIZONTAL_BREAKPOINTS), the
stylesheet narrows the sidebar, and its entries become the key and a short word, so the
section's body keeps the room it needs at 80x24.
"""

from __future__ import annotations

from textual import on
from textual.events import Resize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from isend_tui.i18n import _
from isend_tui.ui.shell.sections import Section

SHORT_BELOW = 20  # the sidebar's width under which entries show their short word


class Sidebar(OptionList):
    """Enter (or a click) on an entry switches to that section's screen."""

    def __init__(self, sections: list[Section], current: str) -> None:
        self._sections = sections
        self._short = False
        super().__init__(*self._entries(), id="sidebar")
        self._current = current
        self.border_title = _("Menu")

    def _entries(self) -> list[Option]:
        return [
            Option(
                f"{s.key.upper()} {s.short()}"
                if self._short
                else f"{s.key.upper():<3} {s.title()}",
                id=s.mode,
            )
            for s in self._sections
        ]

    def on_mount(self) -> None:
        self.highlight_current()

    def on_resize(self, event: Resize) -> None:
        short = 0 < event.size.width < SHORT_BELOW
        if short != self._short:
            self._short = short
            self.set_options(self._entries())
            self.highlight_current()

    def highlight_current(self) -> None:
        index = self.get_option_index(self._current)
        self.highlighted = index

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self._current:
            self.app.switch_mode(event.option.id)
