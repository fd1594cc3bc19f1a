"""A log whose lines always fit its box: wrapped at its width, laid out again when it
changes (a resized terminal, a tab shown again), never at RichLog's fixed 78 columns.

RichLog renders a line once, at max(its width, min_width=78) when written: at 160
columns the text wrapped at 78, at 80 columns the ends of lines were cut, and a line
written while the log was hidden (another tab in front) was laid out for a width of 0.
This one keeps what was written and lays it out again for the width it is shown at.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Self

from rich.console import RenderableType
from textual.events import Resize, Show
from textual.widgets import RichLog

MAX_LINES = 2000


class FittingLog(RichLog):
    DEFAULT_CSS = """
    FittingLog {
        scrollbar-gutter: stable;  /* the same width with or without a scrollbar */
        overflow-x: hidden;
    }
    """

    def __init__(self, *, max_lines: int = MAX_LINES, **kwargs: Any) -> None:
        super().__init__(max_lines=max_lines, min_width=1, wrap=True, markup=False, **kwargs)
        self._written: deque[RenderableType | object] = deque(maxlen=max_lines)
        self._laid_out_for = 0  # the width the lines were laid out for (0: not yet)
        self._stale = False  # something written is not laid out yet

    def _fit(self) -> int:
        return self.scrollable_content_region.width

    def write(
        self,
        content: RenderableType | object,
        width: int | None = None,
        expand: bool = False,
        shrink: bool = True,
        scroll_end: bool | None = None,
        animate: bool = False,
    ) -> Self:
        self._written.append(content)
        fit = self._fit()
        if fit <= 0 or fit != self._laid_out_for:
            # Hidden, or not laid out yet for this width: on Show or Resize.
            self._stale = True
            self.call_after_refresh(self._lay_out)
            return self
        self._size_known = True  # (RichLog's flag) the width is given: nothing deferred
        return super().write(content, width or fit, expand, shrink, scroll_end, animate)

    def clear(self) -> Self:
        self._written.clear()
        return super().clear()

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._lay_out)

    def on_show(self, event: Show) -> None:
        self.call_after_refresh(self._lay_out)

    def _lay_out(self) -> None:
        fit = self._fit()
        if fit <= 0 or (fit == self._laid_out_for and not self._stale):
            return
        self._laid_out_for, self._stale = fit, False
        self._size_known = True
        at_end = self.is_vertical_scroll_end or self.auto_scroll
        written = list(self._written)
        super().clear()
        for content in written:
            super().write(content, fit, scroll_end=False)
        if at_end:
            self.scroll_end(animate=False, immediate=False, x_axis=False)
