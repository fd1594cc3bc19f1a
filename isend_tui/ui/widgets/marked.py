"""Ticked boxes that say so in text: "✓" in the box when ticked, a blank when not.

Textual draws every box as "▐X▌" and tells ticked from unticked by colour alone: with
NO_COLOR (or on a monochrome terminal) a country list looked all ticked or all blank.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

TICKED = "✓"
UNTICKED = " "

ValueT = TypeVar("ValueT")


class MarkedSelectionList(SelectionList[ValueT]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if index >= self.option_count:
            return strip
        segments = list(strip)
        if len(segments) < 3:
            return strip
        value = self.get_option_at_index(index).value
        text, style, control = segments[1]  # the box's inside: ▐X▌ -> ▐✓▌ or ▐ ▌
        mark = TICKED if value in self._selected else UNTICKED
        segments[1] = Segment(mark * len(text), style, control)
        return Strip(segments, strip.cell_length)


class MarkedCheckbox(Checkbox):
    BUTTON_INNER = UNTICKED

    def on_mount(self) -> None:
        self._mark()

    def watch_value(self) -> None:
        super().watch_value()
        self._mark()

    def _mark(self) -> None:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        self.refresh()
