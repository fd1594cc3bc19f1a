"""A textual-plotext chart whose figure is built off the event loop.

PlotextPlot builds its figure (plotext's text canvas, then Rich's Text) inside render(),
on the event loop: 5-25 ms a chart depending on its width, four of them in the frame
that shows the dashboard's figures. Here `draw()` takes the function that fills the plot
and a thread worker builds the figure for the widget's size; render() shows the last one
built. A resize builds it again at the new size. The screen shows its table and summary
first; each chart appears as soon as its figure is ready (`drawn` counts them).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import RenderResult
from textual.events import Resize
from textual.message import Message
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from isend_tui.ui.shell.base import ScreenPart

Figure = Callable[[Plot], None]
"""Fills a cleared plot: its data, ticks and limits."""


class BoardChart(PlotextPlot, ScreenPart):
    def __init__(self, *, id: str, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._figure: Figure | None = None
        self._asked = 0  # generations: a figure built for an older draw is dropped
        self._shown: Text | None = None
        self._built_for: tuple[int, int] | None = None
        self._lock = threading.Lock()  # one build at a time on this chart's own Plot
        self.drawn = 0
        """The draws whose figure is on the widget (equal to `asked` once caught up)."""

    @property
    def asked(self) -> int:
        return self._asked

    @dataclass
    class Built(Message):
        chart: BoardChart
        generation: int
        text: Text

    def draw(self, figure: Figure) -> None:
        """Show this figure (built in a worker; the previous one stays until then)."""
        self._figure = figure
        self._build()

    def on_resize(self, event: Resize) -> None:
        if self._figure is not None and tuple(self.size) != self._built_for:
            self._build()

    def _register_theme(self, app_theme_name: str) -> None:
        super()._register_theme(app_theme_name)  # a new theme: the figure's colours change
        if self._figure is not None:
            self._build()

    def _build(self) -> None:
        if self._figure is None:
            return
        width, height = self.size
        self._asked += 1
        self._built_for = (width, height)
        if not width or not height:
            return  # not laid out yet: built at its first size (on_resize)
        theme = self._get_plotext_theme_name(self.app.theme)
        self._build_figure(self._figure, self._asked, width, height, theme)

    @work(thread=True, group="chart", exit_on_error=False)
    def _build_figure(
        self, figure: Figure, generation: int, width: int, height: int, theme: str
    ) -> None:
        with self._lock:
            plt = self.plt
            plt.clear_data()
            plt.clear_figure()
            figure(plt)
            plt.plotsize(width, height)
            plt._set_size(width, height)  # as PlotextPlot.render does (its issue 5)
            plt.theme(theme)
            text = Text.from_ansi(plt.build())
        self.post_message(self.Built(self, generation, text))

    @on(Built)
    def _built(self, message: Built) -> None:
        message.stop()
        if message.generation != self._asked:
            return  # a newer draw is being built
        self._shown = message.text
        self.drawn = message.generation
        self.refresh()

    def render(self) -> RenderResult:
        return self._shown if self._shown is not None else Text("")
