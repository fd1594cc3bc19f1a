"""Journal d'envoi: the followed campaign's progress bar and log lines, told by the campaign
runner's signals, and shown again when the merchant comes back to the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar

from isend_tui.campaigns.events import EventKind
from isend_tui.i18n import _
from isend_tui.ui.safe import shown_lines
from isend_tui.ui.shell.base import ScreenPart
from isend_tui.ui.widgets.fitting_log import FittingLog

if TYPE_CHECKING:
    from isend_tui.campaigns.events import CampaignProgress


def _marked(event: CampaignProgress) -> str:
    return {"error": "✗ ", "warning": "! "}.get(str(event.level), "") + event.line()


class SendLog(Vertical, ScreenPart):
    """The log of one campaign: the one last started here, or the runner's last one."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(classes="panel", id="send-log-panel", **kwargs)
        self.border_title = _("Journal d'envoi")
        self.shown_campaign: int | None = None
        #: a preparation was started here: the next campaign created is the one to show
        self.awaiting_new = False

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=False, id="send-progress")
        yield FittingLog(id="send-log")

    def on_mount(self) -> None:
        runner = self.isend.campaigns
        runner.progress.subscribe(self, self._on_progress)
        runner.ended.subscribe(self, self._on_ended)

    def follow(self, campaign_id: int) -> None:
        """From now on, show this campaign's progress."""
        self.shown_campaign = campaign_id

    def expect_new(self) -> None:
        """A campaign is about to be prepared here: clear the log and the bar and follow
        the campaign whose creation comes next (its preparation's steps as they happen)."""
        self.awaiting_new = True
        self.shown_campaign = None
        self.query_one("#send-log", FittingLog).clear()
        self.query_one("#send-progress", ProgressBar).update(total=None, progress=0)

    def stop_expecting(self) -> None:
        """The preparation failed before creating its campaign: show what comes next."""
        self.awaiting_new = False

    def line(self, text: str) -> None:
        self.query_one("#send-log", FittingLog).write(shown_lines(text))

    def _on_progress(self, event: CampaignProgress) -> None:
        if self.awaiting_new:
            if event.kind != EventKind.CREATED:
                return  # another campaign's send going on meanwhile: kept in its own log
            self.awaiting_new = False
            self.shown_campaign = event.campaign_id
        if self.shown_campaign is None:
            self.shown_campaign = event.campaign_id
        if event.campaign_id != self.shown_campaign:
            return
        self.line(_marked(event))
        self._update_progress(event)

    def _update_progress(self, event: CampaignProgress) -> None:
        """The bar follows the recipients prepared (read of total), then, from the start
        of the send on, the recipients whose batch was answered (done of total)."""
        bar = self.query_one("#send-progress", ProgressBar)
        data = event.data or {}
        if data.get("final") and bar.total is not None:
            bar.update(progress=bar.total)  # preparation over
            return
        total = data.get("total")
        done = data.get("done")
        if isinstance(total, int) and total > 0:
            bar.update(total=total)
        if isinstance(done, int):
            bar.update(progress=done)

    def _on_ended(self, campaign_id: int) -> None:
        if campaign_id == self.shown_campaign:
            bar = self.query_one("#send-progress", ProgressBar)
            if bar.total is not None:
                bar.update(progress=bar.total)

    def replay(self) -> None:
        """Coming back to the screen: show the followed campaign's log again."""
        runner = self.isend.campaigns
        campaign_id = self.shown_campaign or runner.last_campaign
        if campaign_id is None:
            return
        self.shown_campaign = campaign_id
        log = self.query_one("#send-log", FittingLog)
        log.clear()
        for event in runner.log_of(campaign_id):
            log.write(shown_lines(_marked(event)))
            self._update_progress(event)
