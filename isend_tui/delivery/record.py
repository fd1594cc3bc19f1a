"""Recording receipts: the raw receipt, the delivery state it gives, the suppression list.

`record` runs inside the caller's write transaction (`store.write()`), so a batch of
receipts is committed at once, each exactly once: the receipt's key is UNIQUE in
``delivery_receipt``, a receipt received twice is counted as a duplicate and changes
nothing. A tracker that is not ours is kept as an orphan; an unreadable receipt is kept
raw, only the last UNREADABLE_KEPT of them (the counter keeps the total).

A permanent failure puts the number on the suppression list (source "delivery", with the
campaign or notification that found it); a temporary one never does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from isend_tui.campaigns.suppression import Source
from isend_tui.delivery.receipts import Receipt, Unreadable
from isend_tui.delivery.states import Delivery, supersedes
from isend_tui.store import Store

UNREADABLE_KEPT = 500


@dataclass
class Tally:
    """What recording a batch of receipts did."""

    recorded: int = 0
    """New receipts for our SMS."""
    changed: int = 0
    """Delivery states changed by them."""
    duplicates: int = 0
    orphans: int = 0
    unreadable: int = 0
    suppressed: int = 0
    campaigns: set[int] = field(default_factory=set)
    """Campaigns whose states changed (a screen showing one refreshes it)."""
    notifications: set[int] = field(default_factory=set)

    def add(self, other: Tally) -> None:
        self.recorded += other.recorded
        self.changed += other.changed
        self.duplicates += other.duplicates
        self.orphans += other.orphans
        self.unreadable += other.unreadable
        self.suppressed += other.suppressed
        self.campaigns |= other.campaigns
        self.notifications |= other.notifications


def _now() -> datetime:
    return datetime.now(UTC)


def _bump(db: sqlite3.Connection, name: str, by: int = 1) -> None:
    db.execute(
        "INSERT INTO delivery_counter (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
        (name, by),
    )


def _keep_unreadable(db: sqlite3.Connection, item: Unreadable, at: str, via: str) -> None:
    db.execute(
        "INSERT INTO delivery_receipt (received_at, kind, via, status, raw) "
        "VALUES (?, 'unreadable', ?, ?, ?)",
        (at, via, item.why, item.raw),
    )
    _bump(db, "unreadable")
    db.execute(
        "DELETE FROM delivery_receipt WHERE kind = 'unreadable' AND id <= ("
        "SELECT id FROM delivery_receipt WHERE kind = 'unreadable' "
        "ORDER BY id DESC LIMIT 1 OFFSET ?)",
        (UNREADABLE_KEPT,),
    )


def _current(
    db: sqlite3.Connection, kind: str, first: int, second: int
) -> tuple[str, str | None] | None:
    """(number, delivery) of the SMS a tracker names, or None if there is no such SMS."""
    if kind == "campaign":
        row = db.execute(
            "SELECT number, delivery FROM campaign_recipient WHERE id = ? AND campaign_id = ?",
            (second, first),
        ).fetchone()
    else:
        row = db.execute(
            "SELECT number, delivery FROM notification WHERE id = ?", (first,)
        ).fetchone()
    return None if row is None else (str(row[0]), row[1])


def suppress_dead_number(db: sqlite3.Connection, number: str, found_by: str, at: str) -> int:
    """Put a number with a permanent failure on the suppression list (1 if it was not)."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO suppression (number, source, note, added_at, found_by) "
        "VALUES (?, ?, '', ?, ?)",
        (number, Source.DELIVERY.value, at, found_by),
    )
    return int(cursor.rowcount or 0)


def _record_one(db: sqlite3.Connection, receipt: Receipt, at: str, via: str, tally: Tally) -> None:
    target = receipt.target()
    current = _current(db, target[0], target[1], target[2]) if target else None
    kind = target[0] if target is not None and current is not None else "orphan"
    campaign_id = target[1] if kind == "campaign" and target else None
    recipient_id = target[2] if kind == "campaign" and target else None
    notification_id = target[1] if kind == "notification" and target else None
    state = receipt.state.value if receipt.state else None
    cursor = db.execute(
        "INSERT OR IGNORE INTO delivery_receipt (received_at, receipt_key, kind, via, tracker, "
        "number, status, state, at, campaign_id, recipient_id, notification_id, raw) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at,
            receipt.key,
            kind,
            via,
            receipt.tracker,
            receipt.number,
            receipt.status,
            state,
            receipt.at,
            campaign_id,
            recipient_id,
            notification_id,
            receipt.raw,
        ),
    )
    if not cursor.rowcount:
        tally.duplicates += 1
        _bump(db, "duplicates")
        return
    if kind == "orphan" or current is None:
        tally.orphans += 1
        return
    tally.recorded += 1
    number, recorded = current
    was = Delivery(recorded) if recorded is not None and recorded in set(Delivery) else None
    if not supersedes(receipt.state, was):
        return
    values = (state, receipt.received_time(datetime.fromisoformat(at)), receipt.status)
    if kind == "campaign":
        db.execute(
            "UPDATE campaign_recipient SET delivery = ?, delivery_at = ?, delivery_code = ?, "
            "delivery_reason = ? WHERE id = ?",
            (*values, receipt.reason.value, recipient_id),
        )
        tally.campaigns.add(int(campaign_id or 0))
        found_by = f"campaign:{campaign_id}"
    else:
        db.execute(
            "UPDATE notification SET delivery = ?, delivery_at = ?, delivery_code = ?, "
            "delivery_reason = ? WHERE id = ?",
            (*values, receipt.reason.value, notification_id),
        )
        tally.notifications.add(int(notification_id or 0))
        found_by = f"notification:{notification_id}"
    tally.changed += 1
    if receipt.state is Delivery.FAILED_PERMANENT and number:
        tally.suppressed += suppress_dead_number(db, number, found_by, at)


def record(
    store: Store,
    items: Iterable[Receipt | Unreadable],
    *,
    via: str = "callback",
    now: datetime | None = None,
) -> Tally:
    """Record receipts. Call inside the caller's `store.write()` transaction."""
    at = (now or _now()).astimezone(UTC).isoformat(timespec="seconds")
    db = store.db.connection()  # the transaction's own: no peewee layer per statement
    tally = Tally()
    for item in items:
        if isinstance(item, Unreadable):
            _keep_unreadable(db, item, at, via)
            tally.unreadable += 1
        else:
            _record_one(db, item, at, via, tally)
    return tally


def record_now(
    store: Store, items: Iterable[Receipt | Unreadable], *, via: str = "callback"
) -> Tally:
    """Record receipts in their own transaction (committed when this returns)."""
    with store.write():
        return record(store, items, via=via)
