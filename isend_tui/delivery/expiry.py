"""Expiry: an accepted SMS without a final receipt after `receipt_expiry_hours` is expired.

Counted from when the SMS left: the batch handed to iSendPro, or the campaign's scheduled
date when iSendPro kept it until then. Written to the store (so every screen and export
agrees, and the time it expired is kept) by `expire_overdue`, which the watch process runs
every minute (delivery/upkeep.py) and the CLI runs before it shows delivery figures. A
receipt arriving later still wins (states.supersedes). Each pass only looks at the SMS
that left since the previous pass's cut-off (kept in ``delivery_counter``), so it stays
cheap on a store of millions.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from isend_tui.campaigns.window import scheduled_moment
from isend_tui.delivery.states import Delivery, Reason
from isend_tui.store import Store

DEFAULT_EXPIRY_HOURS = 72
_WATERMARK = "expired_upto_epoch"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _sql_utc(moment: datetime) -> str:
    """A moment as SQLite's datetime() writes UTC: the stored times carry their own offset
    (campaigns Paris time, notifications UTC), datetime() brings both to UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _batches_due(store: Store, since: str, cutoff: str) -> list[tuple[int, int, int]]:
    """(id, first id, last id) of the batches whose SMS left in [since, cutoff): when they
    were handed over, or at the moment iSendPro kept them until (a campaign scheduled a
    week ahead has not expired three days later): the batch's own (a local hours group,
    campaigns/local_hours.py), else the campaign's scheduled date."""
    rows = store.db.execute_sql(
        "SELECT b.id, b.first_id, b.last_id, datetime(coalesce(b.finished_at, b.started_at)), "
        "coalesce(b.send_at, c.scheduled_for) FROM campaign_batch b "
        "JOIN campaign c ON c.id = b.campaign_id "
        "WHERE datetime(coalesce(b.finished_at, b.started_at)) < ? "
        "AND (datetime(coalesce(b.finished_at, b.started_at)) >= ? "
        "OR c.scheduled_for IS NOT NULL OR b.send_at IS NOT NULL)",
        (cutoff, since),
    ).fetchall()
    due: list[tuple[int, int, int]] = []
    for batch_id, first_id, last_id, handed, scheduled in rows:
        left = str(handed)
        moment = scheduled_moment(scheduled) if scheduled else None
        if moment is not None:
            left = max(left, _sql_utc(moment))
        if since <= left < cutoff:
            due.append((int(batch_id), int(first_id), int(last_id)))
    return due


def expire_overdue(
    store: Store, *, hours: int = DEFAULT_EXPIRY_HOURS, now: datetime | None = None
) -> int:
    """Mark expired what is still pending after `hours`; the number of SMS expired."""
    moment = now or datetime.now(UTC)
    cutoff_at = moment - timedelta(hours=max(1, hours))
    with store.write():
        row = store.db.execute_sql(
            "SELECT value FROM delivery_counter WHERE name = ?", (_WATERMARK,)
        ).fetchone()
        since = _sql_utc(datetime.fromtimestamp(int(row[0]), UTC)) if row else ""
        cutoff = _sql_utc(cutoff_at)
        if since >= cutoff:
            return 0
        values = (Delivery.EXPIRED.value, _iso(moment), Reason.NO_RECEIPT.value)
        expired = 0
        batches = _batches_due(store, since, cutoff)
        for batch_id, first_id, last_id in batches:
            cursor = store.db.execute_sql(
                "UPDATE campaign_recipient SET delivery = ?, delivery_at = ?, "
                "delivery_reason = ? WHERE id BETWEEN ? AND ? AND batch_id = ? "
                "AND state = 'sent' AND delivery IS NULL",
                (*values, first_id, last_id, batch_id),
            )
            expired += int(cursor.rowcount or 0)
        cursor = store.db.execute_sql(
            "UPDATE notification SET delivery = ?, delivery_at = ?, delivery_reason = ? "
            "WHERE state = 'sent' AND delivery IS NULL AND datetime(sent_at) >= ? "
            "AND datetime(sent_at) < ?",
            (*values, since, cutoff),
        )
        expired += int(cursor.rowcount or 0)
        store.db.execute_sql(
            "INSERT INTO delivery_counter (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (_WATERMARK, int(cutoff_at.timestamp())),
        )
    return expired
