"""The dashboard as one value: the days, the campaigns, and the health of the account and
the watcher, read from the local store (blocking; the screen reads it in a worker)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from isend_tui.config import Settings
from isend_tui.dashboard.figures import CampaignLine, Day, campaign_lines, days
from isend_tui.health.checks import current_health
from isend_tui.health.report import HealthReport
from isend_tui.results.cache import campaign_results
from isend_tui.store import Store

SPAN_DAYS = 30


@dataclass(frozen=True)
class Revenue:
    """A campaign's attributed revenue (results/), in the shop's default currency."""

    id: int
    label: str
    amount: Decimal
    currency: str
    orders: int


@dataclass(frozen=True)
class Board:
    days: list[Day]
    campaigns: list[CampaignLine]
    health: HealthReport
    revenue: list[Revenue] = field(default_factory=list)
    """The campaigns of the period with their attributed revenue (the last computed:
    results/cache.py, refreshed by `isend-tui report` and `campaign show`)."""

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
    lines = campaign_lines(store, first, limit=20)
    return Board(
        days=days(store, now, span),
        campaigns=lines,
        health=current_health(store, settings, now),
        revenue=_revenue(store, settings, lines),
    )


def _revenue(store: Store, settings: Settings, lines: list[CampaignLine]) -> list[Revenue]:
    """The cached attribution of each campaign (no shop read: the dashboard opens fast)."""
    found = campaign_results(
        store, [line.id for line in lines], days=settings.attribution_days, dsn=None
    )
    out = []
    for line in reversed(lines):  # oldest first, as a chart's axis
        a = found.get(line.id)
        if a is not None:
            out.append(
                Revenue(line.id, line.label, a.treated.revenue, a.currency, a.treated.orders)
            )
    return out
