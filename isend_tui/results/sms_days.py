"""SMS accepted per day for campaigns: the one home of that figure, for the dashboard
(dashboard/figures.py) and `isend-tui report` (results/report.py).

A campaign's SMS count on the Paris day they left: each batch's moment
(`sent.batch_moment`: accepted by iSendPro, or the moment it was scheduled for when later,
the batch's own slot for a local hours group). So a campaign over midnight, a group sent at
its own hours on another day, an A/B remainder or a resume days later count on each of
their days, not all on the campaign's.

Read from the per-batch counters (`batch_delivery`, kept by triggers on the recipients:
store/tables/batch_counts.py) joined to their batches: a few rows per campaign, whatever
its size, so the dashboard opens fast with hundreds of campaigns.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from isend_tui.results.sent import BATCH_MOMENT_SQL, batch_moment
from isend_tui.store import Store

#: A day's SMS of a campaign: (accepted, delivered, with a final receipt).
DayCount = tuple[int, int, int]


def campaigns_sms_days(
    store: Store, *, since: date | None = None, campaign_ids: Sequence[int] | None = None
) -> dict[int, dict[date, DayCount]]:
    """Per send campaign (of `campaign_ids` when given), its SMS by the Paris day they
    left, days from `since` on (None: all), each campaign's days in order. A campaign
    without an SMS on those days is missing."""
    where = ["d.accepted > 0", "c.kind = 'send'"]
    params: list[object] = []
    if since is not None:
        # Text bounds with a day's margin (stored moments carry their own offsets); the
        # exact day is checked below. A batch leaves at its acceptance or later.
        low = (since - timedelta(days=1)).isoformat()
        where.append(
            "(coalesce(b.finished_at, b.started_at) >= ? "
            "OR coalesce(b.send_at, c.scheduled_for) >= ?)"
        )
        params += [low, low]
    if campaign_ids is not None:
        if not campaign_ids:
            return {}
        where.append(f"b.campaign_id IN ({','.join('?' * len(campaign_ids))})")
        params += list(campaign_ids)
    rows = store.db.execute_sql(
        f"SELECT b.campaign_id, {BATCH_MOMENT_SQL}, d.accepted, d.delivered, d.receipts "
        "FROM batch_delivery d JOIN campaign_batch b ON b.id = d.batch_id "
        f"JOIN campaign c ON c.id = b.campaign_id WHERE {' AND '.join(where)}",
        params,
    ).fetchall()
    found: dict[int, dict[date, list[int]]] = {}
    for campaign_id, accepted, scheduled, sent, delivered, receipts in rows:
        day = batch_moment(accepted, scheduled).date()
        if since is not None and day < since:
            continue
        tally = found.setdefault(int(campaign_id), {}).setdefault(day, [0, 0, 0])
        tally[0] += int(sent)
        tally[1] += int(delivered)
        tally[2] += int(receipts)
    return {
        campaign: {day: (t[0], t[1], t[2]) for day, t in sorted(by_day.items())}
        for campaign, by_day in found.items()
    }


def sms_days(store: Store, campaign_id: int) -> dict[date, DayCount]:
    """One campaign's SMS by the Paris day they left."""
    return campaigns_sms_days(store, campaign_ids=[campaign_id]).get(campaign_id, {})


def sms_per_day(store: Store, *, since: date) -> dict[date, DayCount]:
    """Every campaign's SMS added up per Paris day, from `since` on."""
    total: dict[date, list[int]] = {}
    for by_day in campaigns_sms_days(store, since=since).values():
        for day, counts in by_day.items():
            tally = total.setdefault(day, [0, 0, 0])
            for i in range(3):
                tally[i] += counts[i]
    return {day: (t[0], t[1], t[2]) for day, t in sorted(total.items())}
