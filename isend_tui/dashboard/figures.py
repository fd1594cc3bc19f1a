"""The dashboard's figures: what the merchant's SMS did over the last days, read from the
local store only (fast enough to open in a blink with hundreds of campaigns).

Per day (Paris time): the SMS accepted by iSendPro (a campaign's on the day each of its
batches left, as `isend-tui report` counts them: results/sms_days.py; notifications on
the day they were sent), the oppositions recorded (STOP replies imported from the
account's blacklist and numbers refused as blacklisted, code 11), those of them the
receipts said delivered, and per campaign its figures. The composition of figures other
packages own (health's credit and watcher, delivery's receipts, results' attributed
revenue) happens in `dashboard/board.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from isend_tui.campaigns.window import PARIS, to_paris
from isend_tui.results.sms_days import sms_per_day
from isend_tui.results.stops import STOP_SOURCES
from isend_tui.store import Store


@dataclass(frozen=True)
class Day:
    day: date
    campaign_sms: int = 0
    notification_sms: int = 0
    stops: int = 0
    delivered: int = 0
    """Of the day's SMS, those whose receipt said delivered (delivery/)."""

    @property
    def sent(self) -> int:
        return self.campaign_sms + self.notification_sms

    @property
    def delivery_rate(self) -> float | None:
        return self.delivered / self.sent if self.sent else None


@dataclass(frozen=True)
class CampaignLine:
    id: int
    label: str
    day: date | None
    sent: int


def _day_of(stamp: str | None) -> date | None:
    """The Paris day of a stored moment (ISO with offset, or naive Paris time)."""
    if not stamp:
        return None
    try:
        return to_paris(datetime.fromisoformat(stamp)).date()
    except ValueError:
        return None


def campaign_lines(store: Store, since: date, limit: int = 500) -> list[CampaignLine]:
    """The send campaigns that sent something since `since`, newest first (their counters:
    one row each, whatever their size)."""
    low = since.isoformat()
    rows = store.db.execute_sql(
        "SELECT id, label, coalesce(finished_at, confirmed_at, created_at), sent FROM campaign "
        "WHERE kind = 'send' AND sent > 0 AND coalesce(finished_at, confirmed_at, created_at) "
        ">= ? ORDER BY id DESC LIMIT ?",
        (low, limit),
    ).fetchall()
    return [CampaignLine(int(r[0]), str(r[1]), _day_of(r[2]), int(r[3])) for r in rows]


def _per_day(rows: Iterable[tuple[str | None, int]]) -> dict[date, int]:
    found: dict[date, int] = {}
    for stamp, n in rows:
        day = _day_of(stamp)
        if day is not None:
            found[day] = found.get(day, 0) + int(n)
    return found


def _hour_day(hour: str, tail: str) -> date | None:
    """The Paris day of every moment of a stored hour ("2026-03-10T09" and what followed
    the seconds: a fraction, an offset), None when its moments straddle two days (an
    offset in half hours) or the text is not a moment."""
    offset = tail.lstrip(".0123456789")
    try:
        start = datetime.fromisoformat(f"{hour}:00:00{offset}")
    except ValueError:
        return None
    first = to_paris(start).date()
    last = to_paris(start + timedelta(hours=1, microseconds=-1)).date()
    return first if first == last else None


def _notifications(store: Store, low: str) -> tuple[dict[date, int], dict[date, int]]:
    """The notifications sent per Paris day, and of them those delivered. Counted per hour
    by SQLite (a few hundred groups instead of every row); an hour whose moments are not
    all of one day is counted row by row."""
    sent: dict[date, int] = {}
    delivered: dict[date, int] = {}
    groups = store.db.execute_sql(
        "SELECT substr(sent_at, 1, 13), substr(sent_at, 20), count(*), "
        "sum(delivery IS 'delivered') FROM notification WHERE state = 'sent' AND sent_at >= ? "
        "GROUP BY 1, 2",
        (low,),
    ).fetchall()
    for hour, tail, n, ok in groups:
        day = _hour_day(str(hour), str(tail or ""))
        if day is not None:
            sent[day] = sent.get(day, 0) + int(n)
            delivered[day] = delivered.get(day, 0) + int(ok)
            continue
        rows = store.db.execute_sql(
            "SELECT sent_at, delivery IS 'delivered' FROM notification WHERE state = 'sent' "
            "AND sent_at >= ? AND substr(sent_at, 1, 13) IS ? AND substr(sent_at, 20) IS ?",
            (low, hour, tail),
        ).fetchall()
        for one, n in _per_day((stamp, 1) for stamp, _ok in rows).items():
            sent[one] = sent.get(one, 0) + n
        for one, n in _per_day((stamp, int(ok)) for stamp, ok in rows).items():
            delivered[one] = delivered.get(one, 0) + n
    return sent, delivered


def days(store: Store, now: datetime, span: int = 30) -> list[Day]:
    """The last `span` days, today included, oldest first (a day with nothing is there too:
    a chart's axis has no holes)."""
    today = to_paris(now).date()
    first = today - timedelta(days=span - 1)
    # A day's margin on the text bounds: stored moments carry their own offsets.
    low = (datetime.combine(first, datetime.min.time(), PARIS) - timedelta(days=1)).isoformat()
    campaigns: dict[date, int] = {}
    delivered: dict[date, int] = {}
    for day, (sent, ok, _receipts) in sms_per_day(store, since=first).items():
        campaigns[day] = sent
        delivered[day] = ok
    notifications, received = _notifications(store, low)
    for day, n in received.items():
        delivered[day] = delivered.get(day, 0) + n
    marks = ",".join("?" * len(STOP_SOURCES))
    stops = _per_day(
        store.db.execute_sql(
            f"SELECT at, 1 FROM suppression_log WHERE action = 'added' AND source IN ({marks}) "
            "AND at >= ?",
            (*STOP_SOURCES, low),
        ).fetchall()
    )
    return [
        Day(
            day,
            campaign_sms=campaigns.get(day, 0),
            notification_sms=notifications.get(day, 0),
            stops=stops.get(day, 0),
            delivered=delivered.get(day, 0),
        )
        for day in (first + timedelta(days=i) for i in range(span))
    ]
