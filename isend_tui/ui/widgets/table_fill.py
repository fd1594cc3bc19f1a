"""Rows given to a DataTable a few at a time, one batch per frame.

Why: a DataTable measures every new row's cells when it is next idle, all at once. For a
page of 500 rows that held the event loop 40-50 ms (more on a busy machine), right after
the frame that showed the screen (bench/receipts_ui_bench.py, the campaign's details). In
batches of ROWS_PER_FRAME, each frame measures a batch, and the page is complete a few
frames later. `done` runs once the last batch is in: what describes the rows (the page's
line, its buttons) changes with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text
    from textual.widgets import DataTable

ROWS_PER_FRAME = 100

Cells = Sequence[tuple[str, Sequence["Text | str"]]]
"""Each row's key and its cells."""


class TableFill:
    """One table's fills: a new one replaces the one under way (its batches stop)."""

    def __init__(self, table: DataTable[Text | str]) -> None:
        self.table = table
        self._fill = 0  # the fill under way; a batch of an older one does nothing
        self.filling = False

    def start(self, cells: Cells, done: Callable[[], None]) -> None:
        """Replace the rows by `cells`: the first batch now, the others frame by frame."""
        self._fill += 1
        self.filling = True
        self.table.clear()
        self._batch(self._fill, cells, 0, done)

    def _batch(self, fill: int, cells: Cells, start: int, done: Callable[[], None]) -> None:
        table = self.table
        if fill != self._fill or not table.is_attached:
            return
        end = start + ROWS_PER_FRAME
        for key, values in cells[start:end]:
            table.add_row(*values, key=key)
        if end < len(cells):
            table.call_after_refresh(self._batch, fill, cells, end, done)
            return
        self.filling = False
        done()
