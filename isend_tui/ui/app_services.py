"""What screens and dialogs use of the App, as a Protocol that ISendApp implements.

Typing against this rather than the concrete ISendApp keeps the UI free of app.py, which
imports every screen: no import circle. The two long-job owners are part of it; they
themselves are given the Textual App and what they need (the context, the clock, the
gateway client), so they do not depend on this module either.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    import httpx
    from textual.notifications import SeverityLevel
    from textual.screen import Screen
    from textual.worker import Worker

    from isend_tui.account import AccountStatus
    from isend_tui.context import AppContext
    from isend_tui.gateway.client import IsendClient
    from isend_tui.segments.local_copy.background import BackgroundBuilder
    from isend_tui.ui.services.alert_service import AlertService
    from isend_tui.ui.services.campaign_runner import CampaignRunner
    from isend_tui.ui.services.watcher_service import WatcherService

ScreenResultT = TypeVar("ScreenResultT")


class AppServices(Protocol):
    ctx: AppContext
    clock: Callable[[], datetime]
    """Every time-dependent rule (sending window, schedules) reads it: tests freeze it."""
    gateway_transport: httpx.AsyncBaseTransport | None
    """The transport the tests inject (None: the network)."""
    account_status: AccountStatus | None
    """The account as last checked in Paramétrage."""

    @property
    def campaigns(self) -> CampaignRunner:
        """Campaign sends, resumes and exports: they outlive the screen that started them."""
        ...

    @property
    def copy_builder(self) -> BackgroundBuilder:
        """Builds big shops' local copies in the background while counts go to the shop."""
        ...

    @property
    def alerts(self) -> AlertService:
        """The admin's alerts, checked every minute and shown as toasts."""
        ...

    @property
    def watcher(self) -> WatcherService:
        """The notification watcher running while the app is open."""
        ...

    def gateway_client(self) -> IsendClient:
        """The app's one gateway client, built from the current settings."""
        ...

    def settings_changed(self) -> None:
        """Called after the settings were saved: services that depend on them refresh."""
        ...

    def worker_failed(self, worker: Worker[Any], where: str) -> None:
        """A worker ended on an unexpected exception: log it, tell the merchant `where`."""
        ...

    # Textual's App, as the services use it
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    async def push_screen_wait(self, screen: Screen[ScreenResultT]) -> ScreenResultT: ...
