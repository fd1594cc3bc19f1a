"""The frame every section shares: header, sidebar, the section's body, footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from isend_tui.ui.shell.bindings import TranslatedBindings
from isend_tui.ui.shell.sections import SECTIONS
from isend_tui.ui.widgets.sidebar import Sidebar


class SectionScreen(TranslatedBindings, Screen[None]):
    """Subclasses set MODE and implement compose_body()."""

    MODE = ""

    def compose(self) -> ComposeResult:
        yield Header(icon="✉")
        with Horizontal(id="shell"):
            yield Sidebar(SECTIONS, self.MODE)
            with Vertical(id="body"):
                yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.sub_title = next((s.title() for s in SECTIONS if s.mode == self.MODE), "")
        self.query_one(Sidebar).highlight_current()
