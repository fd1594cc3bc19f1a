"""Frequency caps: at most N marketing SMS per number in any rolling window (24 hours and
30 days, settings `cap_per_day` and `cap_per_30_days`, 0 = no cap), every campaign counted.

What is counted, from the local store only (no shop access):

- every recipient row of a *send* campaign (exports are not SMS) that left or may have
  left: state sent, in_flight or uncertain, whatever the campaign's state became later (a
  campaign cancelled half-way keeps the SMS that went out);
- the rows still pending in a campaign that will send them without asking again: state
  'sending' (running, or stopped by a crash: the start-up offer resumes it) or
  'scheduled'. A draft (not confirmed) counts for nothing, nor does a cancelled
  campaign's or a stopped ('failed', 'partly_failed') campaign's pending rows: a resume
  of those must check the caps first (`capped_numbers(..., exclude_campaign=its id)`).

When an SMS counts:

- one that left: when its batch was handed to iSendPro (campaign_batch.started_at), or
  the moment it was scheduled for if that is later (iSendPro holds a scheduled send until
  then): the batch's own send_at (a local hours group, local_hours.py), else the
  campaign's scheduled_for;
- one still pending: the campaign's scheduled_for, else its confirmation (else creation)
  time, but never before `now`: a campaign being sent may send it at any moment from now;
  for a recipient of an A/B test of send times, his variant's moment instead
  (send_times.py); for a recipient of a local hours group, the group's first allowed slot
  from then on, as the engine will schedule its batch (the rule's `window`, from the
  settings).

The windows are half-open, [s, s + W): a send at T is allowed when every window of length
W that contains T holds at most N - 1 other SMS. So two SMS exactly 24 hours apart are
allowed under "1 per 24 h", and one 23 h 59 min 59 s apart is not; the same with 30 days
(exactly 720 hours, real time: a change of summer time does not stretch a window).

- every SMS of an automation (isend_tui/automations/, a row of the notification table with
  a flow) that left or may have left (sent, sending, uncertain), when it left (sent_at,
  else its last change); one still queued counts once it leaves: the automation checks
  the caps again just before sending it.

Cost: the campaign table and the batch table (one row per 500 SMS) are read; the
recipient rows only of the batches and campaigns whose moment falls within 30 days of
`at`, once each, grouped by number in Python (bench/caps_bench.py). No index is added:
each batch's rows are read through their rowid range, the pending rows through the
partial index the engine already has.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from isend_tui.campaigns import send_times
from isend_tui.campaigns.local_hours import LocalGroup
from isend_tui.campaigns.model import CampaignKind, CampaignState, RecipientState
from isend_tui.campaigns.window import SendingWindow, scheduled_moment, to_paris
from isend_tui.formatting import count
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.store import Store

__all__ = ["DAY", "THIRTY_DAYS", "CapRule", "capped_numbers", "sms_moments"]

DAY = timedelta(hours=24)
THIRTY_DAYS = timedelta(days=30)
_MARGIN = timedelta(days=1)
"""Widening of the SQL prefilter on stored text moments (offsets, formats); the exact test
is made in Python, in POSIX seconds."""

_LEFT = (RecipientState.SENT, RecipientState.IN_FLIGHT, RecipientState.UNCERTAIN)
_WILL_SEND = (CampaignState.SENDING, CampaignState.SCHEDULED)


BATCHES_SQL = (
    "SELECT b.id, b.first_id, b.last_id, b.started_at, COALESCE(b.send_at, c.scheduled_for) "
    "FROM campaign_batch b JOIN campaign c ON c.id = b.campaign_id "
    "WHERE c.kind = ? AND c.id != ? AND ((b.started_at >= ? AND b.started_at < ?) "
    "OR (c.scheduled_for >= ? AND c.scheduled_for < ?) OR (b.send_at >= ? AND b.send_at < ?))"
)
"""The batches of send campaigns that may fall within reach (a day's margin on text)."""

AUTOMATION_SQL = (
    "SELECT number, COALESCE(sent_at, updated_at) FROM notification "
    "WHERE flow IS NOT NULL AND created_at >= ? AND created_at < ? "
    "AND state IN ('sent', 'sending', 'uncertain')"
)
"""The automations' SMS that left or may have (the notification states, written here as
text: campaigns do not import the notifications engine). Through its partial index on
(flow, created_at); a row is created at most _QUEUED_FOR before it leaves."""
_QUEUED_FOR = timedelta(days=8)
"""Longest an automation's SMS waits for the marketing window (a long holiday weekend)."""

BATCH_ROWS_SQL = (
    "SELECT number FROM campaign_recipient WHERE id BETWEEN ? AND ? AND batch_id = ? "
    "AND state IN (?, ?, ?)"
)
"""A batch's recipients that left (or may have): its rowid range, no index on batch_id.
Batch by batch is faster than one join (which SQLite plans as a scan of every row)."""


@dataclass(frozen=True)
class CapRule:
    """At most `per_day` marketing SMS per number in any 24 hours and `per_30_days` in any
    30 days; 0 is no cap."""

    per_day: int = 1
    per_30_days: int = 4
    #: the marketing window, which decides when a local hours group's pending SMS leave
    #: (None: when the campaign does)
    window: SendingWindow | None = field(default=None, compare=False)

    @classmethod
    def of(cls, settings: Settings) -> CapRule:
        return cls(
            per_day=settings.cap_per_day,
            per_30_days=settings.cap_per_30_days,
            window=SendingWindow.from_settings(settings),
        )

    @property
    def active(self) -> bool:
        return self.per_day > 0 or self.per_30_days > 0

    def windows(self) -> list[tuple[timedelta, int]]:
        """(length, cap) of each window that caps something."""
        return [(w, n) for w, n in ((DAY, self.per_day), (THIRTY_DAYS, self.per_30_days)) if n]

    def describe(self) -> str:
        """« 1 SMS par 24 h et 4 par 30 jours au plus par numéro »."""
        if self.per_day and self.per_30_days:
            return _("{day} SMS par 24 h et {month} par 30 jours au plus par numéro").format(
                day=count(self.per_day), month=count(self.per_30_days)
            )
        if self.per_day:
            return _("{day} SMS par 24 h au plus par numéro").format(day=count(self.per_day))
        if self.per_30_days:
            return _("{month} SMS par 30 jours au plus par numéro").format(
                month=count(self.per_30_days)
            )
        return _("aucun plafond d'envoi par numéro")


def capped_numbers(
    store: Store,
    numbers: Iterable[str] | None,
    rule: CapRule,
    at: datetime,
    *,
    exclude_campaign: int | None = None,
    now: datetime | None = None,
) -> frozenset[str]:
    """The numbers (of `numbers`, or of the whole store when None) that may NOT get one
    more marketing SMS at `at`: some window of the rule containing `at` would then hold
    more than its cap. `exclude_campaign` (the campaign being prepared or resumed) is not
    counted; `now` (default `at`) is the present moment, before which no pending SMS can
    leave. Numbers are compared as stored: international without "+" ("33612345678"), as
    the segment's `Recipient.number` and the preparation have them."""
    windows = rule.windows()
    if not windows:
        return frozenset()
    wanted = None if numbers is None else frozenset(numbers)
    if wanted is not None and not wanted:
        return frozenset()
    moments = sms_moments(
        store, at, exclude_campaign=exclude_campaign, now=now, only=wanted, window=rule.window
    )
    target = _seconds(at)
    limits = [(w.total_seconds(), n) for w, n in windows]
    return frozenset(
        number
        for number, times in moments.items()
        if any(_window_full(times, target, width, cap) for width, cap in limits)
    )


def sms_moments(
    store: Store,
    at: datetime,
    *,
    exclude_campaign: int | None = None,
    now: datetime | None = None,
    only: frozenset[str] | None = None,
    reach: timedelta = THIRTY_DAYS,
    window: SendingWindow | None = None,
) -> dict[str, list[float]]:
    """Each number's counted marketing SMS strictly within `reach` of `at`, as sorted POSIX
    timestamps (see the module docstring for what counts and when)."""
    # Real time throughout (POSIX seconds): aware datetimes of one zone compare and add
    # as wall-clock times, which a change of summer time would shift by an hour.
    centre = _seconds(at)
    low, high = centre - reach.total_seconds(), centre + reach.total_seconds()
    present = centre if now is None else _seconds(now)
    low_text = (to_paris(at) - reach - _MARGIN).strftime("%Y-%m-%d")
    high_text = (to_paris(at) + reach + _MARGIN).strftime("%Y-%m-%d")
    excluded = -1 if exclude_campaign is None else exclude_campaign
    found: dict[str, list[float]] = defaultdict(list)

    db = store.db
    # One read transaction: a batch claimed between two statements is seen once, as
    # pending or as left, never missed nor twice.
    with db.atomic():
        left = tuple(s.value for s in _LEFT)
        batches = db.execute_sql(
            BATCHES_SQL,
            (CampaignKind.SEND.value, excluded, *(low_text, high_text) * 3),
        ).fetchall()
        for batch_id, first_id, last_id, started_at, scheduled_for in batches:
            stamp = _left_at(started_at, scheduled_for)
            if not low < stamp < high:
                continue
            for (number,) in db.execute_sql(BATCH_ROWS_SQL, (first_id, last_id, batch_id, *left)):
                found[number].append(stamp)

        campaigns = db.execute_sql(
            "SELECT id, scheduled_for, confirmed_at, created_at, send_times FROM campaign "
            "WHERE kind = ? AND id != ? AND state IN (?, ?)",
            (CampaignKind.SEND.value, excluded, *(s.value for s in _WILL_SEND)),
        ).fetchall()
        for campaign_id, scheduled_for, confirmed_at, created_at, stored_times in campaigns:
            scheduled = scheduled_moment(scheduled_for)
            planned = scheduled or datetime.fromisoformat(confirmed_at or created_at)
            stamp = max(_seconds(planned), present)
            if stamp >= high:  # a group's slot (or an A/B test's later moment) is never earlier
                continue
            # a group's batch leaves at its slot from the campaign's moment (or from now);
            # an A/B test of send times' from its variant's moment (send_times.py)
            base = to_paris(scheduled or datetime.fromtimestamp(stamp, UTC))
            moments = send_times.from_json(stored_times)
            stamps: dict[tuple[str | None, int | None], float] = {}
            pending = db.execute_sql(
                "SELECT number, zone, variant FROM campaign_recipient WHERE campaign_id = ? "
                "AND state = ?",
                (campaign_id, RecipientState.PENDING.value),
            )
            for number, zone, variant in pending:
                key = (zone, variant if moments else None)
                if key not in stamps:
                    start = send_times.moment_of(moments, variant) or base
                    slot = LocalGroup.parse(zone).slot(window, start) if window and zone else start
                    stamps[key] = max(_seconds(slot), present)
                if low < stamps[key] < high:
                    found[number].append(stamps[key])
        low_utc = datetime.fromtimestamp(low, UTC) - _QUEUED_FOR
        high_utc = datetime.fromtimestamp(high, UTC)
        for number, left_at in db.execute_sql(
            AUTOMATION_SQL,
            (low_utc.isoformat(timespec="seconds"), high_utc.isoformat(timespec="seconds")),
        ):
            stamp = datetime.fromisoformat(left_at).timestamp()
            if number and low < stamp < high:
                found[number].append(stamp)
    # Filtered once per number, not once per row.
    kept = found if only is None else {n: found[n] for n in only if n in found}
    for times in kept.values():
        times.sort()
    return dict(kept)


def _seconds(when: datetime) -> float:
    """POSIX seconds; a naive datetime is Paris time (as everywhere in campaigns/)."""
    return to_paris(when).timestamp()


def _left_at(started_at: str, scheduled_for: str | None) -> float:
    """When the SMS of a batch handed over at `started_at` leave: then, or at the
    campaign's scheduled_for if later (iSendPro holds a scheduled send until then)."""
    handed = _seconds(datetime.fromisoformat(started_at))
    scheduled = scheduled_moment(scheduled_for)
    return handed if scheduled is None else max(handed, _seconds(scheduled))


def _window_full(times: list[float], target: float, width: float, cap: int) -> bool:
    """Whether some window [s, s + width) containing `target` already holds `cap` of the
    sorted `times`. Only the times in (target - width, target + width) can share such a
    window; with cap 1 any of them does. Otherwise the count as s moves over (target -
    width, target] is greatest at s = target or at one of the times in that range: only
    those are tried."""
    low = bisect.bisect_right(times, target - width)
    high = bisect.bisect_left(times, target + width)
    if high - low < cap:
        return False
    if cap == 1:
        return True
    last = bisect.bisect_right(times, target, low, high)
    for start in [target, *times[low:last]]:
        inside = bisect.bisect_left(times, start + width, low) - bisect.bisect_left(
            times, start, low
        )
        if inside >= cap:
            return True
    return False
