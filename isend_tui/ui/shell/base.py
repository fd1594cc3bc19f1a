"""The bases of every screen: the App's services, typed; worker errors reported; and the
frame every section shares (header, sidebar, the section's body, footer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from isend_tui.i18n import _
from isend_tui.ui.perf import screens
from isend_tui.ui.shell.bindings import TranslatedBindings
from isend_tui.ui.shell.sections import SECTIONS
from isend_tui.ui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from isend_tui.ui.app_services import AppServices

ScreenResultT = TypeVar("ScreenResultT")


class ISendScreen(TranslatedBindings, Screen[ScreenResultT]):
    """A screen of the app. NAME (marked with N_()) is how the merchant is told where a
    worker failed."""

    NAME = ""
    _resumed_once = False

    @property
    def isend(self) -> AppServices:
        # Every screen of this package is shown by ISendApp, which implements AppServices.
        return cast("AppServices", self.app)

    def screen_name(self) -> str:
        return _(self.NAME)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Textual tells only the node that started the worker (the message does not bubble).
        if event.state is WorkerState.ERROR:
            self.isend.worker_failed(event.worker, self.screen_name())

    # A first show without the work Textual would do twice (ui/perf/screens.py).
    def _post_register(self, app: App[Any]) -> None:
        super()._post_register(app)
        screens.registered(self, app)

    def _on_screen_resume(self, event: ScreenResume) -> None:
        if not self._resumed_once:
            self._resumed_once = True
            screens.first_resume(event)

    async def _on_resize(self, event: Resize) -> None:
        if screens.resize_done(self, event):
            event.stop()
            event.prevent_default()  # not Screen._on_resize: laid out at this size already


class ISendModal(ModalScreen[ScreenResultT], ISendScreen[ScreenResultT]):
    """A dialog of the app. ModalScreen comes first: Textual takes a class's CSS (and
    its component classes) from its first DOMNode base."""


class ScreenPart(Widget):
    """A part of a screen that runs its own workers (a tab's content). List it after the
    container it is (`class SendTab(VerticalScroll, ScreenPart)`): Textual takes a class's
    CSS from its first DOMNode base, so the container's CSS and type name stay in force.

    Textual tells a worker's state only to the node that started it, so the part reports
    a failed worker itself, under its screen's name, as the screen base does."""

    @property
    def isend(self) -> AppServices:
        return cast("AppServices", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            screen = self.screen
            where = screen.screen_name() if isinstance(screen, ISendScreen) else ""
            self.isend.worker_failed(event.worker, where)

    def show_tab(self) -> None:
        """Bring the tab this part is in to the front."""
        pane = self.query_ancestor(TabPane)
        self.query_ancestor(TabbedContent).active = pane.id or ""


class SectionScreen(ISendScreen[None]):
    """Subclasses set MODE and implement compose_body()."""

    MODE = ""

    def screen_name(self) -> str:
        return next((s.title() for s in SECTIONS if s.mode == self.MODE), "")

    def compose(self) -> ComposeResult:
        yield Header(icon="✉")
        with Horizontal(id="shell"):
            yield Sidebar(SECTIONS, self.MODE)
            with Vertical(id="body"):
                yield from self.compose_body()
        yield Footer(compact=True)  # one space between keys: the tab's keys fit in 100 columns

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_resize(self, event: Resize) -> None:
        # Below 100 columns the footer keeps its room for the screen's keys: Ctrl+P still
        # opens the palette, and F1 says so.
        self.query_one(Footer).show_command_palette = event.size.width >= 100

    def on_screen_resume(self) -> None:
        self.sub_title = self.screen_name()
        self.query_one(Sidebar).highlight_current()
