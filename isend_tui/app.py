"""The Textual App: sections as modes, app-wide bindings, and the services screens share.

Wiring only: screens call core functions from workers; long jobs (a campaign send, the
watcher) are owned here so they survive moving between screens.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme
from textual.worker import Worker, WorkerState

from isend_tui import __version__
from isend_tui.campaigns.window import paris_now
from isend_tui.context import AppContext
from isend_tui.gateway.client import IsendClient
from isend_tui.i18n import N_, _
from isend_tui.safe_text import terminal_safe
from isend_tui.segments.local_copy.background import BackgroundBuilder
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.dialogs.help import HelpScreen
from isend_tui.ui.perf import memory, warm_up
from isend_tui.ui.screens.automations import AutomationsScreen
from isend_tui.ui.screens.campaign_history import CampaignHistoryScreen
from isend_tui.ui.screens.dashboard import DashboardScreen
from isend_tui.ui.screens.marketing import MarketingScreen
from isend_tui.ui.screens.notification_history import NotificationHistoryScreen
from isend_tui.ui.screens.notifications import NotificationsScreen
from isend_tui.ui.screens.settings import SettingsScreen
from isend_tui.ui.services.alert_service import AlertService
from isend_tui.ui.services.campaign_runner import CampaignRunner
from isend_tui.ui.services.resume import check_interrupted
from isend_tui.ui.services.watcher_service import WatcherService
from isend_tui.ui.shell.base import ISendScreen
from isend_tui.ui.shell.bindings import TranslatedBindings
from isend_tui.ui.shell.screen_actions import runner, screen_actions
from isend_tui.ui.shell.sections import SECTIONS
from isend_tui.ui.shell.styles import stylesheet_paths
from isend_tui.ui.shell.textual_words import textual_text, translate_class_bindings
from isend_tui.ui.shell.worker_errors import report_worker_error

if TYPE_CHECKING:
    import httpx
    from textual.notifications import SeverityLevel

    from isend_tui.account import AccountStatus


THEME = "isend-dark"


# Textual's orange accent becomes bright red in 16 colours (TERM=xterm), the error's
# colour: focused borders looked like errors. This amber stays amber in 256 colours and
# true colour and becomes yellow in 16.
ACCENT = "#ffb000"


def accessible_theme() -> Theme:
    """Textual's dark theme, with the highlighted row of a focused list or table drawn in
    reverse video: the cursor stays visible without colour (NO_COLOR, 16 colours); and an
    accent (focused borders) that 16 colours do not turn into the error's red."""
    base = BUILTIN_THEMES["textual-dark"]
    return dataclasses.replace(
        base,
        name=THEME,
        accent=ACCENT,
        variables={**base.variables, "block-cursor-text-style": "bold reverse"},
    )


def _screen_title(screen: Screen[object]) -> str:
    return screen.screen_name() if isinstance(screen, ISendScreen) else ""


# mode -> the section's screen (the modes of ui/shell/sections.py)
SCREENS: dict[str, type[Screen[None]]] = {
    "dashboard": DashboardScreen,
    "automations": AutomationsScreen,
    "settings": SettingsScreen,
    "marketing": MarketingScreen,
    "notifications": NotificationsScreen,
    "campaign_history": CampaignHistoryScreen,
    "notification_history": NotificationHistoryScreen,
}


def _textual_words_in_language(app: App[None]) -> None:
    """Textual's own key descriptions (an open select's "Dismiss menu", the palette's
    keys and the palette key's tooltip) in the UI's language."""
    import dataclasses

    from textual.command import CommandPalette
    from textual.widgets._select import SelectOverlay

    translate_class_bindings(SelectOverlay, CommandPalette)
    table = app._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            dataclasses.replace(b, tooltip=textual_text(b.tooltip))
            if b.action == "command_palette" and b.tooltip
            else b
            for b in bindings
        ]


