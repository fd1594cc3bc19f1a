"""Id cursors: where the watcher stopped reading each shop table, and the ids it skipped.

A cursor is the last auto-increment id read from its table. An InnoDB transaction can
commit a lower id after a higher one, so the ids a read jumps over are kept as gaps and
looked for again for GAP_TTL_S, then forgotten. Cursors are saved in the same transaction
as the notifications of the rows read (Outbox.commit): after a crash before it, the same
rows are read again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from isend_tui.notifications.models import WatcherCursor

STREAMS = ("order_history", "customer", "order_return", "order_slip")
ID_COLUMNS = {
    "order_history": "id_order_history",
    "customer": "id_customer",
    "order_return": "id_order_return",
    "order_slip": "id_order_slip",
}
TRACKING_CURSOR = "tracking"
"""Not a table's cursor: the highest order id at first start (orders up to it are the
silent tracking baseline) and, in `extra`, whether the baselines are done."""

GAP_TTL_S = 3600.0
"""How long an id skipped by a poll (its row not committed yet) is looked for again. A
PrestaShop transaction rarely stays open a minute (a payment module waiting for its bank);
an hour leaves a wide margin, and re-reading up to MAX_GAPS ids by primary key per poll
costs little (bench/watch_bench.py)."""
MAX_GAPS = 2000


@dataclass
class Cursor:
    name: str
    value: int
    gaps: dict[int, float] = field(default_factory=dict)
    """Skipped id -> when it was first skipped (clock timestamp)."""
    extra: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False
    """Changed since loaded: saved with the next commit."""


def load_cursors(db: Any) -> dict[str, Cursor]:
    cursors: dict[str, Cursor] = {}
    for name, value, raw_gaps, raw_extra in db.execute_sql(
        "SELECT name, value, gaps, extra FROM watcher_cursor"
    ).fetchall():
        try:
            gaps = {int(i): float(t) for i, t in json.loads(raw_gaps)}
            extra = json.loads(raw_extra)
        except (ValueError, TypeError):
            gaps, extra = {}, {}
        cursors[name] = Cursor(name, int(value), gaps, extra)
    return cursors


def save_cursor(cursor: Cursor, now: str) -> None:
    """Write one cursor (inside the caller's transaction)."""
    WatcherCursor.insert(
        name=cursor.name,
        value=cursor.value,
        gaps=json.dumps(sorted([i, t] for i, t in cursor.gaps.items())),
        extra=json.dumps(cursor.extra, sort_keys=True),
        updated_at=now,
    ).on_conflict_replace().execute()


def advance(cursor: Cursor, ids: Iterable[int], now: float) -> None:
    """Move the cursor past `ids` (rows just read), noting the ids it jumped over."""
    got = set(ids)
    before = len(cursor.gaps)
    for i in got:
        cursor.gaps.pop(i, None)
    new = sorted(i for i in got if i > cursor.value)
    if new:
        top = new[-1]
        missing = top - cursor.value - len(new)
        if missing > 0:
            start = max(cursor.value + 1, top - MAX_GAPS - len(new))
            present = set(new)
            for i in range(start, top):
                if i not in present:
                    cursor.gaps[i] = now
        cursor.value = top
        cursor.dirty = True
    expired = [i for i, seen in cursor.gaps.items() if now - seen > GAP_TTL_S]
    for i in expired:
        del cursor.gaps[i]
    if len(cursor.gaps) > MAX_GAPS:
        for i in sorted(cursor.gaps)[: len(cursor.gaps) - MAX_GAPS]:
            del cursor.gaps[i]
    if len(cursor.gaps) != before or expired:
        cursor.dirty = True
