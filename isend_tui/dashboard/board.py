"""The dashboard as one value: the days, the campaigns, and the health of the account and
the watcher, read from the local store (blocking; the screen reads it in a worker)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from isend_tui.config import Settings
from isend_tui.dashboard.figures import CampaignLine, Day, campaign_lines, days
from isend_tui.health.checks import current_health
from isend_tui.health.report import HealthReport
from isend_tui.store import Store

SPAN_DAYS = 30


@dataclass(frozen=True)
class Board:
    days: list[Day]
    campaigns: list[CampaignLine]
    health: HealthReport

    @property
    def sent(self) -> int:
        return sum(d.sent for d in self.days)

    @property
    def stops(self) -> int:
        return sum(d.stops for d in self.days)

    @property
    def stop_rate(self) -> float | None:
        """Oppositions per SMS over the period (None before any SMS)."""
        return self.stops / self.sent if self.sent else None


def read_board(store: Store, settings: Settings, now: datetime, span: int = SPAN_DAYS) -> Board:
    first = now.date() - timedelta(days=span - 1)
    return Board(
        days=days(store, now, span),
        campaigns=campaign_lines(store, first, limit=20),
        health=current_health(store, settings, now),
    )