class ToastRaised(Message):
    """A toast was raised for `seconds` (posted from any thread, like notify itself)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds


class ISendApp(TranslatedBindings, App[None]):
    TITLE = "isend-tui"
    CSS_PATH = stylesheet_paths()
    ENABLE_COMMAND_PALETTE = True
    # Screens get -narrow below 100 columns: the sidebar and the criteria rows fold up.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("f1", "help", N_("Aide"), id="app.help"),
        Binding("ctrl+q", "quit", N_("Quitter"), id="app.quit", priority=True),
        *[
            Binding(s.key, f"switch_mode('{s.mode}')", s.title_fr, show=False, id=f"go.{s.mode}")
            for s in SECTIONS
        ],
    ]

    def __init__(
        self,
        ctx: AppContext,
        *,
        gateway_transport: httpx.AsyncBaseTransport | None = None,
        start_mode: str = "settings",
        clock: Callable[[], datetime] | None = None,
        watch: bool = True,
    ) -> None:
        super().__init__()
        _textual_words_in_language(self)
        # Every time-dependent rule (sending window, schedules) reads this clock: tests
        # freeze it.
        self.clock: Callable[[], datetime] = clock or paris_now
        self.ctx = ctx
        self.gateway_transport = gateway_transport
        self.start_mode = start_mode
        # Run the notification watcher while the app is open (not `watch`: that name is
        # Textual's DOMNode.watch method).
        self.run_watcher = watch
        self.account_status: AccountStatus | None = None
        self._client: IsendClient | None = None
        self.campaigns = CampaignRunner(
            self, ctx, clock=self.clock, gateway_client=self.gateway_client
        )
        self.watcher = WatcherService(self, ctx, gateway_transport=gateway_transport)
        self.alerts = AlertService(self, ctx, gateway_transport=gateway_transport)
        self.copy_builder = BackgroundBuilder()  # big shops' copies, built while counts go on
        self.warmed_up = asyncio.Event()  # set once idle-time preparations are over
        for mode, screen_class in SCREENS.items():
            self.add_mode(mode, screen_class)
        self.sub_title = _("SMS pour PrestaShop") + (_(" · démonstration") if ctx.demo else "")

    def on_mount(self) -> None:
        memory.install()
        memory.freeze_long_lived()  # what start-up made (before the first screen is drawn)
        self.register_theme(accessible_theme())
        self.theme = THEME
        self.switch_mode(self.start_mode)
        for warning in self.ctx.warnings:
            self.notify(warning, severity="warning", timeout=15)
        self.offer_resume()
        if self.run_watcher:
            self.watcher.start()
        self.alerts.start()  # the admin's alerts: a small check every minute
        warm_up.schedule(self, self.warmed_up)

    def gateway_client(self) -> IsendClient:
        """The app's one gateway client, built from the current settings."""
        if self._client is None:
            settings = self.ctx.settings
            self._client = IsendClient(
                settings.keyid, settings.gateway_url, transport=self.gateway_transport
            )
        return self._client

    def settings_changed(self) -> None:
        """Called after the settings were saved: services that depend on them refresh."""
        old, self._client = self._client, None
        if old is not None:
            self.run_worker(old.aclose(), description=_("Passerelle SMS"), exit_on_error=False)
        if self.run_watcher:
            self.watcher.settings_changed()

    def worker_failed(self, worker: Worker[Any], where: str) -> None:
        report_worker_error(self, worker, where, self.ctx.paths.log_file)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The App's own workers (campaign jobs, the resume offer, the warm-up); those of a
        # screen are reported by the screen base (ui/shell/base.py).
        if event.state is WorkerState.ERROR:
            where = event.worker.description
            if not where:
                screen = self.screen
                where = screen.screen_name() if isinstance(screen, ISendScreen) else self.TITLE
            self.worker_failed(event.worker, where)

    async def _close_all(self) -> None:
        # The idle-time warm-up may be building a history screen as the app closes (a
        # quit in its first second): its screen finishes mounting, then the warm-up
        # stops, so it cannot add a screen to the stacks Textual is closing
        # ("dictionary changed size during iteration") nor leave one half-mounted.
        await warm_up.finish(self)
        await super()._close_all()

    async def on_unmount(self) -> None:
        await self.watcher.shutdown()
        if self._client is not None:
            await self._client.aclose()
        memory.release()

    def offer_resume(self) -> None:
        """Campaigns a crash left unfinished: say so at start, resume on request."""
        self.run_worker(
            check_interrupted(self),
            group="resume",
            description=_("Campagnes interrompues"),
            exit_on_error=False,
        )

    def action_help(self) -> None:
        screen = self.screen
        self.push_screen(HelpScreen(_screen_title(screen), screen_actions(screen)))

    async def action_quit(self) -> None:
        """Quit; during a send, ask first, then let the batches in flight finish."""
        if not self.campaigns.running:
            self.exit()
            return
        self.run_worker(self._quit_during_send(), group="quit", exclusive=True)

    async def _quit_during_send(self) -> None:
        running = sorted(self.campaigns.running)
        body = _(
            "La campagne {ids} est en cours d'envoi. En quittant, les lots déjà partis se "
            "terminent et leur résultat est enregistré ; le reste vous sera proposé à la "
            "reprise au prochain démarrage (rien ne part deux fois)."
        ).format(ids=", ".join(str(i) for i in running))
        question = _("Quitter maintenant ?")
        ok = await self.push_screen_wait(
            ConfirmModal(_("Un envoi est en cours"), body, question=question, yes=_("Quitter"))
        )
        if not ok:
            return
        self.notify(_("Arrêt de l'envoi : les lots en cours se terminent…"), timeout=30)
        await self.campaigns.stop_all()
        self.exit()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's toast, with what it shows made inert: messages carry customers' names,
        event labels like "[Admin][Etat Commande]" (eaten as markup before) and gateway
        texts. While a confirmation is open, toasts wait for its answer: none may cover
        its question or its buttons. Never markup: a widget's notify() passes Textual's
        default markup=True, which ate "[Client][Etat Commande]" from the screens' toasts."""
        del markup  # every toast is plain text
        if isinstance(self.screen, ConfirmModal):
            self.screen.held.append((message, title, severity, timeout))
            return
        super().notify(
            terminal_safe(message, multiline=True),
            title=terminal_safe(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
        self.post_message(ToastRaised(self.NOTIFICATION_TIMEOUT if timeout is None else timeout))

    def on_toast_raised(self, event: ToastRaised) -> None:
        # Textual removes an expired toast from the screen but, after a campaign, did not
        # repaint what it covered: it stayed on the terminal (over "Programmer" at 80x24)
        # until the next key. Repaint once the toast has gone.
        self.set_timer(event.seconds + 0.2, self._repaint)

    def _repaint(self) -> None:
        try:
            screen = self.screen
        except ScreenStackError:
            return  # the app is closing: nothing left to draw
        screen.refresh()

    def action_command_palette(self) -> None:
        """Textual's palette, in the UI's language (ui/shell/palette.py)."""
        from isend_tui.ui.shell.palette import Palette

        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(Palette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # The current screen's actions first (send a test, save a selection, CSV…).
        for item in screen_actions(screen):
            yield SystemCommand(
                item.title,
                _("{screen} · {key}").format(screen=_screen_title(screen), key=item.key)
                if item.key
                else _screen_title(screen),
                runner(screen, item.action),
            )
        for section in SECTIONS:
            yield SystemCommand(
                section.title(),
                _("Aller à la section {name} ({key})").format(
                    name=section.title(), key=section.key.upper()
                ),
                lambda mode=section.mode: self.switch_mode(mode),
            )
        yield SystemCommand(_("Aide"), _("Touches et sections (F1)"), self.action_help)
        for command in super().get_system_commands(screen):  # Textual's, in English
            yield SystemCommand(
                textual_text(command.title), textual_text(command.help), command.callback
            )

    def format_version(self) -> str:
        return f"isend-tui {__version__}"
