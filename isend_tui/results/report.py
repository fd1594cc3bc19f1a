"""The report over campaigns and days: what `isend-tui report` prints, from one function
(`build_report`); its SMS per day are the dashboard's (results/sms_days.py).

Per campaign: its SMS sent, the delivery rate once delivery receipts are recorded
(campaign_recipient.delivery: delivered over those with a final status), the STOP rate
(results/stops.py, with the attribution; None until measured) and the attribution figures
(results/cache.py). Per day (Paris): the SMS that left that day (accepted, or at the
moment they were scheduled for: results/sms_days.py, the dashboard's figure too), the
delivery rate of those, and the attributed revenue of the campaigns whose first SMS left
that day. The days are read from each batch's counters, so a report over many campaigns
reads the recipients only of those whose figures are computed again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from isend_tui.campaigns.window import PARIS, paris_now
from isend_tui.results.cache import campaign_results, measured_campaigns
from isend_tui.results.figures import Attribution, money
from isend_tui.results.messages import MessageFigures, message_results
from isend_tui.results.sent import has_delivery_status
from isend_tui.results.sms_days import campaigns_sms_days
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import open_shop
from isend_tui.store import Store

EVER = datetime(2000, 1, 1, tzinfo=UTC)  # a report without --since: every SMS


@dataclass(frozen=True)
class CampaignLine:
    id: int
    label: str
    day: date | None  # of its first SMS (Paris)
    sms: int
    delivery_rate: float | None
    stop_rate: float | None
    attribution: Attribution | None

    def as_dict(self) -> dict[str, Any]:
        a = self.attribution
        return {
            "id": self.id,
            "label": self.label,
            "day": None if self.day is None else self.day.isoformat(),
            "sms": self.sms,
            "delivery_rate": self.delivery_rate,
            "stop_rate": self.stop_rate,
            "revenue": None if a is None else str(money(a.treated.revenue)),
            "orders": None if a is None else a.treated.orders,
            "buyers": None if a is None else a.treated.buyers,
            "cost": None if a is None or a.cost is None else str(a.cost),
            "window_open": None if a is None else a.window_open,
            "attribution": None if a is None else a.as_dict(),
        }


@dataclass(frozen=True)
class DayLine:
    day: date
    sms: int
    delivery_rate: float | None
    revenue: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "sms": self.sms,
            "delivery_rate": self.delivery_rate,
            "revenue": str(money(self.revenue)),
        }


@dataclass(frozen=True)
class Report:
    since: date | None
    currency: str | None
    campaigns: tuple[CampaignLine, ...]
    days: tuple[DayLine, ...]
    credit: Decimal | None = None  # euros left at iSendPro, when the caller asked
    delivery_known: bool = False
    totals: dict[str, Any] = field(default_factory=dict)
    #: what each automation flow and each notification rule earned over the period
    #: (results/messages.py); None when the shop was not read
    automations: dict[str, MessageFigures] | None = None
    notifications: dict[str, MessageFigures] | None = None
    rule_labels: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": None if self.since is None else self.since.isoformat(),
            "currency": self.currency,
            "credit": None if self.credit is None else str(self.credit),
            "delivery_known": self.delivery_known,
            "totals": self.totals,
            "campaigns": [c.as_dict() for c in self.campaigns],
            "days": [d.as_dict() for d in self.days],
            "automations": _messages_dict(self.automations),
            "notifications": _messages_dict(self.notifications, self.rule_labels),
        }


def _messages_dict(
    found: dict[str, MessageFigures] | None, labels: dict[str, str] | None = None
) -> dict[str, Any] | None:
    if found is None:
        return None
    out = {}
    for key, figures in found.items():
        item = figures.as_dict()
        if labels is not None:
            item["label"] = labels.get(key, "")
        out[key] = item
    return out


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 6) if whole else None


def build_report(
    store: Store,
    *,
    days: int,
    dsn: ShopDsn | None,
    since: date | None = None,
    now: datetime | None = None,
    refresh: bool = False,
    credit: Decimal | None = None,
) -> Report:
    """The report from `since` (Paris day, included; None: everything). `dsn` None reads
    the figures cached only (no shop access)."""
    delivery = has_delivery_status(store)
    measured = measured_campaigns(store)
    figures = campaign_results(store, measured, days=days, dsn=dsn, now=now, refresh=refresh)
    labels = dict(store.db.execute_sql("SELECT id, label FROM campaign").fetchall())
    # Every day of every campaign (its first day may be before `since`): a few rows each.
    sent_days = campaigns_sms_days(store)
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    revenue_of_day: dict[date, Decimal] = defaultdict(Decimal)
    lines = []
    for campaign_id in measured:
        attribution = figures.get(campaign_id)
        by_day = list(sent_days.get(campaign_id, {}).items())
        first = min((d for d, _c in by_day), default=None)
        kept = [(d, c) for d, c in by_day if since is None or d >= since]
        if not kept:
            continue
        tally = [0, 0, 0]
        for day, counts in kept:
            for i in range(3):
                tally[i] += counts[i]
                per_day[day][i] += counts[i]
        if attribution is not None and first is not None and (since is None or first >= since):
            revenue_of_day[first] += attribution.treated.revenue
        lines.append(
            CampaignLine(
                id=campaign_id,
                label=str(labels.get(campaign_id, "")),
                day=first,
                sms=tally[0],
                delivery_rate=_rate(tally[1], tally[2]),
                stop_rate=None if attribution is None else attribution.treated.stop_rate,
                attribution=attribution,
            )
        )
    day_lines = tuple(
        DayLine(day, t[0], _rate(t[1], t[2]), revenue_of_day.get(day, Decimal(0)))
        for day, t in sorted(per_day.items())
    )
    figures = {line.id: line.attribution for line in lines if line.attribution is not None}
    currencies = {a.currency for a in figures.values()}
    revenue = sum((a.treated.revenue for a in figures.values()), Decimal(0))
    cost = sum((a.cost for a in figures.values() if a.cost is not None), Decimal(0))
    totals: dict[str, Any] = {
        "sms": sum(d.sms for d in day_lines),
        "revenue": str(money(revenue)),
        "cost": str(money(cost)),
        "orders": sum(a.treated.orders for a in figures.values()),
    }
    automations = notifications = None
    if dsn is not None:
        automations, notifications = _messages(store, dsn, days=days, since=since, now=now)
    return Report(
        since=since,
        currency=next(iter(currencies)) if len(currencies) == 1 else None,
        campaigns=tuple(lines),
        days=day_lines,
        credit=credit,
        delivery_known=delivery,
        totals=totals,
        automations=automations,
        notifications=notifications,
        rule_labels=_rule_labels(store),
    )


Earned = dict[str, MessageFigures]


def _messages(
    store: Store, dsn: ShopDsn, *, days: int, since: date | None, now: datetime | None
) -> tuple[Earned, Earned]:
    """The automations' and the rules' figures over the report's period (the shop read)."""
    until = now or paris_now()
    start = EVER if since is None else datetime.combine(since, time(0), PARIS)
    with open_shop(dsn) as conn:
        flows = message_results(store, conn, by="flow", since=start, until=until, days=days)
        rules = message_results(store, conn, by="rule", since=start, until=until, days=days)
    return flows, rules


def _rule_labels(store: Store) -> dict[str, str]:
    rows = store.db.execute_sql("SELECT id, state_name, event FROM notification_rule")
    return {str(i): str(name or event) for i, name, event in rows}
