"""The Textual App: sections as modes, app-wide bindings, and the services screens share.

Wiring only: screens call core functions from workers; long jobs (a campaign send, the
watcher) are owned here so they survive moving between screens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import httpx
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from isend_tui import __version__
from isend_tui.context import AppContext
from isend_tui.i18n import _
from isend_tui.ui.sections import SECTIONS
from isend_tui.ui.styles import stylesheet_paths

if TYPE_CHECKING:
    from isend_tui.account import AccountStatus


def _screen_factories() -> dict[str, type[Screen[None]]]:
    from isend_tui.ui.screens.settings import SettingsScreen

    return {"settings": SettingsScreen}


class ISendApp(App[None]):
    TITLE = "isend-tui"
    CSS_PATH = stylesheet_paths()  # type: ignore[assignment]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", _("Aide"), id="app.help"),
        Binding("ctrl+q", "quit", _("Quitter"), id="app.quit", priority=True),
        *[
            Binding(s.key, f"switch_mode('{s.mode}')", s.title(), show=False, id=f"go.{s.mode}")
            for s in SECTIONS
        ],
    ]

    def __init__(
        self,
        ctx: AppContext,
        *,
        gateway_transport: httpx.AsyncBaseTransport | None = None,
        start_mode: str = "settings",
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.gateway_transport = gateway_transport
        self.start_mode = start_mode
        self.account_status: AccountStatus | None = None
        for mode, screen_class in _screen_factories().items():
            self.add_mode(mode, screen_class)
        self.sub_title = _("SMS pour PrestaShop") + (_(" · démonstration") if ctx.demo else "")

    def on_mount(self) -> None:
        self.switch_mode(self.start_mode)
        for warning in self.ctx.warnings:
            self.notify(warning, severity="warning", timeout=15)

    def settings_changed(self) -> None:
        """Called after the settings were saved: services that depend on them refresh."""

    def action_help(self) -> None:
        from isend_tui.ui.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for section in SECTIONS:
            yield SystemCommand(
                section.title(),
                _("Aller à la section {name} ({key})").format(
                    name=section.title(), key=section.key.upper()
                ),
                lambda mode=section.mode: self.switch_mode(mode),  # type: ignore[misc]
            )
        yield SystemCommand(_("Aide"), _("Touches et sections (F1)"), self.action_help)
        yield from super().get_system_commands(screen)

    def format_version(self) -> str:
        return f"isend-tui {__version__}"
