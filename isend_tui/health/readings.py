"""What the health checks measure, from the local store (the credit itself comes from
the gateway, see checks.py).

- Notification usage: the SMS parts sent by notifications over the last 7 days, per day:
  the default credit threshold is one day of it, never under CREDIT_FLOOR_SMS.
- Failure rates over the last hour: for notifications (rows settled in the hour) and for
  each campaign active in the hour. Failed = refused by the gateway, plus failed
  deliveries from `delivery_failures` (the hook for delivery receipts); the rate is
  judged only over at least `alert_failure_min_sms` SMS tried.
- The watcher's silence: minutes since its last poll (marks.WATCHER_POLL); it matters
  only while notification rules are enabled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from isend_tui.health.marks import MarkName, iso, read_mark
from isend_tui.sms.encoding import parts

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.store import Store

CREDIT_FLOOR_SMS = 20
"""The default credit threshold never goes under this (a new shop sends few notifications
and must still hear of an empty account before it is empty)."""
USAGE_DAYS = 7
RATE_WINDOW = timedelta(hours=1)
NOTIFICATIONS = "notifications"
MAX_USAGE_ROWS = 100_000


def campaign_subject(campaign_id: int) -> str:
    return f"campaign:{campaign_id}"


def daily_notification_sms(store: Store, now: datetime) -> float:
    """SMS parts sent by notifications per day, over the last USAGE_DAYS days."""
    since = iso(now - timedelta(days=USAGE_DAYS))
    rows = store.db.execute_sql(
        "SELECT message FROM notification WHERE state = 'sent' AND sent_at >= ? LIMIT ?",
        (since, MAX_USAGE_ROWS),
    )
    total = sum(max(1, parts(str(r[0]))) for r in rows)
    return total / USAGE_DAYS


def credit_threshold(settings: Settings, daily_sms: float) -> int:
    """The credit (in SMS) under which the admin is alerted."""
    if settings.alert_credit_sms > 0:
        return settings.alert_credit_sms
    return max(CREDIT_FLOOR_SMS, math.ceil(daily_sms))


@dataclass(frozen=True)
class Rate:
    subject: str
    label: str
    failed: int
    tried: int

    @property
    def percent(self) -> float:
        return 100.0 * self.failed / self.tried if self.tried else 0.0

    def crossed(self, settings: Settings) -> bool:
        if settings.alert_failure_percent <= 0 or self.tried < settings.alert_failure_min_sms:
            return False
        return self.percent >= settings.alert_failure_percent


def delivery_failures(store: Store, since: datetime, campaign_ids: list[int]) -> dict[str, int]:
    """Failed deliveries per subject (NOTIFICATIONS, campaign_subject(id)) whose receipt
    came since `since` (delivery/queries.py): the rates add them to the gateway's
    refusals."""
    from isend_tui.delivery.queries import failures_since

    notifications, campaigns = failures_since(
        store, since.astimezone(UTC).isoformat(timespec="seconds"), campaign_ids
    )
    found = {campaign_subject(cid): n for cid, n in campaigns.items()}
    found[NOTIFICATIONS] = notifications
    return found


def failure_rates(store: Store, now: datetime) -> list[Rate]:
    """The failure rates of the last hour: notifications, then each active campaign."""
    from isend_tui.i18n import _

    since = now - RATE_WINDOW
    row = store.db.execute_sql(
        "SELECT coalesce(sum(state = 'refused'), 0), count(*) FROM notification "
        "WHERE state IN ('sent', 'refused') AND updated_at >= ?",
        (iso(since),),
    ).fetchone()
    # Campaign stamps are Paris time with their offset: compared as moments, not text.
    active = []
    for campaign_id, label, updated_at, sent, refused in store.db.execute_sql(
        "SELECT id, label, updated_at, sent, refused FROM campaign "
        "WHERE kind = 'send' AND sent + refused > 0 ORDER BY id DESC LIMIT 200"
    ):
        try:
            moment = datetime.fromisoformat(str(updated_at))
        except ValueError:
            continue
        if (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) >= since:
            active.append((int(campaign_id), str(label), int(sent), int(refused)))
    delivered_badly = delivery_failures(store, since, [a[0] for a in active])
    rates = [
        Rate(
            NOTIFICATIONS,
            _("notifications"),
            min(int(row[0]) + delivered_badly.get(NOTIFICATIONS, 0), int(row[1])),
            int(row[1]),
        )
    ]
    for campaign_id, label, sent, refused in active:
        subject = campaign_subject(int(campaign_id))
        # receipts of the hour may be for SMS of before it: never more than were tried
        failed = min(int(refused) + delivered_badly.get(subject, 0), int(sent) + int(refused))
        rates.append(
            Rate(
                subject,
                _("campagne {id} « {label} »").format(id=campaign_id, label=label),
                failed,
                int(sent) + int(refused),
            )
        )
    return rates


@dataclass(frozen=True)
class WatcherSilence:
    last_poll: datetime | None
    expected: bool
    """Notification rules are enabled: the watcher should be polling."""

    def minutes(self, now: datetime) -> float | None:
        if self.last_poll is None:
            return None
        return max(0.0, (now - self.last_poll).total_seconds() / 60)

    def crossed(self, settings: Settings, now: datetime) -> bool:
        if not self.expected or settings.alert_watcher_minutes <= 0:
            return False
        minutes = self.minutes(now)
        return minutes is None or minutes >= settings.alert_watcher_minutes


def watcher_silence(store: Store) -> WatcherSilence:
    mark = read_mark(store, MarkName.WATCHER_POLL)
    rules = store.db.execute_sql(
        "SELECT count(*) FROM notification_rule WHERE enabled = 1"
    ).fetchone()
    return WatcherSilence(mark.at if mark else None, int(rules[0]) > 0)
